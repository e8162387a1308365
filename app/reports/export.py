"""The report as plain data, and its Markdown and CSV forms; pure, no Flask or database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import groupby

from app.core.formatting import date_long
from app.core.markup import escape_markdown
from app.core.spreadsheet import csv_text
from app.reports.form_text import (
    FORM_INTRODUCTION,
    FORM_TITLE,
    SECTION_DESCRIPTION,
    SECTION_HEADING,
)


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str
    #: The unit that answered (the city-wide compilation), else "".
    unit: str = ""


@dataclass(frozen=True)
class Section:
    """A focus area with its questions and answers."""

    number: int
    name: str
    items: tuple[QuestionAnswer, ...] = ()


@dataclass(frozen=True)
class ReportDocument:
    """What the form shows, in its order."""

    year: int
    period_label: str
    unit_name: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    sections: tuple[Section, ...] = ()
    chart_png: bytes | None = None
    #: What the chart shows, in words: its alternative text and the sentence under it.
    chart_text: str = ""
    chart_title: str = ""
    #: For the city-wide compilation: (unit name, status text, the deadline it has missed or
    #: None) per unit.
    units: tuple[tuple[str, str, date | None], ...] = field(default_factory=tuple)
    #: When the document was made (aware); its properties and footer say so.
    exported_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def title(self) -> str:
        return FORM_TITLE

    @property
    def introduction(self) -> str:
        return FORM_INTRODUCTION.replace("budget 2022", f"budget {self.year}")

    @property
    def heading(self) -> str:
        return SECTION_HEADING.format(year=self.year)

    @property
    def description(self) -> str:
        """The form's description without its instruction to click in the text boxes, which
        has no place in a finished report."""
        kept = [s for s in SECTION_DESCRIPTION.split(". ") if not s.startswith("Besvara ")]
        return ". ".join(kept).rstrip(".") + "."


def status_line(status: str, missed: date | None) -> str:
    """A unit's status in the compilation; an overdue one says which deadline it missed."""
    return f"{status}, försenad (sista dag var {date_long(missed)})" if missed else status


def grouped_items(items) -> list[tuple[str, list[QuestionAnswer]]]:
    """Consecutive answers to the same question together: (question, answers), in order."""
    return [(q, list(answers)) for q, answers in groupby(items, key=lambda i: i.question)]


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
