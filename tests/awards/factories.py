"""Building an award cycle for tests (inside an app context; the caller commits)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    Criterion,
    JurorAssignment,
    Nomination,
    Phase,
    Relation,
    Screening,
)
from app.events.models import Event, EventKind, EventStatus
from app.events.occurrences import rebuild_occurrences
from app.extensions import db

#: The reference "now" of the tests: the window is open around it.
NOW = datetime(2030, 10, 1, 10, 0, tzinfo=UTC)
CEREMONY = datetime(2030, 11, 22, 16, 0, tzinfo=UTC)
MOTIVATION = "Företaget har anställt unga från området och öppnat en ny butik vid torget i år."


def make_cycle(unit, partners=(None, None), phase=Phase.NOMINATIONS_OPEN, year=2030, **kw):
    """A cycle with two categories, two general criteria and one category criterion."""
    ceremony = Event(
        unit_id=unit.id,
        title="Företagsdialog med mingelmässa",
        kind=EventKind.FAIR,
        status=EventStatus.PUBLISHED,
        starts_at=kw.pop("ceremony_at", CEREMONY),
        ends_at=kw.pop("ceremony_at", CEREMONY) + timedelta(hours=3),
        uid=f"ceremony-{unit.id}-{year}@torget.test",
        published_at=NOW - timedelta(days=60),
    )
    db.session.add(ceremony)
    db.session.flush()
    rebuild_occurrences(ceremony)
    cycle = AwardCycle(
        unit_id=unit.id,
        year=year,
        title=f"Årets lokala företag {year}",
        nominations_open_at=kw.pop("open_at", NOW - timedelta(days=14)),
        nominations_close_at=kw.pop("close_at", NOW + timedelta(days=21)),
        ceremony_event_id=ceremony.id,
        phase=phase,
        **kw,
    )
    db.session.add(cycle)
    db.session.flush()
    a = AwardCategory(
        cycle_id=cycle.id,
        name="Årets lokala nyföretag",
        partner_id=partners[0],
        position=1,
        eligibility="Verksamt i högst tre år",
    )
    b = AwardCategory(
        cycle_id=cycle.id,
        name="Årets lokala innovativa företag",
        partner_id=partners[1],
        position=2,
    )
    db.session.add_all([a, b])
    db.session.flush()
    db.session.add_all(
        [
            Criterion(
                cycle_id=cycle.id,
                name="Huvudsaklig verksamhet i stadsdelsområdet",
                weight=1,
                position=1,
                screening_only=True,
            ),
            Criterion(cycle_id=cycle.id, name="Gott ledarskap", weight=2, position=2),
            Criterion(
                cycle_id=cycle.id, name="Kreativitet och företagsamhet", weight=1, position=3
            ),
            Criterion(
                cycle_id=cycle.id,
                category_id=a.id,
                name="God tillväxtpotential",
                weight=1,
                position=4,
            ),
        ]
    )
    db.session.flush()
    db.session.refresh(cycle)
    return cycle


def nominate(
    cycle, category, company, org_number, eligible=None, nominator="Nina Nominerare", **kw
):
    """A candidate with one nomination, optionally screened."""
    candidate = Candidate(
        cycle_id=cycle.id, category_id=category.id, company_name=company, org_number=org_number
    )
    db.session.add(candidate)
    db.session.flush()
    nomination = Nomination(
        cycle_id=cycle.id,
        category_id=category.id,
        candidate_id=candidate.id,
        company_name=company,
        org_number=org_number,
        address="Årstaängsvägen 1",
        postal_code="117 43",
        contact_name="Karl Kontakt",
        contact_email="karl@example.se",
        contact_phone="+46850821083",
        motivation=MOTIVATION,
        nominator_name=nominator,
        nominator_email="nina.nominerare@example.se",
        nominator_phone="+46701234567",
        relation=Relation.CUSTOMER,
        received_at=kw.pop("received_at", NOW),
    )
    db.session.add(nomination)
    if eligible is not None:
        db.session.add(
            Screening(
                candidate_id=candidate.id,
                eligible=eligible,
                reason="" if eligible else "Verksamt utanför området",
            )
        )
    db.session.flush()
    return candidate, nomination


def assign(category, user):
    db.session.add(JurorAssignment(category_id=category.id, user_id=user.id))
    db.session.flush()
