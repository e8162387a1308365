"""Reading the organisation lists councils keep today (CSV from Excel); pure, no Flask.

The file has a header row naming its columns in Swedish: `namn` (required), and any of
`organisationsnummer`, `slag`, `webbplats`. Excel writes semicolons and, in older versions,
Windows-1252; both separators and both encodings are read. Each data row becomes a `Row`
with its line number and either clean values or the one reason it is refused, so the
person sees one clear line per refused row and the rest can be taken in.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass

from app.core import swedish
from app.core.markup import is_control
from app.core.swedish import N_

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
NAME_MAX = 200
COLUMNS = {
    "namn": "name",
    "organisationsnummer": "org_number",
    "org.nr": "org_number",
    "orgnr": "org_number",
    "slag": "kind",
    "webbplats": "website",
}
#: The kinds as people write them in a list, to the register's values.
KINDS = {
    "företag": "company",
    "förening": "association",
    "företagarförening": "business_association",
    "företagareförening": "business_association",
    "nätverk": "business_association",
    "fastighetsägare": "property_owner",
    "centrumägare": "property_owner",
    "partner": "partner",
    "förvaltning": "city_administration",
    "myndighet": "city_administration",
    "stadens bolag": "city_company",
}


class UnreadableList(ValueError):
    """The file as a whole cannot be read; the message is a msgid for the form."""


@dataclass(frozen=True)
class Row:
    line: int
    name: str = ""
    org_number: str | None = None
    kind: str = "company"
    website: str | None = None
    #: Why the row is refused (a msgid), or "" when it can be taken in.
    problem: str = ""


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise UnreadableList(N_("Filen är större än 2 MB."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableList(N_("Filen går inte att läsa som text."))


def read(data: bytes) -> list[Row]:
    """Every data row of the file, taken or refused; the file itself may be refused."""
    text = _text(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise UnreadableList(N_("Filen är tom. Första raden ska namnge kolumnerna."))
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    try:
        records = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error as error:
        raise UnreadableList(N_("Filen är ingen läsbar CSV-fil.")) from error
    header = [COLUMNS.get(cell.strip().casefold()) for cell in records[0]]
    if "name" not in header:
        raise UnreadableList(N_("Första raden saknar kolumnen ”namn”."))
    if len(records) - 1 > MAX_ROWS:
        raise UnreadableList(N_("Filen har fler än 5 000 rader. Dela upp den."))
    rows = []
    for line, record in enumerate(records[1:], start=2):
        if not any(cell.strip() for cell in record):
            continue
        values = {key: cell.strip() for key, cell in zip(header, record, strict=False) if key}
        rows.append(_row(line, values))
    return rows


def _row(line: int, values: dict[str, str]) -> Row:
    name = values.get("name", "")
    if not name:
        return Row(line, problem=N_("Namn saknas."))
    if len(name) > NAME_MAX or any(is_control(ch) for ch in name):
        return Row(
            line, name[:NAME_MAX], problem=N_("Namnet är för långt eller har otillåtna tecken.")
        )
    kind = KINDS.get(values.get("kind", "").casefold()) if values.get("kind") else "company"
    if kind is None:
        return Row(
            line,
            name,
            problem=N_("Okänt slag. Skriv till exempel företag, förening eller fastighetsägare."),
        )
    try:
        number = (
            swedish.normalise_org_number(values["org_number"]) if values.get("org_number") else None
        )
        website = swedish.normalise_website(values.get("website", "")) or None
    except swedish.InvalidValue as error:
        return Row(line, name, problem=str(error))
    return Row(line, name, number, kind, website)


def slug_of(name: str) -> str:
    """`Älvsjö Bageri AB` → `alvsjo-bageri-ab`; at least one character."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:90]
    return slug or "organisation"
