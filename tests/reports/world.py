"""Report objects for the access matrix: questions, another unit's question, a T2 period,
and a submitted T1 period for the write matrix to reopen.

Beside that, the builders tests call: focus areas, questions, periods, and held
events with outcomes.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from app.events.models import Event, Outcome
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from app.reports import services
from app.reports.models import ReportPeriod
from app.reports.periods import STOCKHOLM, PeriodKind
from app.units.models import Unit


def focus_areas() -> list[FocusArea]:
    """The four focus areas, created once (inside an app context)."""
    existing = db.session.scalars(select(FocusArea).order_by(FocusArea.number)).all()
    if existing:
        return list(existing)
    areas = [
        FocusArea(number=n, name=name, policy="Näringslivspolicy för Stockholms stad 2020–2024")
        for n, name in (
            (1, "Stimulera tillväxt och företagsamhet"),
            (2, "Förbättra service, tillgänglighet och myndighetsutövning"),
            (3, "Attraktivare miljöer och bättre framkomlighet"),
            (4, "Öka tillgången till arbetskraft med relevant kompetens"),
        )
    ]
    db.session.add_all(areas)
    db.session.flush()
    return areas


def add_questions(unit_id: int, year: int, texts: list[tuple[int, str]]) -> list[ReportQuestion]:
    """Questions (focus area number, text) in order (inside an app context)."""
    areas = {a.number: a for a in focus_areas()}
    questions = [
        ReportQuestion(
            unit_id=unit_id, year=year, focus_area_id=areas[n].id, position=i + 1, text=text
        )
        for i, (n, text) in enumerate(texts)
    ]
    db.session.add_all(questions)
    db.session.flush()
    return questions


QUESTIONS = [
    (1, "Beskriv samverkan med det lokala näringslivet."),
    (3, "Hur samverkar nämnden kring platssamverkan och platsaktivering?"),
]


def local(year, month, day, hour=9, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def setup_questions(app, unit, year=2022, texts=None) -> list[int]:
    with app.app_context():
        ids = [q.id for q in add_questions(unit.id, year, texts or QUESTIONS)]
        db.session.commit()
        return ids


def link_event(app, event_id: int, question_ids: list[int], area_numbers=(1,)) -> None:
    """Link an event to questions and focus areas."""
    with app.app_context():
        event = db.session.get(Event, event_id)
        event.questions = [db.session.get(ReportQuestion, q) for q in question_ids]
        areas = {a.number: a for a in focus_areas()}
        event.focus_areas = [areas[n] for n in area_numbers]
        db.session.commit()


def add_outcome(app, event_id: int, occurrence_start: datetime, **values) -> None:
    with app.app_context():
        db.session.add(Outcome(event_id=event_id, occurrence_start=occurrence_start, **values))
        db.session.commit()


def open_period(app, unit, year=2022, kind=PeriodKind.T2, actor_id=None) -> int:
    """Open a period through the service; returns its id."""
    from app.accounts.models import User

    with app.app_context():
        actor = db.session.get(User, actor_id) if actor_id else None
        period = services.open_period(actor, db.session.get(Unit, unit.id), year, kind, None)
        db.session.commit()
        return period.id


def period_row(app, period_id: int) -> ReportPeriod:
    with app.app_context():
        period = db.session.get(ReportPeriod, period_id)
        db.session.expunge(period)
        return period


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
