"""What a feature tells the report: one piece of evidence for one report question.

Features (the award) produce facts; the report collects them through the sources listed in
`app/wiring.py`. Both refer to this contract, so neither imports the other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


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


#: `(unit_id, year, start, end) -> facts` for the period `start`–`end` (inclusive dates).
FactSource = Callable[[int, int, date, date], list[Fact]]
