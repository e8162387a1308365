"""Report objects for the access matrix: questions, another unit's question, a T2 period."""

from __future__ import annotations

from app.reports import services
from app.reports.periods import PeriodKind
from tests.reports.helpers import QUESTIONS, add_questions


def extend(world) -> None:
    questions = add_questions(world.unit.id, 2022, QUESTIONS)
    other = add_questions(world.other_unit.id, 2022, [(1, "Bromma: beskriv samverkan.")])
    services.open_period(None, world.unit, 2022, PeriodKind.T2, None)
    services.open_period(None, world.other_unit, 2022, PeriodKind.T2, None)
    world.objects.update(report_question=questions[0], other_report_question=other[0])
