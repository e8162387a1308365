"""The evidence behind a report: held dates of linked events, their outcomes, other facts.

Loaded in a fixed number of queries for a whole period, whatever the number of events:
the held dates, their outcomes (with partners) and the events' partners, plus one call
to the registered fact sources.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.core.formatting import to_local
from app.directory.models import Organisation
from app.events.models import EventPartner, Outcome
from app.extensions import db
from app.reports import facts as fact_registry
from app.reports import queries
from app.reports.drafting import EventEvidence, HeldDate, draft_answer, swedish_date
from app.reports.periods import PeriodKind, local_bounds, utc_bounds


@dataclass(frozen=True)
class EvidenceItem:
    """One line of evidence for one question, as the officer sees and chooses it."""

    key: str
    question_id: int
    #: "event" for a held date, else the fact's source (e.g. "award").
    source: str
    label: str
    #: Changes when the evidence changes (an outcome recorded later, a fact's new text).
    fingerprint: str
    on: date | None = None
    event_id: int | None = None
    attendance: int | None = None
    companies: int | None = None
    venue: str = ""


@dataclass
class Evidence:
    """Everything a period's answers are drafted from."""

    items: dict[int, list[EvidenceItem]] = field(default_factory=dict)
    events: dict[int, EventEvidence] = field(default_factory=dict)
    dates: dict[str, tuple[int, HeldDate]] = field(default_factory=dict)
    fact_texts: dict[str, str] = field(default_factory=dict)

    def for_question(self, question_id: int) -> list[EvidenceItem]:
        return self.items.get(question_id, [])

    def fingerprints(self, question_id: int) -> list[str]:
        return [item.fingerprint for item in self.for_question(question_id)]

    def draft(self, question_id: int, excluded: set[str] = frozenset()) -> str:
        """The drafted answer from the evidence the officer has not left out."""
        chosen: dict[int, list[HeldDate]] = defaultdict(list)
        facts = []
        for item in self.for_question(question_id):
            if item.key in excluded:
                continue
            if item.event_id is not None:
                chosen[item.event_id].append(self.dates[item.key][1])
            else:
                facts.append(self.fact_texts[item.key])
        events = [replace(self.events[eid], dates=tuple(ds)) for eid, ds in chosen.items()]
        return draft_answer(events, facts)


def occurrence_key(event_id: int, original_start: datetime) -> str:
    """The stable key of a held date: 'occ:<event id>:<original start, UTC ISO>'."""
    return f"occ:{event_id}:{original_start.isoformat()}"


def collect(
    unit_id: int, year: int, kind: PeriodKind, question_ids: list[int], now: datetime
) -> Evidence:
    """The period's evidence for the given questions, as of `now`."""
    start, end = utc_bounds(year, kind)
    rows = db.session.execute(queries.held_dates(unit_id, start, end, now, question_ids)).all()
    event_ids = sorted({row.event_id for row in rows})
    outcomes = _outcomes(event_ids)
    partners = _partners(event_ids)
    evidence = Evidence()
    for row in rows:
        _add_date(evidence, row, outcomes.get((row.event_id, row.original_start)), partners)
    first, last = local_bounds(year, kind)
    wanted = set(question_ids)
    for fact in fact_registry.collect(unit_id, year, first, last):
        if fact.question_id in wanted:
            _add_fact(evidence, fact)
    return evidence


def _outcomes(event_ids: list[int]) -> dict:
    if not event_ids:
        return {}
    found = db.session.scalars(
        select(Outcome)
        .where(Outcome.event_id.in_(event_ids))
        .options(selectinload(Outcome.partners))
    )
    return {(o.event_id, o.occurrence_start): o for o in found}


def _partners(event_ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    if event_ids:
        rows = db.session.execute(
            select(EventPartner.event_id, Organisation.name)
            .join(Organisation, EventPartner.organisation_id == Organisation.id)
            .where(EventPartner.event_id.in_(event_ids))
            .order_by(EventPartner.event_id, Organisation.name)
        )
        for event_id, name in rows:
            names[event_id].append(name)
    return names


def _held_date(key: str, local: datetime, row, outcome: Outcome | None) -> HeldDate:
    """A held date for drafting, with its outcome's figures when one is recorded."""
    base = HeldDate(key=key, starts_at=local.replace(tzinfo=None), venue=row.venue_name or "")
    if outcome is None:
        return base
    return replace(
        base,
        attendance=outcome.attendance,
        companies=outcome.companies,
        needs=tuple(outcome.needs or ()),
        needs_note=outcome.needs_note,
        summary=outcome.summary,
        follow_ups=outcome.follow_ups,
        follow_up_unit=outcome.follow_up_unit,
        partners=tuple(sorted(p.name for p in outcome.partners)),
    )


def _event(row, partners: dict) -> EventEvidence:
    return EventEvidence(
        event_id=row.event_id,
        title=row.title,
        theme=row.theme or "",
        organiser=row.organiser_name or "",
        partners=tuple(partners.get(row.event_id, ())),
        support=str(row.support_kind or ""),
    )


def _label(title: str, local: datetime, held: HeldDate) -> str:
    # Plain formatting: Babel's per-call pattern parsing is the hot spot at city scale.
    label = f"{title}, {swedish_date(local.date())} kl. {local.hour}.{local.minute:02d}"
    if held.venue:
        label += f", {held.venue}"
    if held.attendance is not None:
        label += f", {held.attendance} deltagare"
        if held.companies:
            label += f" från {held.companies} företag"
    return label


def _add_date(evidence: Evidence, row, outcome: Outcome | None, partners: dict) -> None:
    key = occurrence_key(row.event_id, row.original_start)
    local = to_local(row.starts_at)
    held = _held_date(key, local, row, outcome)
    evidence.events.setdefault(row.event_id, _event(row, partners))
    evidence.dates[key] = (row.event_id, held)
    stamp = outcome.updated_at.isoformat() if outcome else "-"
    item = EvidenceItem(
        key=key,
        question_id=row.question_id,
        source="event",
        label=_label(row.title, local, held),
        fingerprint=f"{key}|{stamp}",
        on=local.date(),
        event_id=row.event_id,
        attendance=held.attendance,
        companies=held.companies,
        venue=held.venue,
    )
    evidence.items.setdefault(row.question_id, []).append(item)


def _add_fact(evidence: Evidence, fact: fact_registry.Fact) -> None:
    digest = hashlib.sha256(fact.text.encode()).hexdigest()[:16]
    evidence.fact_texts[fact.key] = fact.text
    item = EvidenceItem(
        key=fact.key,
        question_id=fact.question_id,
        source=fact.source,
        label=fact.text,
        fingerprint=f"{fact.key}|{digest}",
        on=fact.on,
    )
    evidence.items.setdefault(fact.question_id, []).append(item)
