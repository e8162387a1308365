"""Retention ("gallring") of nominators' and contact persons' e-mail and phone."""

from __future__ import annotations

from datetime import datetime

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from app.audit.services import record
from app.awards.models import AwardCycle, Nomination
from app.awards.services import embargo_moment
from app.extensions import db


def retention_due(now: datetime) -> list[tuple[AwardCycle, list[Nomination]]]:
    """Cycles past their retention period with contact details still stored."""
    due = []
    for cycle in db.session.scalars(select(AwardCycle).order_by(AwardCycle.id)):
        # The retention period runs from the day the winners became public.
        public_from = embargo_moment(cycle)
        if public_from is None or now < public_from + relativedelta(months=cycle.retention_months):
            continue
        nominations = db.session.scalars(
            select(Nomination).where(
                Nomination.cycle_id == cycle.id,
                (Nomination.nominator_email.is_not(None))
                | (Nomination.nominator_phone.is_not(None))
                | (Nomination.contact_email.is_not(None))
                | (Nomination.contact_phone.is_not(None)),
            )
        ).all()
        if nominations:
            due.append((cycle, nominations))
    return due


def apply_retention(cycle: AwardCycle, nominations: list[Nomination], now: datetime) -> None:
    """Remove e-mail and phone of nominators and contact persons, keeping everything else."""
    for nomination in nominations:
        nomination.nominator_email = nomination.nominator_phone = None
        nomination.contact_email = nomination.contact_phone = None
    cycle.retained_at = now
    db.session.flush()
    record(
        None,
        "awards.retention_applied",
        cycle,
        nominations=len(nominations),
        fields=["nominator_email", "nominator_phone", "contact_email", "contact_phone"],
    )
