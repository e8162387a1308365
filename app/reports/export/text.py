"""The report as Markdown (to paste into ILS) and its evidence as CSV; pure."""

from __future__ import annotations

from app.core.markup import escape_markdown
from app.core.spreadsheet import csv_text
from app.reports.export.document import ReportDocument, grouped_items, status_line


def to_markdown(doc: ReportDocument) -> str:
    """The form as Markdown: headings, questions in bold, answers as paragraphs (for ILS).

    Only the officer's answers are written as they were typed; every other value (the
    unit, the contact, the questions, a unit's name in the compilation) is escaped, so
    nothing typed elsewhere becomes a heading, a link or a tag.
    """
    md = escape_markdown
    lines = [f"# {md(doc.title)}", "", md(doc.introduction), ""]
    if doc.unit_name:
        lines += [
            f"**Nämnd:** {md(doc.unit_name)}  ",
            f"**Kontaktperson för eventuella frågor:** {md(doc.contact_name)}  ",
            f"**Telefon:** {md(doc.contact_phone)}  ",
            f"**E-post:** {md(doc.contact_email)}",
            "",
        ]
    lines += [f"**Period:** {md(doc.period_label)} {doc.year}", ""]
    for unit, status, missed in doc.units:
        lines.append(f"- {md(unit)}: {md(status_line(status, missed))}")
    if doc.units:
        lines.append("")
    lines += [f"## {md(doc.heading)}", "", md(doc.description), ""]
    if doc.chart_text:
        lines += [md(doc.chart_text), ""]
    for section in doc.sections:
        lines += [f"### {section.number}. {md(section.name)}", ""]
        for question, answers in grouped_items(section.items):
            lines += [f"**{md(question)}**", ""]
            for item in answers:
                if item.unit:
                    lines += [f"*{md(item.unit)}*", ""]
                lines += [item.answer or "–", ""]
    return "\n".join(lines).rstrip() + "\n"


EVIDENCE_COLUMNS = (
    "fråga_nr",
    "fråga",
    "nyckel",
    "källa",
    "datum",
    "beskrivning",
    "plats",
    "deltagare",
    "företag",
    "ingår",
)


def evidence_csv(rows: list[tuple]) -> str:
    """The evidence as CSV for a spreadsheet, with a header."""
    return csv_text(EVIDENCE_COLUMNS, rows)
