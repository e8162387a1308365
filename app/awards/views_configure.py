"""Setting up cycles: new cycle, settings, categories and criteria."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.awards import clock, configure, permissions
from app.awards.configure_forms import CategoryForm, CriterionForm, CycleForm
from app.awards.models import AwardCategory, AwardCycle, Criterion, JurorAssignment
from app.awards.phases import last_day
from app.awards.services import AwardError
from app.awards.views import bp
from app.awards.views_manage import fail, load_cycle
from app.core.formatting import to_local
from app.core.forms import EmptyForm
from app.directory.models import Organisation
from app.events.models import Event
from app.extensions import db
from app.units.models import Unit


def _administered_units() -> list[Unit]:
    ids = {m.unit_id for m in current_user.memberships}
    ids = {i for i in ids if permissions.can_administer(current_user, i)}
    return list(db.session.scalars(select(Unit).where(Unit.id.in_(ids)).order_by(Unit.name)))


def _events(unit_ids) -> list[Event]:
    query = select(Event).where(Event.unit_id.in_(unit_ids)).order_by(Event.starts_at.desc())
    return list(db.session.scalars(query.limit(200)))


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
            cycle = configure.create_cycle(
                current_user, form.unit.data, configure.cycle_values(form)
            )
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
            configure.update_cycle(current_user, cycle, configure.cycle_values(form))
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
        configure.add_category(current_user, cycle, configure.category_values(form))
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
        configure.add_criterion(current_user, cycle, configure.criterion_values(form), clock.now())
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
        configure.update_category(current_user, category, configure.category_values(form))

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
        values = configure.criterion_values(form)
        configure.update_criterion(current_user, criterion, values, clock.now())

    saved = _("Kriteriet är sparat.")
    return _edit_part(cycle, criterion, "criterion", form, save, form.weight, saved)


@bp.post("/manage/awards/categories/<int:category_id>/delete")
@login_required
def delete_category(category_id: int):
    """Remove a category that has no nominations and no jurors."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = load_cycle(category.cycle_id)
    return _confirmed(
        lambda: configure.delete_category(current_user, category),
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
        lambda: configure.delete_criterion(current_user, criterion, clock.now()),
        url_for("awards.edit_criterion", criterion_id=criterion.id),
        _("Kriteriet är borttaget."),
        url_for("awards.edit_cycle", cycle_id=cycle.id),
    )


@bp.post("/manage/awards/jurors/<int:assignment_id>/remove")
@login_required
def remove_juror(assignment_id: int):
    """Take a juror off a category before they have started their work there."""
    assignment = db.get_or_404(JurorAssignment, assignment_id)
    back = url_for("awards.manage_cycle", cycle_id=load_cycle(assignment.category.cycle_id).id)
    return _confirmed(
        lambda: configure.remove_juror(current_user, assignment),
        back,
        _("Juryledamoten är borttagen ur kategorin."),
        back,
    )
