"""Swedish formats in one place: the time zone, organisation numbers, phone numbers, postal
codes, web addresses and the masks of a records copy. Pure: no Flask, no database.

A value that cannot be read raises `InvalidValue`; its message is a Swedish msgid marked for
the catalogue, and the form that shows it translates it (`app.core.fields.checked`).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import phonenumbers
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr

#: Every local date and time in Torget is Stockholm's.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def N_(text: str) -> str:
    """Marks a message for the catalogue; it is translated where it is shown."""
    return text


class InvalidValue(ValueError):
    """The value cannot be read; the message is a Swedish msgid the form translates."""


_NOT_DIGITS = re.compile(r"[\s\-+]")


def normalise_org_number(raw: str) -> str:
    """`NNNNNN-NNNN` from any grouping; a 12-digit form (16…, or 19/20… for sole traders) is shortened."""
    digits = _NOT_DIGITS.sub("", raw or "")
    if not digits.isdigit():
        raise InvalidValue(N_("Organisationsnumret får bara innehålla siffror och bindestreck."))
    if len(digits) == 12 and digits[:2] in {"16", "19", "20"}:
        digits = digits[2:]
    if len(digits) != 10:
        raise InvalidValue(N_("Organisationsnumret ska ha tio siffror, till exempel 556036-0793."))
    try:
        orgnr.validate(digits)
    except StdnumError as error:
        raise InvalidValue(
            N_("Organisationsnumret stämmer inte (kontrollsiffran är fel). Kontrollera numret.")
        ) from error
    return f"{digits[:6]}-{digits[6:]}"


def is_sole_trader(org_number: str) -> bool:
    """True when the number is a personal identity number (digits 3–4 below 20)."""
    return int(org_number[2:4]) < 20


def mask_org_number(org_number: str) -> str:
    """A sole trader's number as `YYMMDD-****`; a legal person's number as it is."""
    if org_number and is_sole_trader(org_number):
        return f"{org_number[:6]}-****"
    return org_number


def normalise_phone(raw: str) -> str:
    """A Swedish phone number in any grouping as E.164, e.g. `+46850821083`."""
    text = (raw or "").strip()
    if len(text) > 30:
        raise InvalidValue(N_("Telefonnumret är för långt."))
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException as error:
        raise InvalidValue(
            N_("Skriv ett svenskt telefonnummer, till exempel 08-508 210 83.")
        ) from error
    if number.country_code != 46 or not phonenumbers.is_valid_number(number):
        raise InvalidValue(N_("Skriv ett svenskt telefonnummer, till exempel 08-508 210 83."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str | None) -> str:
    """`08-508 210 83` for a stored `+46850821083`; anything that is no number, as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


_POSTAL = re.compile(r"^([1-9]\d{2})\s?(\d{2})$")


def normalise_postal_code(raw: str) -> str:
    """`NNN NN` from `NNNNN` or `NNN NN`."""
    match = _POSTAL.match((raw or "").strip())
    if not match:
        raise InvalidValue(N_("Skriv postnumret med fem siffror, till exempel 117 43."))
    return f"{match.group(1)} {match.group(2)}"


WEBSITE_MAX = 300
#: A host name of labels joined by dots, ending in a top-level domain of letters.
_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$", re.I
)


def normalise_website(raw: str) -> str:
    """A web address as people write it, `kafesolberga.se` too: `https://` is added when no
    scheme is given; only http and https addresses of a named host are taken."""
    text = (raw or "").strip()
    if not text:
        return ""
    if "://" not in text:
        text = f"https://{text}"
    if len(text) > WEBSITE_MAX or any(ch.isspace() for ch in text):
        raise InvalidValue(N_("Skriv en webbadress, till exempel kafesolberga.se."))
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as error:
        raise InvalidValue(N_("Skriv en webbadress, till exempel kafesolberga.se.")) from error
    if parts.scheme.lower() not in {"http", "https"} or parts.username or not _host_ok(host):
        raise InvalidValue(N_("Skriv en webbadress, till exempel kafesolberga.se."))
    return text


def _host_ok(host: str) -> bool:
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(_HOST.match(ascii_host))


def mask_email(email: str | None) -> str:
    """`a***@example.org` for a records request copy."""
    if not email or "@" not in email:
        return ""
    local, _, domain = email.partition("@")
    return f"{local[:1]}***@{domain}"


def mask_phone(e164: str | None) -> str:
    """Only the last two digits remain."""
    if not e164:
        return ""
    return "*" * (len(e164) - 2) + e164[-2:]


def mask_name(name: str | None) -> str:
    """Initials only, e.g. `A. E.`."""
    return " ".join(f"{part[0]}." for part in (name or "").split() if part)


# --- words in running text -------------------------------------------------------

NUMBER_WORDS = {2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju", 8: "åtta", 9: "nio"}


def join_words(items: list[str] | tuple[str, ...]) -> str:
    """'A', 'A och B', 'A, B och C'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} och {items[-1]}"


def number(n: int) -> str:
    """'1 100': thousands grouped with a space, the Swedish way."""
    return f"{n:,}".replace(",", " ")


def count_words(n: int) -> str:
    """'två' … 'nio', then digits."""
    return NUMBER_WORDS.get(n, number(n))
