"""Swedish phone numbers: stored in E.164, shown in the national grouping; pure, no Flask."""

from __future__ import annotations

import phonenumbers


def normalise_phone(text: str) -> str | None:
    """A Swedish number in E.164 ('+46850821083') from any grouping, or None if not valid."""
    try:
        number = phonenumbers.parse(text, "SE")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(value: str) -> str:
    """'08-508 210 83' for a stored '+46850821083'; anything else as stored."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "SE")
    except phonenumbers.NumberParseException:
        return value
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
