"""Award objects for the access matrix: a cycle in judging with one candidate per category."""

from __future__ import annotations

from app.awards.models import Phase
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
