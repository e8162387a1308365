"""Assembling a period (or the whole city) into a ReportDocument, the chart and the CSV rows."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.core.formatting import to_local
from app.db import utcnow
from app.extensions import db
from app.reports import queries
from app.reports.chart import render_chart
from app.reports.evidence import Evidence
from app.reports.export import QuestionAnswer, ReportDocument, Section, display_phone
from app.reports.models import Answer, FocusArea, PeriodStatus, ReportPeriod
from app.reports.periods import LABELS, LAST_MONTH, PeriodKind, utc_bounds

STATUS_TEXT = {
    PeriodStatus.OPEN: "Pågår",
    PeriodStatus.SUBMITTED: "Inlämnad",
    PeriodStatus.REOPENED: "Öppnad igen",
}


def sections_of(answers: list[Answer]) -> tuple[Section, ...]:
    """Answers grouped by focus area, in form order."""
    grouped: dict[int, list[QuestionAnswer]] = {}
    names: dict[int, str] = {}
    for answer in answers:
        area = answer.question.focus_area
        names[area.number] = area.name
        grouped.setdefault(area.number, []).append(
            QuestionAnswer(answer.question.text, answer.text)
        )
    return tuple(Section(n, names[n], tuple(grouped[n])) for n in sorted(grouped))


def period_document(period: ReportPeriod, answers: list[Answer], chart: bytes | None):
    """The unit's form for the period."""
    return ReportDocument(
        year=period.year,
        period_label=LABELS[period.kind],
        unit_name=period.unit.name,
        contact_name=period.contact_name,
        contact_phone=display_phone(period.contact_phone),
        contact_email=period.contact_email,
        sections=sections_of(answers),
        chart_png=chart,
    )


def chart_counts(unit_id: int | None, year: int, kind: PeriodKind) -> tuple[Counter, dict]:
    """Held dates per (focus area number, local month), and the focus areas' names."""
    start, end = utc_bounds(year, kind)
    counts: Counter = Counter()
    for number, _name, starts_at in db.session.execute(
        queries.held_per_focus_area(unit_id, start, end, utcnow())
    ):
        counts[(number, to_local(starts_at).month)] += 1
    areas = dict(db.session.execute(select(FocusArea.number, FocusArea.name)).tuples().all())
    return counts, areas


def period_chart(period: ReportPeriod) -> bytes:
    """The PNG chart of held events per focus area and month for the period."""
    counts, areas = chart_counts(period.unit_id, period.year, period.kind)
    used = {n for n, _m in counts} or set(areas)
    title = f"Genomförda aktiviteter per fokusområde, {LABELS[period.kind]} {period.year}"
    return render_chart(
        counts, {n: areas[n] for n in used if n in areas}, LAST_MONTH[period.kind], title
    )


def evidence_rows(answers: list[Answer], evidence: Evidence) -> list[tuple]:
    """One CSV row per piece of evidence per question, with the officer's choice."""
    rows = []
    for answer in answers:
        left_out = {c.key for c in answer.choices if not c.included}
        for item in evidence.for_question(answer.question_id):
            rows.append(
                (
                    answer.question.position,
                    answer.question.text,
                    item.key,
                    item.source,
                    item.on.isoformat() if item.on else "",
                    item.label,
                    item.venue,
                    item.attendance,
                    item.companies,
                    "nej" if item.key in left_out else "ja",
                )
            )
    return rows


def city_document(year: int, kind: PeriodKind) -> ReportDocument:
    """Every unit's answers per focus area and question, and which units have submitted."""
    units = tuple(
        (unit.name, STATUS_TEXT[period.status] if period else "Inte påbörjad")
        for unit, period in db.session.execute(queries.city_periods(year, kind)).tuples()
    )
    grouped: dict[int, dict[str, list[QuestionAnswer]]] = {}
    names: dict[int, str] = {}
    for answer, question, area, unit in db.session.execute(queries.city_answers(year, kind)):
        names[area.number] = area.name
        by_question = grouped.setdefault(area.number, {})
        by_question.setdefault(question.text, []).append(
            QuestionAnswer(question.text, answer.text, unit=unit.name)
        )
    sections = tuple(
        Section(n, names[n], tuple(qa for items in grouped[n].values() for qa in items))
        for n in sorted(grouped)
    )
    return ReportDocument(year=year, period_label=LABELS[kind], sections=sections, units=units)
