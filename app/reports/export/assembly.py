"""Assembling a period (or the whole city) into a ReportDocument, the chart and the CSV rows."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from app.core.formatting import to_local
from app.core.swedish import display_phone
from app.db import utcnow
from app.extensions import db
from app.policy.models import FocusArea
from app.reports import queries
from app.reports.evidence import Evidence
from app.reports.export.chart import describe, render_chart
from app.reports.export.document import QuestionAnswer, ReportDocument, Section
from app.reports.models import Answer, PeriodStatus, ReportPeriod
from app.reports.periods import LABELS, LAST_MONTH, PeriodKind, utc_bounds


def N_(text: str) -> str:
    """Marks a Swedish status for the catalogue; the page translates it, the .docx does not."""
    return text


STATUS_TEXT = {
    PeriodStatus.OPEN: N_("Pågår"),
    PeriodStatus.SUBMITTED: N_("Inlämnad"),
    PeriodStatus.REOPENED: N_("Öppnad igen"),
}
NOT_STARTED = N_("Inte påbörjad")


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


def period_document(period: ReportPeriod, answers: list[Answer], with_chart: bool = True):
    """The unit's form for the period, with its chart described in words."""
    png, title, text = chart_parts(period.unit_id, period.year, period.kind, with_chart)
    return ReportDocument(
        year=period.year,
        period_label=LABELS[period.kind],
        unit_name=period.unit.name,
        contact_name=period.contact_name,
        contact_phone=display_phone(period.contact_phone),
        contact_email=period.contact_email,
        sections=sections_of(answers),
        chart_png=png,
        chart_title=title,
        chart_text=text,
        exported_at=utcnow(),
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


def chart_parts(
    unit_id: int | None, year: int, kind: PeriodKind, render: bool = True
) -> tuple[bytes | None, str, str]:
    """The PNG chart of held dates per focus area and month (one unit, or the whole city when
    `unit_id` is None; None unless `render`), its title, and what it shows in words."""
    counts, areas = chart_counts(unit_id, year, kind)
    used = {n for n, _m in counts} or set(areas)
    title = f"Genomförda aktiviteter per fokusområde, {LABELS[kind]} {year}"
    shown = {n: areas[n] for n in used if n in areas}
    png = render_chart(counts, shown, LAST_MONTH[kind], title) if render else None
    return png, title, describe(counts, areas, LAST_MONTH[kind], year)


def period_chart(period: ReportPeriod) -> bytes:
    """The PNG chart of held events per focus area and month for the period."""
    return chart_parts(period.unit_id, period.year, period.kind)[0]


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


def unit_status(period: ReportPeriod | None, today) -> tuple[str, object]:
    """Where a unit stands for the compilation, and the deadline it has missed: a period past
    its deadline and not submitted is overdue."""
    if period is None:
        return NOT_STARTED, None
    late = period.status != PeriodStatus.SUBMITTED and period.deadline and period.deadline < today
    return STATUS_TEXT[period.status], period.deadline if late else None


def city_document(year: int, kind: PeriodKind, with_chart: bool = False) -> ReportDocument:
    """Every submitted unit's answers per focus area and question, and where each unit
    stands. A period still open or opened again is not in the answers: its text is a draft."""
    today = to_local(utcnow()).date()
    units = tuple(
        (unit.name, *unit_status(period, today))
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
    png, title, text = chart_parts(None, year, kind, with_chart)
    return ReportDocument(
        year=year,
        period_label=LABELS[kind],
        sections=sections,
        units=units,
        chart_png=png,
        chart_title=title,
        chart_text=text,
        exported_at=utcnow(),
    )
