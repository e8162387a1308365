"""Named reads for the award; pages load what they show in a fixed number of queries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload, subqueryload

from app.awards import scoring
from app.awards.clock import now as clock_now
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    Criterion,
    Decision,
    JurorAssignment,
    Nomination,
    Score,
    Screening,
)
from app.events.models import Event
from app.extensions import db
from app.units.models import Unit


def with_ceremony():
    """Load a cycle's ceremony with its dates, which the embargo reads (`ceremony_start`)."""
    return selectinload(AwardCycle.ceremony).selectinload(Event.occurrences)


def cycle_by_slug(unit_slug: str, year: int) -> Select:
    """A unit's cycle for a year with categories, partners, criteria and the ceremony."""
    return (
        select(AwardCycle)
        .join(Unit, Unit.id == AwardCycle.unit_id)
        .where(Unit.slug == unit_slug, AwardCycle.year == year)
        .options(
            selectinload(AwardCycle.categories).selectinload(AwardCategory.partner),
            selectinload(AwardCycle.categories).selectinload(AwardCategory.criteria),
            selectinload(AwardCycle.criteria),
            with_ceremony(),
            selectinload(AwardCycle.unit),
        )
    )


def open_cycles(now: datetime) -> Select:
    """Cycles whose nomination window is open at `now`."""
    return (
        select(AwardCycle)
        .where(
            AwardCycle.phase == "nominations_open",
            AwardCycle.nominations_open_at <= now,
            AwardCycle.nominations_close_at > now,
        )
        .options(selectinload(AwardCycle.unit))
        .order_by(AwardCycle.nominations_close_at)
    )


def cycles_of_units(unit_ids: set[int]) -> Select:
    return (
        select(AwardCycle).where(AwardCycle.unit_id.in_(unit_ids)).order_by(AwardCycle.year.desc())
    )


def categories_with_cycles(category_ids: set[int]) -> Select:
    """Categories by id, with their cycle, newest cycle first."""
    return (
        select(AwardCategory)
        .join(AwardCycle)
        .where(AwardCategory.id.in_(category_ids))
        .options(selectinload(AwardCategory.cycle))
        .order_by(AwardCycle.year.desc(), AwardCategory.position)
    )


def candidates_of(cycle_id: int) -> Select:
    """Every candidate of a cycle with its nominations and screening.

    Subquery loading, not selectin: selectin asks in batches of 500 ids, so the page's
    query count would grow with a cycle of more than 500 candidates.
    """
    return (
        select(Candidate)
        .where(Candidate.cycle_id == cycle_id)
        .options(
            subqueryload(Candidate.nominations),
            subqueryload(Candidate.screening).subqueryload(Screening.checks),
        )
        .order_by(Candidate.category_id, Candidate.company_name, Candidate.id)
    )


def eligible_candidates(category_ids: set[int]) -> Select:
    """The candidates jurors see: eligible ones of the given categories."""
    return (
        select(Candidate)
        .join(Screening, Screening.candidate_id == Candidate.id)
        .where(Candidate.category_id.in_(category_ids), Screening.eligible.is_(True))
        .options(selectinload(Candidate.nominations))
        .order_by(Candidate.company_name, Candidate.id)
    )


def assigned_category_ids(user_id: int, cycle_id: int | None = None) -> set[int]:
    """The categories a juror is assigned to (in one cycle, or all)."""
    query = select(JurorAssignment.category_id).where(JurorAssignment.user_id == user_id)
    if cycle_id is not None:
        query = query.join(AwardCategory).where(AwardCategory.cycle_id == cycle_id)
    return set(db.session.scalars(query))


def declarations_of_juror(user_id: int) -> dict[int, ConflictDeclaration]:
    rows = db.session.scalars(
        select(ConflictDeclaration).where(ConflictDeclaration.juror_id == user_id)
    )
    return {row.candidate_id: row for row in rows}


def scores_of_candidate(candidate_id: int) -> list[Score]:
    return list(db.session.scalars(select(Score).where(Score.candidate_id == candidate_id)))


def criteria_for(category: AwardCategory, cycle: AwardCycle) -> list[Criterion]:
    """The scored criteria of a category: the general ones and its own."""
    return [
        c for c in cycle.criteria if not c.screening_only and c.category_id in (None, category.id)
    ]


def ranking(category: AwardCategory, cycle: AwardCycle) -> list[scoring.Ranked]:
    """The eligible candidates of a category ranked by the cycle's method."""
    criteria = criteria_for(category, cycle)
    weights = {c.id: c.weight for c in criteria}
    candidates = db.session.scalars(eligible_candidates({category.id})).all()
    ids = [c.id for c in candidates]
    raw: dict[int, dict[int, dict[int, float]]] = {}
    for score in db.session.scalars(select(Score).where(Score.candidate_id.in_(ids))):
        raw.setdefault(score.juror_id, {}).setdefault(score.candidate_id, {})[
            score.criterion_id
        ] = score.value
    by_juror = {}
    for juror, per_candidate in raw.items():
        totals = {c: scoring.weighted_score(v, weights) for c, v in per_candidate.items()}
        by_juror[juror] = {c: t for c, t in totals.items() if t is not None}
    low = min((c.scale_min for c in criteria), default=1)
    high = max((c.scale_max for c in criteria), default=5)
    counts = {c.id: len(c.nominations) for c in candidates}
    return scoring.rank(
        by_juror, counts, str(cycle.aggregation), low, high, normalised=cycle.normalise
    )


def comments_by_candidate(candidate_ids) -> dict[int, list[str]]:
    """Jurors' non-empty comments per candidate, for the decision page."""
    rows = db.session.execute(
        select(Score.candidate_id, Score.comment)
        .where(Score.candidate_id.in_(candidate_ids), Score.comment != "")
        .order_by(Score.candidate_id, Score.id)
    )
    found: dict[int, list[str]] = {}
    for candidate_id, comment in rows:
        found.setdefault(candidate_id, []).append(comment)
    return found


def decisions_of(cycle_id: int, locked_only: bool = True) -> dict[int, Decision]:
    """{category id: decision} for a cycle."""
    query = (
        select(Decision)
        .join(AwardCategory)
        .where(AwardCategory.cycle_id == cycle_id)
        .options(selectinload(Decision.candidate))
    )
    if locked_only:
        query = query.where(Decision.locked.is_(True))
    return {d.category_id: d for d in db.session.scalars(query)}


def winners(cycle: AwardCycle, now: datetime) -> list[dict]:
    """The winners with citations, or nothing while the embargo holds."""
    from app.awards.services import winners_public
    from app.core.swedish import mask_org_number

    if not winners_public(cycle, now):
        return []
    decisions = decisions_of(cycle.id)
    return [
        {
            "category": category.name,
            "partner": category.partner.name if category.partner else "",
            "company_name": decisions[category.id].candidate.company_name,
            "org_number": mask_org_number(decisions[category.id].candidate.org_number),
            "citation": decisions[category.id].citation,
        }
        for category in cycle.categories
        if category.id in decisions
    ]


def winners_for_event(event_id: int, now: datetime | None = None) -> list[dict]:
    """Winners presented at an event (its ceremony), once the event has started; else []."""
    now = now or clock_now()
    cycles = db.session.scalars(
        select(AwardCycle)
        .where(AwardCycle.ceremony_event_id == event_id)
        .options(
            selectinload(AwardCycle.categories).selectinload(AwardCategory.partner),
            with_ceremony(),
            selectinload(AwardCycle.unit),
        )
    ).all()
    return [winner for cycle in cycles for winner in winners(cycle, now)]


def nomination_counts(cycle_id: int) -> dict[int, int]:
    """{category id: nominations received}."""
    rows = db.session.execute(
        select(Nomination.category_id, func.count())
        .where(Nomination.cycle_id == cycle_id)
        .group_by(Nomination.category_id)
    )
    return dict(rows.all())


def progress(cycle: AwardCycle) -> dict:
    """Per category: candidates, eligible, decided; per juror: declarations and scores."""
    candidates = db.session.scalars(candidates_of(cycle.id)).all()
    assignments = db.session.scalars(
        select(JurorAssignment)
        .join(AwardCategory)
        .where(AwardCategory.cycle_id == cycle.id)
        .options(selectinload(JurorAssignment.user))
    ).all()
    ids = [c.id for c in candidates]
    declarations = db.session.scalars(
        select(ConflictDeclaration)
        .where(ConflictDeclaration.candidate_id.in_(ids))
        .options(selectinload(ConflictDeclaration.juror))
    ).all()
    score_counts = db.session.execute(
        select(Score.juror_id, Score.candidate_id, func.count())
        .where(Score.candidate_id.in_(ids))
        .group_by(Score.juror_id, Score.candidate_id)
    ).all()
    return {
        "candidates": candidates,
        "assignments": assignments,
        "declarations": declarations,
        "score_counts": {(j, c): n for j, c, n in score_counts},
        "decisions": decisions_of(cycle.id, locked_only=False),
    }
