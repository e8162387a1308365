"""The report as a Word document laid out like the city's form (python-docx)."""

from __future__ import annotations

import io

from docx import Document
from docx.shared import Cm, Pt

from app.reports.export import ReportDocument


def build_docx(doc: ReportDocument) -> bytes:
    """Title, introduction, header fields, the section heading, focus areas and answers."""
    document = Document()
    document.core_properties.title = f"{doc.title} {doc.period_label} {doc.year}"
    document.core_properties.language = "sv-SE"
    document.add_heading(doc.title, level=0)
    document.add_paragraph(doc.introduction)
    if doc.unit_name:
        _header_fields(document, doc)
    _label(document, "Period", f"{doc.period_label} {doc.year}")
    if doc.units:
        _unit_table(document, doc.units)
    document.add_heading(doc.heading, level=1)
    document.add_paragraph("Beskrivning (mål och syfte)").runs[0].bold = True
    document.add_paragraph(doc.description)
    if doc.chart_png:
        document.add_picture(io.BytesIO(doc.chart_png), width=Cm(16))
    for section in doc.sections:
        document.add_heading(f"{section.number}. {section.name}", level=2)
        for item in section.items:
            question = document.add_paragraph()
            question.add_run(item.question).bold = True
            if item.unit:
                question.add_run(f" ({item.unit})")
            for paragraph in (item.answer or "–").split("\n\n"):
                document.add_paragraph(paragraph.strip())
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _header_fields(document, doc: ReportDocument) -> None:
    _label(document, "Nämnd", doc.unit_name)
    _label(document, "Kontaktperson för eventuella frågor", doc.contact_name)
    _label(document, "Telefon", doc.contact_phone)
    _label(document, "E-post", doc.contact_email)


def _label(document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    run = paragraph.add_run(label)
    run.bold = True
    run.font.size = Pt(10)
    paragraph.add_run("\n" + (value or "–"))


def _unit_table(document, units: tuple[tuple[str, str], ...]) -> None:
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    table.rows[0].cells[0].text = "Nämnd eller bolagsstyrelse"
    table.rows[0].cells[1].text = "Status"
    for name, status in units:
        cells = table.add_row().cells
        cells[0].text = name
        cells[1].text = status
