"""The unit's business dialogue: contacts, and needs followed to feedback. Staff only."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts.models import Membership, User
from app.core.fields import to_int
from app.core.formatting import to_local
from app.core.swedish import mask_org_number
from app.db import utcnow
from app.dialogue import flow, queries, services
from app.dialogue.forms import ContactForm, NeedForm, StepForm
from app.dialogue.labels import CATEGORY_LABELS, KIND_LABELS, STATUS_LABELS
from app.dialogue.models import Contact, ContactKind, Need, NeedCategory
from app.dialogue.permissions import (
    DIALOGUE_ROLES,
    can_keep_dialogue,
    dialogue_unit_ids,
    keeps_any_dialogue,
)
from app.directory import queries as directory_queries
from app.directory.models import Organisation
from app.extensions import db
from app.units.models import Unit

bp = Blueprint("dialogue", __name__, url_prefix="/manage/dialogue")


def _today() -> date:
    return to_local(utcnow()).date()


def _unit(unit_slug: str) -> Unit:
    unit = db.first_or_404(select(Unit).where(Unit.slug == unit_slug))
    if not can_keep_dialogue(current_user, unit.id):
        abort(403)
    return unit


def _fail(form, error: services.DialogueError) -> None:
    if error.status != 400:
        abort(error.status)
    target = form._fields.get(error.field) if error.field else None
    if target is None:
        flash(str(error.message), "error")
    else:
        target.errors = [*target.errors, error.message]


@bp.get("/")
@login_required
def index():
    """The units whose dialogue the person keeps; straight to it when there is one."""
    if not keeps_any_dialogue(current_user):
        abort(403)
    ids = dialogue_unit_ids(current_user)
    statement = select(Unit).order_by(Unit.name)
    if not current_user.is_site_admin:
        statement = statement.where(Unit.id.in_(ids))
    units = db.session.scalars(statement).all()
    if len(units) == 1:
        return redirect(url_for("dialogue.list_contacts", unit_slug=units[0].slug))
    return render_template("dialogue/index.html", units=units)


@bp.get("/<unit_slug>/contacts/")
@login_required
def list_contacts(unit_slug: str):
    """The unit's contacts, latest first."""
    unit = _unit(unit_slug)
    rows = db.session.scalars(queries.contacts(unit.id)).all()
    return render_template("dialogue/contacts.html", unit=unit, contacts=rows, kinds=KIND_LABELS)


def _linked(row) -> list[Organisation]:
    """The organisations the form offers to keep: those posted, else those of the row."""
    if request.method == "POST":
        ids = {to_int(value) for value in request.form.getlist("organisations")[:200]}
        return db.session.scalars(
            select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
        ).all()
    return list(row.organisations) if row is not None else []


def _organisation_ids(form) -> list[int] | None:
    """The ticked organisations and the one named in the add field; None (with the
    message beside the field) when that name fits none or several."""
    ids = list(form.organisations.data or ())
    wanted = (form.add_organisation.data or "").strip()
    if not wanted:
        return ids
    found, candidates = directory_queries.find_organisation(wanted)
    if found is None:
        names = ", ".join(o.name for o in candidates[:5])
        form.add_organisation.errors = [
            *form.add_organisation.errors,
            _(
                "Flera organisationer passar: %(names)s. Skriv mer av namnet eller numret.",
                names=names,
            )
            if candidates
            else _("Ingen organisation i registret heter så eller har det numret."),
        ]
        return None
    return ids if found.id in ids else [*ids, found.id]


def _questions(unit: Unit, *days: date | None) -> list:
    years = {day.year for day in days if day is not None} | {_today().year}
    return db.session.scalars(queries.questions_for(unit.id, years)).all()


def _contact_values(form: ContactForm) -> services.ContactValues:
    return services.ContactValues(
        kind=ContactKind(form.kind.data),
        held_on=form.held_on.data,
        topic=form.topic.data or "",
        staff=form.staff.data or "",
        notes=form.notes.data or "",
        authority=form.authority.data or "",
        answered_on=form.answered_on.data,
        question_ids=list(form.questions.data or ()),
    )


def _save_contact(unit: Unit, contact: Contact | None):
    held_on = contact.held_on if contact else None
    form = ContactForm(
        obj=contact, organisations=_linked(contact), questions=_questions(unit, held_on)
    )
    if contact is not None and not form.is_submitted():
        form.kind.data = contact.kind.value
        form.organisations.data = [o.id for o in contact.organisations]
        form.questions.data = [q.id for q in contact.questions]
    if contact is None and not form.is_submitted():
        form.held_on.data = _today()
    ids = _organisation_ids(form) if form.validate_on_submit() else None
    if ids is not None:
        values = _contact_values(form)
        values.organisation_ids = ids
        try:
            services.save_contact(current_user, unit.id, contact, values)
        except services.DialogueError as error:
            _fail(form, error)
        else:
            db.session.commit()
            flash(_("Kontakten är sparad."), "success")
            return redirect(url_for("dialogue.list_contacts", unit_slug=unit.slug))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "dialogue/contact_form.html", unit=unit, form=form, contact=contact
    ), status


@bp.route("/<unit_slug>/contacts/new", methods=["GET", "POST"])
@login_required
def new_contact(unit_slug: str):
    """Log a visit, a meeting, a call or a routed question."""
    return _save_contact(_unit(unit_slug), None)


def _row(model, unit: Unit, row_id: int):
    """A contact or need of this unit; another unit's is not found here."""
    row = db.get_or_404(model, row_id)
    if row.unit_id != unit.id:
        abort(404)
    return row


@bp.route("/<unit_slug>/contacts/<int:contact_id>", methods=["GET", "POST"])
@login_required
def edit_contact(unit_slug: str, contact_id: int):
    """Change a contact."""
    unit = _unit(unit_slug)
    return _save_contact(unit, _row(Contact, unit, contact_id))


@bp.post("/<unit_slug>/contacts/<int:contact_id>/delete")
@login_required
def delete_contact(unit_slug: str, contact_id: int):
    """Remove a contact (its needs stay)."""
    unit = _unit(unit_slug)
    services.delete_contact(current_user, _row(Contact, unit, contact_id))
    db.session.commit()
    flash(_("Kontakten är borttagen."), "success")
    return redirect(url_for("dialogue.list_contacts", unit_slug=unit.slug))


@bp.get("/<unit_slug>/needs/")
@login_required
def list_needs(unit_slug: str):
    """The unit's needs, oldest first; `?status=` and `?mine=1` narrow the list."""
    unit = _unit(unit_slug)
    wanted = request.args.get("status", "")
    status = flow.NeedStatus(wanted) if wanted in {str(s) for s in flow.NeedStatus} else None
    owner = current_user.id if request.args.get("mine") == "1" else None
    rows = db.session.scalars(queries.needs(unit.id, status, owner)).all()
    today = _today()
    overdue = {n.id for n in rows if flow.is_overdue(n.status, n.raised_on, today)}
    return render_template(
        "dialogue/needs.html",
        unit=unit,
        needs=rows,
        overdue=overdue,
        status=status,
        mine=owner is not None,
        categories=CATEGORY_LABELS,
        statuses=STATUS_LABELS,
    )


def _staff(unit: Unit) -> list[User]:
    return db.session.scalars(
        select(User)
        .join(Membership, Membership.user_id == User.id)
        .where(Membership.unit_id == unit.id, Membership.role.in_(DIALOGUE_ROLES))
        .distinct()
        .order_by(User.name)
    ).all()


def _need_values(form: NeedForm) -> services.NeedValues:
    return services.NeedValues(
        category=NeedCategory(form.category.data),
        description=form.description.data or "",
        raised_on=form.raised_on.data,
        owner_id=form.owner.data or None,
        forwarded_to=form.forwarded_to.data or "",
        contact_id=form.contact.data or None,
        question_ids=list(form.questions.data or ()),
    )


def _need_form(unit: Unit, need: Need | None, posted: bool = True) -> NeedForm:
    """The need's form, from the request when `posted`, else from the stored need."""
    fresh = not (posted and request.method == "POST")
    form = NeedForm(
        **({"formdata": None} if fresh else {}),
        obj=need,
        contacts=db.session.scalars(queries.contacts(unit.id)).all(),
        staff=_staff(unit),
        questions=_questions(unit, need.raised_on if need else None),
        organisations=_linked(need) if not fresh else list(need.organisations if need else ()),
    )
    if need is not None and fresh:
        form.category.data = need.category.value
        form.contact.data = need.contact_id or 0
        form.owner.data = need.owner_id or 0
        form.organisations.data = [o.id for o in need.organisations]
        form.questions.data = [q.id for q in need.questions]
    if need is None and fresh:
        form.raised_on.data = _today()
        form.owner.data = current_user.id
    return form


def _render_need(unit, need, form, step, status=200):
    return render_template(
        "dialogue/need_form.html",
        unit=unit,
        need=need,
        form=form,
        step=step,
        statuses=STATUS_LABELS,
        overdue=need is not None and flow.is_overdue(need.status, need.raised_on, _today()),
    ), status


@bp.route("/<unit_slug>/needs/new", methods=["GET", "POST"])
@login_required
def new_need(unit_slug: str):
    """Record a need or an obstacle a business raised."""
    unit = _unit(unit_slug)
    return _save_need(unit, None)


def _save_need(unit: Unit, need: Need | None):
    form = _need_form(unit, need)
    ids = _organisation_ids(form) if form.validate_on_submit() else None
    if ids is not None:
        values = _need_values(form)
        values.organisation_ids = ids
        try:
            saved = services.save_need(current_user, unit.id, need, values)
        except services.DialogueError as error:
            _fail(form, error)
        else:
            db.session.commit()
            flash(_("Behovet är sparat."), "success")
            return redirect(url_for("dialogue.edit_need", unit_slug=unit.slug, need_id=saved.id))
    step = _step_form(need) if need is not None else None
    return _render_need(unit, need, form, step, 400 if form.is_submitted() else 200)


def _step_form(need: Need, formdata=None) -> StepForm | None:
    if need.status is flow.NeedStatus.CLOSED:
        return None
    form = StepForm(formdata=formdata, current=need.status, prefix="step")
    if formdata is None:
        form.on.data = _today()
        form.feedback.data = need.feedback
    return form


@bp.route("/<unit_slug>/needs/<int:need_id>", methods=["GET", "POST"])
@login_required
def edit_need(unit_slug: str, need_id: int):
    """A need: its description and links, and its next step."""
    unit = _unit(unit_slug)
    return _save_need(unit, _row(Need, unit, need_id))


@bp.post("/<unit_slug>/needs/<int:need_id>/step")
@login_required
def move_need(unit_slug: str, need_id: int):
    """Take a need to a later step: routed, answered, fed back or closed."""
    unit = _unit(unit_slug)
    need = _row(Need, unit, need_id)
    step = _step_form(need, request.form)
    if step is not None and step.validate():
        try:
            services.move_need(
                current_user,
                need,
                flow.NeedStatus(step.status.data),
                step.on.data,
                step.feedback.data or "",
            )
        except services.DialogueError as error:
            _fail(step, error)
        else:
            db.session.commit()
            flash(_("Behovet har nu steget %(step)s.", step=STATUS_LABELS[need.status]), "success")
            return redirect(url_for("dialogue.edit_need", unit_slug=unit.slug, need_id=need.id))
    if step is None:
        flash(_("Behovet är stängt och går inte att flytta."), "error")
        return redirect(url_for("dialogue.edit_need", unit_slug=unit.slug, need_id=need.id))
    db.session.rollback()
    return _render_need(unit, need, _need_form(unit, need, posted=False), step, 400)


def home_section():
    """The start page's list of needs the person owns that still wait for feedback."""
    if not keeps_any_dialogue(current_user):
        return None
    rows = db.session.scalars(queries.waiting_needs_of(current_user.id).options()).all()
    if not rows:
        return None
    units = {
        u.id: u
        for u in db.session.scalars(select(Unit).where(Unit.id.in_({n.unit_id for n in rows})))
    }
    today = _today()
    return "dialogue/_home.html", {
        "waiting": rows,
        "units": units,
        "overdue": {n.id for n in rows if flow.is_overdue(n.status, n.raised_on, today)},
        "categories": CATEGORY_LABELS,
        "statuses": STATUS_LABELS,
    }


@bp.get("/organisations.json")
@login_required
def search_organisations():
    """Type-ahead for the forms: up to 20 organisations by name or number, as JSON."""
    if not keeps_any_dialogue(current_user):
        abort(403)
    text = request.args.get("q", "").strip()
    if len(text) < 2:
        return jsonify([])
    found = db.session.scalars(directory_queries.search_organisations(text)).all()
    return jsonify(
        [
            {"id": o.id, "name": o.name, "org_number": mask_org_number(o.org_number or "")}
            for o in found
        ]
    )
