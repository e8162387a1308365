"""Administration: users, memberships, units and accessibility reports."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts import permissions, services
from app.accounts.forms import EmptyForm, MembershipForm, UserForm
from app.accounts.models import Membership, Role, User
from app.admin import queries
from app.core import navigation
from app.directory.models import Organisation
from app.extensions import db
from app.pages.models import AccessibilityReport
from app.pages.services import mark_handled
from app.units.models import Unit

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def require_admin():
    if not permissions.can_manage_users(current_user):
        abort(403)


def load_user_for_edit(user_id: int) -> User:
    """The user, if the current admin may edit them (404 for unknown, 403 for out of reach)."""
    user = db.get_or_404(User, user_id)
    if not permissions.can_edit_user(current_user, user):
        abort(403)
    return user


def _membership_form() -> MembershipForm:
    form = MembershipForm()
    units = db.session.scalars(select(Unit).order_by(Unit.name))
    form.unit.choices = [
        (u.id, u.name) for u in units if permissions.can_manage_membership(current_user, u.id)
    ]
    orgs = db.session.scalars(select(Organisation).order_by(Organisation.name))
    form.organisation.choices = [(0, _("Ingen"))] + [(o.id, o.name) for o in orgs]
    return form


@bp.get("/")
def index():
    """The admin start page: users and reports waiting for an answer."""
    users = db.session.scalars(queries.users_visible_to(current_user)).all()
    reports = db.session.scalars(queries.accessibility_reports().limit(50)).all()
    return render_template("admin/index.html", users=users, reports=reports, form=EmptyForm())


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create a user; the admin then gives them roles."""
    form = UserForm(require_password=True)
    if not current_user.is_site_admin:
        del form.is_city_officer, form.is_site_admin
    if form.validate_on_submit():
        flags = {k: form[k].data for k in ("is_city_officer", "is_site_admin") if k in form}
        try:
            user = services.create_user(
                current_user,
                form.email.data,
                form.name.data,
                form.password.data,
                is_active=form.is_active.data,
                **flags,
            )
        except services.AccountError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Kontot är skapat. Ge det en roll nedan."), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Edit a user's details, password and active state."""
    user = load_user_for_edit(user_id)
    form = UserForm(obj=user)
    if not current_user.is_site_admin:
        del form.is_city_officer, form.is_site_admin
    if form.validate_on_submit():
        other = services.find_user(form.email.data)
        if other is not None and other.id != user.id:
            form.email.errors.append(_("E-postadressen används redan av ett annat konto."))
        else:
            services.update_user(current_user, user, form)
            db.session.commit()
            flash(_("Ändringarna är sparade."), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template(
        "admin/user_form.html",
        form=form,
        user=user,
        membership_form=_membership_form(),
        empty=EmptyForm(),
    )


@bp.post("/users/<int:user_id>/memberships")
def add_membership(user_id: int):
    """Give the user a role in a unit."""
    user = load_user_for_edit(user_id)
    form = _membership_form()
    if form.validate_on_submit():
        services.add_membership(
            current_user, user, form.unit.data, Role(form.role.data), form.organisation.data or None
        )
        db.session.commit()
        flash(_("Rollen är tillagd."), "success")
    else:
        flash(_("Rollen kunde inte läggas till: välj enhet och roll."), "error")
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.post("/memberships/<int:membership_id>/delete")
def remove_membership(membership_id: int):
    """Take a role away."""
    membership = db.get_or_404(Membership, membership_id)
    if not permissions.can_manage_membership(current_user, membership.unit_id):
        abort(403)
    user_id = membership.user_id
    if EmptyForm().validate_on_submit():
        services.remove_membership(current_user, membership)
        db.session.commit()
        flash(_("Rollen är borttagen."), "success")
    return redirect(url_for("admin.edit_user", user_id=user_id))


@bp.post("/accessibility-reports/<int:report_id>/handled")
def handle_report(report_id: int):
    """Mark an accessibility report as handled."""
    report = db.get_or_404(AccessibilityReport, report_id)
    if EmptyForm().validate_on_submit() and report.handled_at is None:
        mark_handled(current_user, report)
        db.session.commit()
        flash(_("Rapporten är markerad som hanterad."), "success")
    return redirect(url_for("admin.index"))


bp.record_once(
    lambda state: navigation.register(
        lambda: _("Administration"), "admin.index", permissions.can_manage_users
    )
)
