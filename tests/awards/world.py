"""Award objects for the access matrix: a cycle in judging with one candidate per category,
and what the write matrix needs: a candidate with two nominations, a declared conflict, a
decision, criteria to score and an open cycle to nominate in."""

from __future__ import annotations

from datetime import timedelta

from app.awards.models import (
    AwardCategory,
    ConflictDeclaration,
    ConflictGround,
    Decision,
    JurorAssignment,
    Nomination,
    Phase,
)
from app.db import utcnow
from app.extensions import db
from tests.awards.factories import assign, make_cycle, nominate


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
