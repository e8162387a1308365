"""The decision on a category's winner, reopening it, and lifting the embargo."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    Decision,
    Phase,
)
from app.awards.services.common import AwardError, phase_of
from app.extensions import db


def decide(
    actor, category: AwardCategory, candidate: Candidate, citation: str, now: datetime
) -> Decision:
    """Name the category's winner with the jury's citation; the decision is locked."""
    if candidate.category_id != category.id:
        raise AwardError(_l("Kandidaten finns inte i kategorin."), 404)
    if candidate.screening is None or not candidate.screening.eligible:
        raise AwardError(_l("Kandidaten är inte bedömd som behörig och kan inte vinna."), 409)
    if phase_of(category.cycle, now) not in (Phase.JUDGING, Phase.DECIDED):
        raise AwardError(_l("Beslut fattas när juryn har bedömt kandidaterna."), 409)
    if not citation.strip():
        raise AwardError(_l("Skriv juryns motivering."), 400)
    decision = db.session.scalar(select(Decision).where(Decision.category_id == category.id))
    if decision is not None and decision.locked:
        raise AwardError(_l("Beslutet är låst. Öppna det med en motivering för att ändra."), 409)
    decision = decision or Decision(category_id=category.id)
    decision.candidate_id, decision.citation = candidate.id, citation.strip()
    decision.decided_by_id, decision.decided_at, decision.locked = actor.id, now, True
    db.session.add(decision)
    db.session.flush()
    record(
        actor,
        "awards.decided",
        decision,
        unit_id=category.cycle.unit_id,
        category=category.name,
        candidate=candidate.id,
    )
    return decision


def reopen_decision(actor, decision: Decision, reason: str) -> None:
    """Unlock a decision; the reason is kept and logged."""
    if not decision.locked:
        raise AwardError(_l("Beslutet är redan öppet."), 409)
    if not reason.strip():
        raise AwardError(_l("Skriv varför beslutet öppnas igen."), 400)
    decision.locked, decision.reopen_reason = False, reason.strip()
    db.session.flush()
    record(
        actor,
        "awards.decision_reopened",
        decision,
        unit_id=decision.category.cycle.unit_id,
        reason=reason,
    )


def lift_embargo(actor, cycle: AwardCycle, reason: str, now: datetime) -> None:
    """Make a decided cycle's winners public without waiting for a ceremony; logged."""
    if cycle.phase not in (Phase.DECIDED, Phase.ANNOUNCED, Phase.ARCHIVED):
        raise AwardError(_l("Embargot gäller bara en avgjord omgång."), 409)
    if cycle.embargo_lifted_at is not None:
        raise AwardError(_l("Embargot är redan hävt."), 409)
    if not reason.strip():
        raise AwardError(_l("Skriv varför embargot hävs."), 400)
    cycle.embargo_lifted_at = now
    cycle.embargo_lift_reason = reason.strip()
    cycle.embargo_lifted_by_id = actor.id
    db.session.flush()
    record(actor, "awards.embargo_lifted", cycle, unit_id=cycle.unit_id, reason=reason.strip())
