"""Setting up a cycle: its dates and rules, categories and criteria, its phase and its jurors."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    Criterion,
    Decision,
    JurorAssignment,
    Phase,
    Score,
    ScreeningCheck,
)
from app.awards.phases import (
    closes_early,
)
from app.awards.services.common import AwardError, NeedsConfirmation, phase_of
from app.core.swedish import STOCKHOLM
from app.extensions import db


def assign_juror(
    actor, category: AwardCategory, user, substitute_for_id: int | None = None
) -> JurorAssignment:
    """Put a juror (or a substitute) on a category."""
    exists = db.session.scalar(
        select(JurorAssignment).where(
            JurorAssignment.category_id == category.id, JurorAssignment.user_id == user.id
        )
    )
    if exists is not None:
        raise AwardError(_l("Juryledamoten är redan med i kategorin."), 409)
    if substitute_for_id is not None and not _is_assigned(category, substitute_for_id):
        # Only a juror of this category can be stood in for; any other id would record a
        # substitute for someone who never judged here (or for any account at all).
        raise AwardError(_l("Den som ersätts måste vara juryledamot i kategorin."), 400)
    assignment = JurorAssignment(
        category_id=category.id, user_id=user.id, substitute_for_id=substitute_for_id
    )
    db.session.add(assignment)
    db.session.flush()
    record(
        actor,
        "awards.juror_assigned",
        assignment,
        unit_id=category.cycle.unit_id,
        category=category.name,
        juror=user.email,
        substitute_for=substitute_for_id,
    )
    return assignment


def _is_assigned(category: AwardCategory, user_id: int) -> bool:
    return (
        db.session.scalar(
            select(JurorAssignment.id).where(
                JurorAssignment.category_id == category.id, JurorAssignment.user_id == user_id
            )
        )
        is not None
    )


def set_phase(
    actor,
    cycle: AwardCycle,
    phase: Phase,
    now: datetime,
    by: str = "person",
    confirmed_early_close: bool = False,
) -> None:
    """Move the cycle to `phase` and log who (or the clock) did it.

    Leaving an open call before its planned close closes it at once: the person must have
    confirmed that, and the moment is kept as the call's deadline. Opening the call again
    forgets it, so the call runs to its planned close.
    """
    before = cycle.phase if by == "clock" else phase_of(cycle, now)
    if phase == before:
        raise AwardError(_l("Omgången är redan i den fasen."), 409)
    early = closes_early(cycle.phase, phase, cycle.nominations_close_at, now)
    if early and not confirmed_early_close:
        raise NeedsConfirmation(
            _(
                "Kryssa i att du vill stänga nomineringen före sista dagen, "
                "eller vänta med att byta fas."
            )
        )
    if early:
        cycle.nominations_closed_at = now
    elif phase == Phase.NOMINATIONS_OPEN:
        cycle.nominations_closed_at = None
    cycle.phase = phase
    db.session.flush()
    details = {"before": str(before), "after": str(phase), "by": by}
    if early:
        details["closed_early"] = True
    record(actor, "awards.phase_changed", cycle, **details)


def advance_by_dates(now: datetime) -> list[tuple[AwardCycle, Phase, Phase]]:
    """Store the phase the dates give for every cycle whose stored phase lags; logged."""
    changes = []
    for cycle in db.session.scalars(select(AwardCycle).order_by(AwardCycle.id)):
        phase = phase_of(cycle, now)
        if phase != cycle.phase:
            changes.append((cycle, cycle.phase, phase))
            set_phase(None, cycle, phase, now, by="clock")
    return changes


def local_midnight(day: date) -> datetime:
    """The start of `day` in Stockholm, as an aware datetime."""
    return datetime.combine(day, time(0), STOCKHOLM)


def cycle_values(form) -> dict:
    """A cycle's columns from the settings form; the last day is inclusive."""
    judging = form.judging_until.data
    return {
        "year": form.year.data,
        "title": form.title.data.strip(),
        "description": (form.description.data or "").strip(),
        "nominations_open_at": local_midnight(form.opens_on.data),
        "nominations_close_at": local_midnight(form.closes_on.data + timedelta(days=1)),
        "judging_deadline_at": local_midnight(judging + timedelta(days=1)) if judging else None,
        "ceremony_event_id": form.ceremony.data or None,
        "aggregation": form.aggregation.data,
        "normalise": form.normalise.data,
        "partner_decides": form.partner_decides.data,
        "retention_months": form.retention_months.data,
    }


def category_values(form) -> dict:
    """A category's columns from the settings page's category form."""
    return {
        "name": form.name.data.strip(),
        "partner_id": form.partner.data or None,
        "description": (form.description.data or "").strip(),
        "eligibility": (form.eligibility.data or "").strip(),
    }


def criterion_values(form) -> dict:
    """A criterion's columns from the settings page's criterion form."""
    return {
        "name": form.name.data.strip(),
        "description": (form.description.data or "").strip(),
        "category_id": form.category.data or None,
        "weight": form.weight.data,
        "scale_max": form.scale_max.data,
        "screening_only": form.screening_only.data,
    }


def _year_taken(unit_id: int, year: int, cycle_id: int | None = None) -> bool:
    found = db.session.scalar(
        select(AwardCycle.id).where(AwardCycle.unit_id == unit_id, AwardCycle.year == year)
    )
    return found is not None and found != cycle_id


def create_cycle(actor, unit_id: int, values: dict) -> AwardCycle:
    """A new cycle in draft."""
    if _year_taken(unit_id, values["year"]):
        raise AwardError(_l("Enheten har redan en omgång det året."), 409)
    cycle = AwardCycle(unit_id=unit_id, phase=Phase.DRAFT, **values)
    db.session.add(cycle)
    db.session.flush()
    record(actor, "awards.cycle_created", cycle, year=cycle.year)
    return cycle


def update_cycle(actor, cycle: AwardCycle, values: dict) -> None:
    """Change a cycle's dates and rules; logged with what changed."""
    if _year_taken(cycle.unit_id, values["year"], cycle.id):
        raise AwardError(_l("Enheten har redan en omgång det året."), 409)
    _change(actor, "awards.cycle_updated", cycle, values)


def _change(actor, action: str, row, values: dict, **details) -> None:
    """Set `values` on `row`, flush, and log the action with what changed."""
    changed = {k: str(v) for k, v in values.items() if getattr(row, k) != v}
    for key, value in values.items():
        setattr(row, key, value)
    db.session.flush()
    record(actor, action, row, changed=changed, **details)


def add_category(actor, cycle: AwardCycle, values: dict) -> AwardCategory:
    """A category owned by a partner."""
    if any(c.name == values["name"] for c in cycle.categories):
        raise AwardError(_l("Det finns redan en kategori med det namnet."), 409)
    category = AwardCategory(cycle_id=cycle.id, position=len(cycle.categories) + 1, **values)
    db.session.add(category)
    db.session.flush()
    record(actor, "awards.category_added", category, unit_id=cycle.unit_id, name=category.name)
    return category


def add_criterion(actor, cycle: AwardCycle, values: dict, now: datetime) -> Criterion:
    """A criterion; none is added once jurors have started scoring."""
    scored = db.session.scalar(
        select(Score.id).join(Criterion).where(Criterion.cycle_id == cycle.id).limit(1)
    )
    if scored is not None or _scoring_open(cycle, now):
        raise AwardError(_l("Kriterier kan inte läggas till när juryn har börjat bedöma."), 409)
    criterion = Criterion(cycle_id=cycle.id, position=len(cycle.criteria) + 1, **values)
    db.session.add(criterion)
    db.session.flush()
    record(actor, "awards.criterion_added", criterion, unit_id=cycle.unit_id, name=criterion.name)
    return criterion


def _decided(category: AwardCategory) -> bool:
    return db.session.scalar(select(Decision.id).where(Decision.category_id == category.id))


def update_category(actor, category: AwardCategory, values: dict) -> None:
    """Change a category's name, partner and texts; the partner stays once jurors are on it."""
    if _decided(category):
        raise AwardError(_l("Kategorin har ett beslut; det går inte att ändra den."), 409)
    if any(c.name == values["name"] and c.id != category.id for c in category.cycle.categories):
        raise AwardError(_l("Det finns redan en kategori med det namnet."), 409)
    if values["partner_id"] != category.partner_id and category.assignments:
        raise AwardError(
            _l("Kategorin har juryledamöter från partnern. Ta bort dem innan du byter partner."),
            409,
        )
    _change(actor, "awards.category_updated", category, values, unit_id=category.cycle.unit_id)


def delete_category(actor, category: AwardCategory) -> None:
    """Remove a category nobody has been nominated in or judges yet."""
    nominated = db.session.scalar(
        select(Candidate.id).where(Candidate.category_id == category.id).limit(1)
    )
    if nominated is not None:
        raise AwardError(_l("Kategorin har nomineringar och kan inte tas bort."), 409)
    if category.assignments:
        raise AwardError(_l("Kategorin har juryledamöter. Ta bort dem först."), 409)
    record(
        actor,
        "awards.category_deleted",
        category,
        unit_id=category.cycle.unit_id,
        name=category.name,
    )
    for criterion in category.criteria:  # its own criteria go with it, unused as it is
        db.session.delete(criterion)
    db.session.delete(category)
    db.session.flush()


#: A criterion's columns that change how candidates are scored or screened.
SCORING_COLUMNS = ("category_id", "weight", "scale_max", "screening_only")


def _criterion_used(criterion: Criterion) -> bool:
    scored = select(Score.id).where(Score.criterion_id == criterion.id).limit(1)
    checked = select(ScreeningCheck.id).where(ScreeningCheck.criterion_id == criterion.id).limit(1)
    return db.session.scalar(scored) is not None or db.session.scalar(checked) is not None


def _scoring_open(cycle: AwardCycle, now: datetime) -> bool:
    return phase_of(cycle, now) not in (Phase.DRAFT, Phase.NOMINATIONS_OPEN, Phase.SCREENING)


def update_criterion(actor, criterion: Criterion, values: dict, now: datetime) -> None:
    """Rename or reword a criterion; weight, scale and use only before it has been used."""
    rescored = [k for k in SCORING_COLUMNS if getattr(criterion, k) != values[k]]
    if rescored and (_criterion_used(criterion) or _scoring_open(criterion.cycle, now)):
        raise AwardError(
            _l("Vikt, skala och användning kan inte ändras när kriteriet har börjat användas."), 409
        )
    unit_id = criterion.cycle.unit_id
    _change(actor, "awards.criterion_updated", criterion, values, unit_id=unit_id)


def delete_criterion(actor, criterion: Criterion, now: datetime) -> None:
    """Remove a criterion that no screening or score has used."""
    if _criterion_used(criterion) or _scoring_open(criterion.cycle, now):
        raise AwardError(_l("Kriteriet har börjat användas och kan inte tas bort."), 409)
    record(
        actor,
        "awards.criterion_deleted",
        criterion,
        unit_id=criterion.cycle.unit_id,
        name=criterion.name,
    )
    db.session.delete(criterion)
    db.session.flush()


def remove_juror(actor, assignment: JurorAssignment) -> None:
    """Take a juror off a category before they have declared or scored anything there."""
    in_category = select(Candidate.id).where(Candidate.category_id == assignment.category_id)
    worked = db.session.scalar(
        select(ConflictDeclaration.id)
        .where(
            ConflictDeclaration.juror_id == assignment.user_id,
            ConflictDeclaration.candidate_id.in_(in_category),
        )
        .limit(1)
    ) or db.session.scalar(
        select(Score.id)
        .where(Score.juror_id == assignment.user_id, Score.candidate_id.in_(in_category))
        .limit(1)
    )
    if worked:
        raise AwardError(
            _l(
                "Juryledamoten har redan lämnat jävsdeklarationer eller poäng i kategorin. "
                "Utse en ersättare i stället."
            ),
            409,
        )
    record(
        actor,
        "awards.juror_removed",
        assignment,
        unit_id=assignment.category.cycle.unit_id,
        category=assignment.category.name,
        juror=assignment.user.email,
    )
    db.session.delete(assignment)
    db.session.flush()
