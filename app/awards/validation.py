"""Swedish organisation numbers, phone numbers and postal codes; no Flask, no database."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import phonenumbers
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.se import orgnr


class InvalidValue(ValueError):
    """The value cannot be normalised; the message says why (in Swedish)."""


_NOT_DIGITS = re.compile(r"[\s\-+]")


def normalise_org_number(raw: str) -> str:
    """`NNNNNN-NNNN` from any grouping; a 12-digit form (16…, or 19/20… for sole traders) is shortened."""
    digits = _NOT_DIGITS.sub("", raw or "")
    if not digits.isdigit():
        raise InvalidValue("Organisationsnumret får bara innehålla siffror och bindestreck.")
    if len(digits) == 12 and digits[:2] in {"16", "19", "20"}:
        digits = digits[2:]
    if len(digits) != 10:
        raise InvalidValue("Organisationsnumret ska ha tio siffror, till exempel 556036-0793.")
    try:
        orgnr.validate(digits)
    except StdnumError as error:
        raise InvalidValue(
            "Organisationsnumret stämmer inte (kontrollsiffran är fel). Kontrollera numret."
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
        raise InvalidValue("Telefonnumret är för långt.")
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException as error:
        raise InvalidValue(
            "Skriv ett svenskt telefonnummer, till exempel 08-508 210 83."
        ) from error
    if number.country_code != 46 or not phonenumbers.is_valid_number(number):
        raise InvalidValue("Skriv ett svenskt telefonnummer, till exempel 08-508 210 83.")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str | None) -> str:
    """An E.164 number the Swedish way, e.g. `08-508 210 83`."""
    if not e164:
        return ""
    number = phonenumbers.parse(e164, "SE")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


_POSTAL = re.compile(r"^([1-9]\d{2})\s?(\d{2})$")


def normalise_postal_code(raw: str) -> str:
    """`NNN NN` from `NNNNN` or `NNN NN`."""
    match = _POSTAL.match((raw or "").strip())
    if not match:
        raise InvalidValue("Skriv postnumret med fem siffror, till exempel 117 43.")
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
        raise InvalidValue("Skriv en webbadress, till exempel kafesolberga.se.")
    try:
        parts = urlsplit(text)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError as error:
        raise InvalidValue("Skriv en webbadress, till exempel kafesolberga.se.") from error
    if parts.scheme.lower() not in {"http", "https"} or parts.username or not _host_ok(host):
        raise InvalidValue("Skriv en webbadress, till exempel kafesolberga.se.")
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
