"""Facts that other features contribute to the report, beside held events.

A fact source is a function `(unit_id, year, start, end) -> list[Fact]` for the period
`start`–`end` (inclusive dates); `app/wiring.py` lists the sources (the award's cycle
progress). The report never imports a feature directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from app.core import wiring


@dataclass(frozen=True)
class Fact:
    """One piece of evidence for one report question."""

    #: Stable across regenerations, e.g. "award:3:nominations"; the officer's
    #: include/exclude choice is stored against it.
    key: str
    question_id: int
    #: Where it comes from, e.g. "award".
    source: str
    #: A finished Swedish sentence for the draft, e.g. "Till utmärkelsen kom 14 nomineringar in."
    text: str
    #: The date it concerns, if any (the ceremony date, the nomination deadline).
    on: date | None = None


FactSource = Callable[[int, int, date, date], list[Fact]]


#: Registered fact sources; see the module docstring.
def collect(unit_id: int, year: int, start: date, end: date) -> list[Fact]:
    """Every registered source's facts for the period."""
    sources = wiring.of().fact_sources
    return [fact for source in sources for fact in source(unit_id, year, start, end)]
