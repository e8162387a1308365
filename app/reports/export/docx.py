"""The report and the city compilation as Word documents on Torget's template (app.core.word).

The unit's report follows the form: title, introduction, header fields, the section heading,
the chart with its caption and a sentence saying what it shows, then per focus area each
question with its answer set apart. The compilation prints each question once and every
submitted unit's answer under the unit's name. Pure: no Flask, no database.
"""

from __future__ import annotations

from app.core import word
from app.core.formatting import date_long, to_local
from app.reports.export.document import ReportDocument, grouped_items, status_line


def letterhead(doc: ReportDocument) -> word.Letterhead:
    """Properties, running head and foot of the report or the compilation."""
    period = f"{doc.period_label} {doc.year}"
    author = doc.unit_name or "Stockholms stad"
    scope = doc.unit_name or "Stadens sammanställning"
    return word.Letterhead(
        title=f"{doc.title.capitalize()} {period}",
        subject=f"Särskild näringslivsrapport, {scope}, {period}",
        author=author,
        running_head=f"{scope} · {period}",
        exported_at=doc.exported_at,
        exported_day=date_long(to_local(doc.exported_at)),
        keywords="näringsliv; uppföljning; " + period,
    )


def build_docx(doc: ReportDocument) -> bytes:
    """The form as a document: one question never stands apart from its answer."""
    document = word.new_document(letterhead(doc))
    document.add_heading(doc.title, level=0)
    document.add_paragraph(doc.introduction)
    if doc.unit_name:
        _fields(document, _header_fields(doc))
    _fields(document, (("Period", f"{doc.period_label} {doc.year}"),))
    if doc.units:
        _unit_status(document, doc)
    document.add_heading(doc.heading, level=1)
    document.add_paragraph(doc.description)
    if doc.chart_png:
        word.picture(document, doc.chart_png, doc.chart_text, width=word.TEXT_WIDTH * 15 // 16)
        word.caption(document, f"Figur 1. {doc.chart_title}", above=False)
        document.add_paragraph(doc.chart_text)
    for section in doc.sections:
        document.add_heading(f"{section.number}. {section.name}", level=2)
        for question, answers in grouped_items(section.items):
            if doc.units:
                word.question(document, question)
                for item in answers:
                    document.add_paragraph(item.unit, style="Heading 4")
                    word.answer(document, item.answer)
            else:
                word.question(document, question)
                word.answer(document, answers[0].answer)
    if doc.units and not doc.sections:
        document.add_paragraph("Ingen nämnd eller bolagsstyrelse har lämnat in sin rapport ännu.")
    return word.finish(document)


def _header_fields(doc: ReportDocument) -> tuple[tuple[str, str], ...]:
    return (
        ("Nämnd", doc.unit_name),
        ("Kontaktperson för eventuella frågor", doc.contact_name),
        ("Telefon", doc.contact_phone),
        ("E-post", doc.contact_email),
    )


def _fields(document, pairs) -> None:
    for label, value in pairs:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.space_after = word.Pt(2)
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value or "–")


def _unit_status(document, doc: ReportDocument) -> None:
    document.add_paragraph(
        "Svaren nedan kommer bara från rapporter som har lämnats in. "
        "Tabellen visar var varje nämnd och bolagsstyrelse står."
    )
    word.table(
        document,
        ("Nämnd eller bolagsstyrelse", "Status"),
        [(unit, status_line(status, missed)) for unit, status, missed in doc.units],
        widths_cm=(9.5, 6.5),
        title="Tabell 1. Inlämnade rapporter",
    )
