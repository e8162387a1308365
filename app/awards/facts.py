"""The award's evidence for the report: categories, nominations, ceremony, winners."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.awards import clock, queries, services
from app.awards.models import AwardCategory, AwardCycle, Nomination
from app.core.formatting import date_long, to_local
from app.extensions import db
from app.policy.facts import Fact


def award_facts(unit_id: int, year: int, start: date, end: date) -> list[Fact]:
    """Facts for the report questions each of the unit's cycles of `year` is linked to."""
    cycles = db.session.scalars(
        select(AwardCycle)
        .where(AwardCycle.unit_id == unit_id, AwardCycle.year == year)
        .options(
            selectinload(AwardCycle.questions),
            selectinload(AwardCycle.categories).selectinload(AwardCategory.partner),
            queries.with_ceremony(),
        )
    ).all()
    found = []
    for cycle in cycles:
        sentences = _sentences(cycle, start, end)
        for question in cycle.questions:
            found += [
                Fact(f"award:{cycle.id}:{key}", question.id, "award", text, on)
                for key, text, on in sentences
            ]
    return found


def _sentences(cycle: AwardCycle, start: date, end: date) -> list[tuple[str, str, date | None]]:
    # Lists stay lists: one line per category and per winner, each starting with "- ".
    parts = "".join(
        f"\n- {c.name} ({c.partner.name})" if c.partner else f"\n- {c.name}"
        for c in cycle.categories
    )
    result = [("categories", f"{cycle.title} har {len(cycle.categories)} kategorier:{parts}", None)]
    received = _received(cycle.id, start, end)
    if received:
        result.append(
            (
                "nominations",
                f"Till {cycle.title} kom {received} nomineringar in under perioden.",
                None,
            )
        )
    ceremony = services.ceremony_start(cycle)
    if ceremony is not None:
        day = to_local(ceremony).date()
        result.append(
            ("ceremony", f"Priset delas ut vid {cycle.ceremony.title} {date_long(day)}.", day)
        )
    public_from = services.embargo_moment(cycle)
    # The embargo decides, as everywhere: a draft written before the ceremony, or for a
    # ceremony that was moved or cancelled, names no winner.
    winners = queries.winners(cycle, clock.now())
    if winners and public_from is not None and to_local(public_from).date() <= end:
        names = "".join(f"\n- {w['category']}: {w['company_name']}" for w in winners)
        result.append(("winners", f"Vinnare i {cycle.title}:{names}", to_local(public_from).date()))
    return result


def _received(cycle_id: int, start: date, end: date) -> int:
    rows = db.session.scalars(
        select(Nomination.received_at).where(Nomination.cycle_id == cycle_id)
    ).all()
    return sum(1 for at in rows if start <= to_local(at).date() <= end)
