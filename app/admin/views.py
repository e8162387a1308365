"""Administration: users, memberships, units and accessibility reports."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts import mail, permissions, services
from app.accounts.forms import MembershipForm, NewUserForm, UserForm
from app.accounts.models import Membership, Role, TokenPurpose, User
from app.admin import queries
from app.core.forms import EmptyForm
from app.db import utcnow
from app.directory.models import Organisation
from app.extensions import db
from app.mailing import sending
from app.mailing import services as mailing
from app.mailing.models import OutgoingMail
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
    mails = mailing.troubled(_mail_units())
    return render_template(
        "admin/index.html", users=users, reports=reports, mails=mails, form=EmptyForm()
    )


def _mail_units() -> set[int] | None:
    """Whose mails the admin sees: every unit's for a site admin (None), else their own."""
    return None if current_user.is_site_admin else permissions.admin_unit_ids(current_user)


@bp.post("/mail/<int:mail_id>/retry")
def retry_mail(mail_id: int):
    """Send a given-up mail again (after the address or the mail server was put right)."""
    outgoing = db.get_or_404(OutgoingMail, mail_id)
    units = _mail_units()
    if units is not None and outgoing.unit_id not in units:
        abort(403)
    if EmptyForm().validate_on_submit() and outgoing.failed_at is not None:
        mailing.retry(outgoing)
        db.session.commit()
        if sending.send_one(outgoing.id, utcnow()):
            flash(_("Mejlet är skickat."), "success")
        else:
            flash(_("Mejlet kunde inte skickas nu heller; Torget försöker igen."), "warning")
    return redirect(url_for("admin.index"))


def _new_user_form() -> NewUserForm:
    form = NewUserForm()
    if current_user.is_site_admin:
        del form.unit  # the account is the site admins' alone
        return form
    del form.is_city_officer, form.is_site_admin
    units = db.session.scalars(
        select(Unit)
        .where(Unit.id.in_(permissions.admin_unit_ids(current_user)))
        .order_by(Unit.name)
    )
    form.unit.choices = [(u.id, u.name) for u in units]
    return form


@bp.route("/users/new", methods=["GET", "POST"])
def new_user():
    """Create an account and mail the person an invitation to choose their password."""
    form = _new_user_form()
    if form.validate_on_submit():
        columns = {k: form[k].data for k in ("is_city_officer", "is_site_admin") if k in form}
        if "unit" in form:
            columns["owner_unit_id"] = form.unit.data
        try:
            user = services.create_user(
                current_user,
                form.email.data,
                form.name.data,
                is_active=form.is_active.data,
                **columns,
            )
        except services.AccountError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            _send_link(user, TokenPurpose.INVITATION)
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=None)


def _send_link(user: User, purpose: TokenPurpose) -> None:
    """Mail the person a link to set their password, and tell the admin how it went."""
    queued = mail.queue_link(user, purpose)
    db.session.commit()
    if not sending.send_now([queued]):
        flash(
            _(
                "Kontot är sparat, men e-postmeddelandet kunde inte skickas just nu. Det "
                "skickas så snart det går."
            ),
            "warning",
        )
        return
    if purpose is TokenPurpose.INVITATION:
        flash(
            _("Kontot är skapat och en inbjudan är skickad till %(email)s.", email=user.email),
            "success",
        )
    else:
        flash(
            _("En länk för att välja nytt lösenord är skickad till %(email)s.", email=user.email),
            "success",
        )


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
def edit_user(user_id: int):
    """Edit a user's details and active state; passwords are set only by their owner."""
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
        invited=user.password_hash == services.NO_PASSWORD,
        membership_form=_membership_form(),
        empty=EmptyForm(),
    )


@bp.post("/users/<int:user_id>/link")
def send_link(user_id: int):
    """Mail the person a new invitation, or a link to choose a new password."""
    user = load_user_for_edit(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if not user.is_active:
        flash(_("Kontot är inaktiverat. Aktivera det först."), "error")
    else:
        invited = user.password_hash == services.NO_PASSWORD
        _send_link(user, TokenPurpose.INVITATION if invited else TokenPurpose.RESET)
    return redirect(url_for("admin.edit_user", user_id=user.id))


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
