"""The administrator sets up and runs a cycle: the cycles, a cycle's page and phase, its settings, categories, criteria and jurors."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts.models import Membership, Role, User
from app.awards import clock, permissions, queries, services
from app.awards.forms.screening import RulingForm
from app.awards.forms.setup import (
    AssignJurorForm,
    CategoryForm,
    CriterionForm,
    CycleForm,
    PhaseForm,
)
from app.awards.labels import ground_labels, phase_labels
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Criterion,
    JurorAssignment,
    Phase,
)
from app.awards.phases import last_day, next_phases
from app.awards.services import AwardError
from app.awards.views.blueprint import bp, fail, load_cycle
from app.core.formatting import to_local
from app.core.forms import EmptyForm
from app.directory.models import Organisation
from app.events.models import Event
from app.extensions import db
from app.mailing import sending
from app.mailing import services as mailing
from app.units.models import Unit


def _administered_units() -> list[Unit]:
    ids = {m.unit_id for m in current_user.memberships}
    ids = {i for i in ids if permissions.can_administer(current_user, i)}
    return list(db.session.scalars(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.name)))


def _events(unit_ids) -> list[Event]:
    query = select(Event).where(Event.unit_id.in_(unit_ids)).order_by(Event.starts_at.desc())
    return list(db.session.scalars(query.limit(200)))


@bp.get("/manage/awards/")
@login_required
def manage_index():
    """The cycles of the units the user administers."""
    units = {m.unit_id for m in current_user.memberships}
    units = {u for u in units if permissions.can_administer(current_user, u)}
    if not units:
        abort(403)
    cycles = db.session.scalars(queries.cycles_of_units(units)).all()
    return render_template("awards/manage_index.html", cycles=cycles, labels=phase_labels())


@bp.get("/manage/awards/<int:cycle_id>/")
@login_required
def manage_cycle(cycle_id: int):
    """The administrator's cycle page: phase, progress per category and juror."""
    return _manage_page(load_cycle(cycle_id))


def _manage_page(cycle: AwardCycle, phase_form: PhaseForm | None = None, status: int = 200):
    now = clock.now()
    phase = services.phase_of(cycle, now)
    jurors = db.session.scalars(
        select(User)
        .join(Membership)
        .where(Membership.unit_id == cycle.unit_id, Membership.role == Role.JUROR)
        .order_by(User.name)
    ).all()
    assign = AssignJurorForm()
    assign.user.choices = [(u.id, u.name) for u in jurors]
    return render_template(
        "awards/manage_cycle.html",
        cycle=cycle,
        phase=phase,
        deadline=services.nomination_deadline(cycle, now),
        early_close=services.early_close_preview(cycle, now),
        ceremony_at=services.ceremony_start(cycle),
        winners_public=services.winners_public(cycle, now),
        labels=phase_labels(),
        phase_form=phase_form or PhaseForm(allowed=next_phases(phase)),
        assign_form=assign,
        ruling_form=RulingForm(),
        grounds=ground_labels(),
        progress=queries.progress(cycle),
    ), status


@bp.post("/manage/awards/<int:cycle_id>/phase")
@login_required
def set_phase(cycle_id: int):
    """Move the cycle one phase on or back; logged. Closing an open call before its last
    day asks first: the page comes back with the question until it is confirmed."""
    cycle = load_cycle(cycle_id)
    now = clock.now()
    form = PhaseForm(allowed=next_phases(services.phase_of(cycle, now)))
    back = url_for("awards.manage_cycle", cycle_id=cycle.id)
    if not form.validate_on_submit():
        return fail(services.AwardError(_("Välj en av faserna i listan."), 400), back)
    try:
        services.set_phase(
            current_user,
            cycle,
            Phase(form.phase.data),
            now,
            confirmed_early_close=form.confirm_early_close.data,
        )
    except services.NeedsConfirmation as question:
        db.session.rollback()
        form.confirm_early_close.errors = [str(question)]
        return _manage_page(load_cycle(cycle_id), phase_form=form, status=400)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Fasen är ändrad."), "success")
    return redirect(back)


@bp.route("/manage/awards/new", methods=["GET", "POST"])
@login_required
def new_cycle():
    """Start a new cycle (in draft) for a unit the user administers."""
    units = _administered_units()
    if not units:
        abort(403)
    form = CycleForm(units=units, events=_events([u.id for u in units]))
    if form.validate_on_submit():
        try:
            cycle = services.create_cycle(current_user, form.unit.data, services.cycle_values(form))
        except AwardError as error:
            form.year.errors.append(str(error))
        else:
            db.session.commit()
            flash(
                _("Omgången är skapad som utkast. Lägg till kategorier och kriterier."), "success"
            )
            return redirect(url_for("awards.edit_cycle", cycle_id=cycle.id))
    status = 400 if form.is_submitted() else 200
    return render_template("awards/cycle_form.html", form=form, cycle=None), status


def _settings_forms(cycle: AwardCycle):
    organisations = db.session.scalars(select(Organisation).order_by(Organisation.name))
    return (
        CategoryForm(prefix="category", organisations=list(organisations)),
        CriterionForm(prefix="criterion", categories=cycle.categories),
    )


def _cycle_data(cycle: AwardCycle) -> dict:
    return {
        "year": cycle.year,
        "title": cycle.title,
        "description": cycle.description,
        "aggregation": str(cycle.aggregation),
        "normalise": cycle.normalise,
        "partner_decides": cycle.partner_decides,
        "retention_months": cycle.retention_months,
        "opens_on": to_local(cycle.nominations_open_at).date(),
        "closes_on": last_day(cycle.nominations_close_at),
        "judging_until": to_local(cycle.judging_deadline_at - timedelta(seconds=1)).date()
        if cycle.judging_deadline_at
        else None,
        "ceremony": cycle.ceremony_event_id or 0,
    }


@bp.route("/manage/awards/<int:cycle_id>/settings", methods=["GET", "POST"])
@login_required
def edit_cycle(cycle_id: int):
    """A cycle's dates and rules, its categories and criteria."""
    cycle = load_cycle(cycle_id)
    form = CycleForm(data=_cycle_data(cycle), events=_events([cycle.unit_id]))
    del form.unit
    if form.validate_on_submit():
        try:
            services.update_cycle(current_user, cycle, services.cycle_values(form))
        except AwardError as error:
            form.year.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Inställningarna är sparade."), "success")
            return redirect(url_for("awards.edit_cycle", cycle_id=cycle.id))
    return _settings_page(cycle, form, status=400 if form.is_submitted() else 200)


def _settings_page(cycle: AwardCycle, form=None, status: int = 200, **submitted):
    """The settings page; a submitted category or criterion form comes back with its errors."""
    if form is None:
        # formdata=None: the request carries another form's fields, not the cycle's.
        form = CycleForm(formdata=None, data=_cycle_data(cycle), events=_events([cycle.unit_id]))
        del form.unit
    category_form, criterion_form = _settings_forms(cycle)
    return render_template(
        "awards/cycle_form.html",
        form=form,
        cycle=cycle,
        category_form=submitted.get("category_form", category_form),
        criterion_form=submitted.get("criterion_form", criterion_form),
    ), status


@bp.post("/manage/awards/<int:cycle_id>/categories")
@login_required
def add_category(cycle_id: int):
    """Add a category owned by a partner."""
    cycle = load_cycle(cycle_id)
    form, _criterion = _settings_forms(cycle)
    if not form.validate_on_submit():
        return _settings_page(cycle, status=400, category_form=form)
    try:
        services.add_category(current_user, cycle, services.category_values(form))
    except AwardError as error:
        db.session.rollback()
        form.name.errors.append(str(error))
        return _settings_page(cycle, status=error.status, category_form=form)
    db.session.commit()
    flash(_("Kategorin är tillagd."), "success")
    return redirect(url_for("awards.edit_cycle", cycle_id=cycle.id))


@bp.post("/manage/awards/<int:cycle_id>/criteria")
@login_required
def add_criterion(cycle_id: int):
    """Add a general or category criterion with its weight and scale."""
    cycle = load_cycle(cycle_id)
    _category, form = _settings_forms(cycle)
    if not form.validate_on_submit():
        return _settings_page(cycle, status=400, criterion_form=form)
    try:
        services.add_criterion(current_user, cycle, services.criterion_values(form), clock.now())
    except AwardError as error:
        db.session.rollback()
        form.name.errors.append(str(error))
        return _settings_page(cycle, status=error.status, criterion_form=form)
    db.session.commit()
    flash(_("Kriteriet är tillagt."), "success")
    return redirect(url_for("awards.edit_cycle", cycle_id=cycle.id))


def _part_page(cycle: AwardCycle, form, part, kind: str, status: int = 200):
    """The edit page of one category or criterion, with its delete button."""
    return render_template(
        "awards/part_form.html",
        cycle=cycle,
        form=form,
        part=part,
        kind=kind,
        delete_form=EmptyForm(),
    ), status


def _edit_part(cycle: AwardCycle, part, kind: str, form, save, error_field, saved: str):
    """Validate, save with `save()`, commit and go back; a broken rule shows beside the field."""
    if form.validate_on_submit():
        try:
            save()
        except AwardError as error:
            db.session.rollback()
            error_field.errors.append(str(error))
            return _part_page(cycle, form, part, kind, error.status)
        db.session.commit()
        flash(saved, "success")
        return redirect(url_for("awards.edit_cycle", cycle_id=cycle.id))
    return _part_page(cycle, form, part, kind, 400 if form.is_submitted() else 200)


def _confirmed(remove, back: str, done: str, then: str):
    """Run a confirmed removal: commit, say so and go to `then`; a broken rule changes nothing."""
    if not EmptyForm().validate_on_submit():
        abort(400)
    try:
        remove()
    except AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(done, "success")
    return redirect(then)


@bp.route("/manage/awards/categories/<int:category_id>", methods=["GET", "POST"])
@login_required
def edit_category(category_id: int):
    """Change a category's name, partner, description and conditions."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = load_cycle(category.cycle_id)
    organisations = list(db.session.scalars(select(Organisation).order_by(Organisation.name)))
    data = {"name": category.name, "partner": category.partner_id or 0}
    data |= {"description": category.description, "eligibility": category.eligibility}
    form = CategoryForm(organisations=organisations, data=data)

    def save():
        services.update_category(current_user, category, services.category_values(form))

    return _edit_part(cycle, category, "category", form, save, form.name, _("Kategorin är sparad."))


@bp.route("/manage/awards/criteria/<int:criterion_id>", methods=["GET", "POST"])
@login_required
def edit_criterion(criterion_id: int):
    """Change a criterion; weight and scale only until it has been used."""
    criterion = db.get_or_404(Criterion, criterion_id)
    cycle = load_cycle(criterion.cycle_id)
    data = {c: getattr(criterion, c) for c in ("name", "description", "weight", "scale_max")}
    data |= {"category": criterion.category_id or 0, "screening_only": criterion.screening_only}
    form = CriterionForm(categories=cycle.categories, data=data)

    def save():
        values = services.criterion_values(form)
        services.update_criterion(current_user, criterion, values, clock.now())

    saved = _("Kriteriet är sparat.")
    return _edit_part(cycle, criterion, "criterion", form, save, form.weight, saved)


@bp.post("/manage/awards/categories/<int:category_id>/delete")
@login_required
def delete_category(category_id: int):
    """Remove a category that has no nominations and no jurors."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = load_cycle(category.cycle_id)
    return _confirmed(
        lambda: services.delete_category(current_user, category),
        url_for("awards.edit_category", category_id=category.id),
        _("Kategorin är borttagen."),
        url_for("awards.edit_cycle", cycle_id=cycle.id),
    )


@bp.post("/manage/awards/criteria/<int:criterion_id>/delete")
@login_required
def delete_criterion(criterion_id: int):
    """Remove a criterion that no screening or score has used."""
    criterion = db.get_or_404(Criterion, criterion_id)
    cycle = load_cycle(criterion.cycle_id)
    return _confirmed(
        lambda: services.delete_criterion(current_user, criterion, clock.now()),
        url_for("awards.edit_criterion", criterion_id=criterion.id),
        _("Kriteriet är borttaget."),
        url_for("awards.edit_cycle", cycle_id=cycle.id),
    )


@bp.post("/manage/awards/categories/<int:category_id>/jurors")
@login_required
def assign_juror(category_id: int):
    """Assign a juror (or a substitute) to a category and tell them by mail."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = load_cycle(category.cycle_id)
    form = AssignJurorForm()
    back = url_for("awards.manage_cycle", cycle_id=cycle.id)
    user = db.session.get(User, form.user.data or 0) if form.validate_on_submit() else None
    if user is None or Role.JUROR not in user.roles_in(cycle.unit_id):
        return fail(services.AwardError(_("Välj en juryledamot i listan."), 400), back)
    try:
        services.assign_juror(current_user, category, user, form.substitute_for.data or None)
    except services.AwardError as error:
        return fail(error, back)
    body = render_template("awards/juror_mail.txt", cycle=cycle, category=category, user=user)
    subject = _("Du är juryledamot i %(name)s", name=category.name)
    queued = mailing.queue(user.email, subject, body, unit_id=cycle.unit_id)
    db.session.commit()
    if sending.send_now([queued]):
        flash(_("Juryledamoten är tillagd och har fått ett mejl."), "success")
    else:
        flash(
            _(
                "Juryledamoten är tillagd. Mejlet kunde inte skickas just nu; det skickas så "
                "snart det går."
            ),
            "warning",
        )
    return redirect(back)


@bp.post("/manage/awards/jurors/<int:assignment_id>/remove")
@login_required
def remove_juror(assignment_id: int):
    """Take a juror off a category before they have started their work there."""
    assignment = db.get_or_404(JurorAssignment, assignment_id)
    back = url_for("awards.manage_cycle", cycle_id=load_cycle(assignment.category.cycle_id).id)
    return _confirmed(
        lambda: services.remove_juror(current_user, assignment),
        back,
        _("Juryledamoten är borttagen ur kategorin."),
        back,
    )
