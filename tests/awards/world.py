"""Award objects for the access matrix: a cycle in judging with one candidate per category,
and what the write matrix needs: a candidate with two nominations, a declared conflict, a
decision, criteria to score and an open cycle to nominate in.

Beside that, the builders tests call: a cycle with its categories and criteria,
nominations and juror assignments (inside an app context; the caller commits).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    ConflictGround,
    Criterion,
    Decision,
    JurorAssignment,
    Nomination,
    Phase,
    Relation,
    Screening,
)
from app.db import utcnow
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


def extend(world) -> None:
    sbr, almi = world.objects["sbr"], world.objects["almi"]
    cycle = make_cycle(world.unit, partners=(sbr.id, almi.id), phase=Phase.JUDGING, year=2029)
    category_a, category_b = cycle.categories
    candidate_a, nomination_a = nominate(
        cycle,
        category_a,
        "Nyföretaget Alfa AB",
        "556036-0793",
        eligible=True,
        nominator="Hemlig Nominerare Alfa",
    )
    candidate_b, _ = nominate(
        cycle,
        category_b,
        "Innovationsbolaget Beta AB",
        "556703-7485",
        eligible=True,
        nominator="Hemlig Nominerare Beta",
    )
    assign(category_a, world.users["juror_a"])
    assign(category_b, world.users["juror_b"])
    world.objects.update(
        award_cycle=cycle,
        award_category_a=category_a,
        award_category_b=category_b,
        award_candidate_a=candidate_a,
        award_candidate_b=candidate_b,
        award_nomination_a=nomination_a,
    )
    _for_writes(world, cycle, category_a, category_b, candidate_b)


def _for_writes(world, cycle, category_a, category_b, candidate_b) -> None:
    """A twice-nominated candidate, a conflict to rule on, a decision to reopen, an open call."""
    gamma, first = nominate(
        cycle, category_a, "Gamma Bageri AB", "556677-8899", eligible=True,
        nominator="Hemlig Nominerare Gamma",
    )  # fmt: skip
    second = Nomination(**{c: getattr(first, c) for c in _COPIED}, received_at=first.received_at)
    second.nominator_name = "Hemlig Nominerare Gamma 2"
    db.session.add(second)
    # Juror A has declared no conflict for candidate A (and may score it); juror B has
    # declared one for candidate B, for the administrator to rule on.
    no_conflict = ConflictDeclaration(
        candidate_id=world.objects["award_candidate_a"].id,
        juror_id=world.users["juror_a"].id,
        has_conflict=False,
    )
    declaration = ConflictDeclaration(
        candidate_id=candidate_b.id,
        juror_id=world.users["juror_b"].id,
        has_conflict=True,
        ground=next(iter(ConflictGround)),
        note="Min svåger äger företaget.",
    )
    decision = Decision(
        category_id=category_b.id, candidate_id=candidate_b.id, citation="För modet att pröva nytt."
    )
    db.session.add_all([no_conflict, declaration, decision])
    now = utcnow()
    open_cycle = make_cycle(
        world.unit, year=2031, open_at=now - timedelta(days=1), close_at=now + timedelta(days=30),
        ceremony_at=now + timedelta(days=60),
    )  # fmt: skip
    # For the set-up writes: a category nobody is nominated in, and a juror not yet at work.
    empty = AwardCategory(cycle_id=open_cycle.id, name="Årets nya företag", position=3)
    db.session.add(empty)
    db.session.flush()
    idle = JurorAssignment(
        category_id=open_cycle.categories[1].id, user_id=world.users["juror_b"].id
    )
    db.session.add(idle)
    db.session.flush()
    # A decided cycle whose ceremony lies ahead: its embargo can be lifted.
    decided = make_cycle(
        world.unit, year=2028, phase=Phase.DECIDED, open_at=now - timedelta(days=90),
        close_at=now - timedelta(days=60), ceremony_at=now + timedelta(days=30),
    )  # fmt: skip
    world.objects.update(
        award_decided_cycle=decided,
        award_empty_category=empty,
        award_idle_assignment=idle,
        award_open_criterion=open_cycle.criteria[0],
        award_candidate_gamma=gamma,
        award_nomination_gamma=second,
        award_declaration=declaration,
        award_open_cycle=open_cycle,
        award_open_category=open_cycle.categories[0],
    )
    world.values["scores"] = {
        f"score_{c.id}": "4" for c in cycle.criteria if not c.screening_only and
        c.category_id in (None, category_a.id)
    }  # fmt: skip


_COPIED = (
    "cycle_id", "category_id", "candidate_id", "company_name", "org_number", "address",
    "postal_code", "contact_name", "contact_email", "contact_phone", "motivation",
    "nominator_email", "nominator_phone", "relation",
)  # fmt: skip
