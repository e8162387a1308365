"""The report's downloads (.docx, .md, .csv, the chart) and the city-wide compilation."""

from __future__ import annotations

from flask import Response, abort, render_template
from flask_login import current_user

from app.extensions import db
from app.reports import permissions, queries, services
from app.reports.export import assembly
from app.reports.export.docx import build_docx
from app.reports.export.text import evidence_csv, to_markdown
from app.reports.models import ReportPeriod
from app.reports.periods import LABELS
from app.reports.views.blueprint import bp, load_period, parse_period

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@bp.get("/<unit_slug>/<int:year>/<period>/chart.png")
def chart(unit_slug: str, year: int, period: str):
    """The chart of held events per focus area and month."""
    found = load_period(unit_slug, year, period)
    return Response(assembly.period_chart(found), mimetype="image/png")


def _download(body, mimetype: str, found: ReportPeriod, ext: str) -> Response:
    name = f"naringslivsrapport-{found.unit.slug}-{found.year}-{found.kind.value}.{ext}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@bp.get("/<unit_slug>/<int:year>/<period>.docx")
def export_docx(unit_slug: str, year: int, period: str):
    """The form as a Word document, with the chart."""
    found = load_period(unit_slug, year, period)
    answers = db.session.scalars(queries.answers_for(found.id)).unique().all()
    doc = assembly.period_document(found, answers)
    return _download(build_docx(doc), DOCX, found, "docx")


@bp.get("/<unit_slug>/<int:year>/<period>.md")
def export_md(unit_slug: str, year: int, period: str):
    """The form as Markdown text to paste into ILS."""
    found = load_period(unit_slug, year, period)
    answers = db.session.scalars(queries.answers_for(found.id)).unique().all()
    text = to_markdown(assembly.period_document(found, answers, with_chart=False))
    return _download(text, "text/markdown; charset=utf-8", found, "md")


@bp.get("/<unit_slug>/<int:year>/<period>.csv")
def export_csv(unit_slug: str, year: int, period: str):
    """The evidence behind every answer as CSV."""
    found = load_period(unit_slug, year, period)
    answers = db.session.scalars(queries.answers_for(found.id)).unique().all()
    evidence = services.load_evidence(found, [a.question_id for a in answers])
    body = evidence_csv(assembly.evidence_rows(answers, evidence))
    return _download(body, "text/csv; charset=utf-8", found, "csv")


@bp.get("/city/<int:year>/<period>/")
def city_report(year: int, period: str):
    """The city-wide compilation: who has submitted, and every unit's answers."""
    if not permissions.can_read_city(current_user):
        abort(403)
    kind = parse_period(year, period)
    doc = assembly.city_document(year, kind)
    years = sorted({*db.session.scalars(queries.report_years()), year}, reverse=True)
    return render_template(
        "reports/city.html", doc=doc, year=year, kind=kind, labels=LABELS, years=years
    )


@bp.get("/city/<int:year>/<period>.docx")
def city_docx(year: int, period: str):
    """The city-wide compilation as a Word document."""
    if not permissions.can_read_city(current_user):
        abort(403)
    kind = parse_period(year, period)
    body = build_docx(assembly.city_document(year, kind, with_chart=True))
    name = f"naringslivsrapport-staden-{year}-{kind.value}.docx"
    return Response(
        body, mimetype=DOCX, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
