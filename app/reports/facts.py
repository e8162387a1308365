"""Facts that other features contribute to the report, beside held events.

A fact source (`app.policy.facts.FactSource`) is listed in `app/wiring.py` (the award's
cycle progress). The report never imports a feature directly.
"""

from __future__ import annotations

from datetime import date

from app.core import wiring
from app.policy.facts import Fact


def collect(unit_id: int, year: int, start: date, end: date) -> list[Fact]:
    """Every registered source's facts for the period."""
    sources = wiring.of().fact_sources
    return [fact for source in sources for fact in source(unit_id, year, start, end)]
