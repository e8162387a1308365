"""The report as plain data, in the form's order, for every export; pure, no Flask or database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import groupby

from app.core.formatting import date_long
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
