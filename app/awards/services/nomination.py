"""The public's nomination: one candidate per organisation number and category."""

from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    Nomination,
)
from app.awards.services.common import AwardError, nomination_deadline
from app.extensions import db


def submit_nomination(cycle: AwardCycle, category: AwardCategory, data: dict, now: datetime):
    """Store a public nomination and gather it into its company's candidate."""
    if nomination_deadline(cycle, now).state != "open":
        raise AwardError(_l("Nomineringen är stängd."), 409)
    if category.cycle_id != cycle.id:
        raise AwardError(_l("Kategorin finns inte i den här omgången."), 400)
    candidate = _candidate_for(category, data["org_number"])
    if candidate is None:
        # Two first nominations of one company at the same moment must not make two
        # candidates: the category's row is the lock, and the second looks again once the
        # first has committed. (SQLite writes one transaction at a time anyway.)
        db.session.execute(
            select(AwardCategory.id).where(AwardCategory.id == category.id).with_for_update()
        )
        candidate = _candidate_for(category, data["org_number"])
    if candidate is None:
        candidate = Candidate(
            cycle_id=cycle.id,
            category_id=category.id,
            company_name=data["company_name"],
            org_number=data["org_number"],
        )
        db.session.add(candidate)
        db.session.flush()
    nomination = Nomination(
        cycle_id=cycle.id,
        category_id=category.id,
        candidate_id=candidate.id,
        received_at=now,
        **data,
    )
    db.session.add(nomination)
    db.session.flush()
    record(
        None,
        "awards.nomination_received",
        nomination,
        unit_id=cycle.unit_id,
        category=category.name,
    )
    return nomination


def _candidate_for(category: AwardCategory, org_number: str) -> Candidate | None:
    """The company's candidate in the category, if it has been nominated there before."""
    return db.session.scalars(
        select(Candidate)
        .where(Candidate.category_id == category.id, Candidate.org_number == org_number)
        .order_by(Candidate.id)
        .limit(1)
    ).first()
