"""CSV for spreadsheets, safe against formula injection; pure, no Flask or database."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

#: Cells starting with these are formulas to a spreadsheet program.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet will show as text, never run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    """Semicolon-separated (as Swedish Excel expects) with a BOM so it reads å, ä, ö."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()
