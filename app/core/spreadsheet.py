"""CSV that a spreadsheet opens as text, never as formulas; pure, no Flask or database.

Every CSV Torget writes goes through `csv_text`. Excel and LibreOffice run a cell that starts
with `=`, `+`, `-` or `@` as a formula (and a tab or line break before one), which lets a
name typed into a public form leak the sheet's other cells (`=HYPERLINK(...)`). OWASP's
advice: start such a cell with an apostrophe, which both programs show as text. Full-width
forms of those signs count too, since LibreOffice may read them as the ASCII ones.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

#: Cells starting with these are formulas, or can become one, to a spreadsheet program.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def safe_cell(value) -> str:
    """A CSV cell a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_text(header: Iterable, rows: Iterable[Iterable]) -> str:
    """Semicolon-separated (as Swedish Excel expects), CRLF line ends, with a BOM so that
    Excel reads å, ä and ö; every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(v) for v in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buffer.getvalue()
