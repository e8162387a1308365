"""Setting up cycles: new cycle, settings, categories and criteria."""

from __future__ import annotations

from datetime import timedelta

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.awards import clock, configure, permissions
from app.awards.configure_forms import CategoryForm, CriterionForm, CycleForm
from app.awards.models import AwardCycle
from app.awards.services import AwardError
from app.awards.views import bp
from app.awards.views_manage import load_cycle
from app.core.formatting import to_local
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
        "closes_on": to_local(cycle.last_moment).date(),
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
