"""Report objects for the access matrix: questions, another unit's question, a T2 period,
and a submitted T1 period for the write matrix to reopen."""

from __future__ import annotations

from app.reports import services
from app.reports.periods import PeriodKind
from tests.reports.helpers import QUESTIONS, add_questions


def extend(world) -> None:
    questions = add_questions(world.unit.id, 2022, QUESTIONS)
    other = add_questions(world.other_unit.id, 2022, [(1, "Bromma: beskriv samverkan.")])
    services.open_period(None, world.unit, 2022, PeriodKind.T2, None)
    services.open_period(None, world.other_unit, 2022, PeriodKind.T2, None)
    submitted = services.open_period(None, world.unit, 2022, PeriodKind.T1, None)
    services.submit_period(None, submitted)
    # Next year's template, not yet in use: a question to delete, questions to copy on.
    spare = add_questions(world.unit.id, 2023, [(1, "Hur många nya företag har ni mött?")])
    world.objects.update(
        report_question=questions[0], other_report_question=other[0], spare_question=spare[0]
    )
    world.values["focus_area"] = questions[0].focus_area_id
