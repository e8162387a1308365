"""What each simulated person types: valid, distinct answers, honeypots left empty."""

from __future__ import annotations

from loadtest.client import FormParser

#: Nominations go to this many companies, so several people nominate the same one.
COMPANIES = 50
MOTIVATION = (
    "Företaget har i många år drivit en öppen verksamhet på torget, anställt unga från "
    "området och ordnat läxhjälp och sommarjobb. Det gör stadsdelen tryggare och roligare."
)


def luhn_digit(digits: str) -> str:
    """The Luhn check digit for `digits` (Swedish organisation numbers use it)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str((10 - total % 10) % 10)


def org_number(k: int) -> str:
    """A valid organisation number `55xxxx-xxxx` for company `k` (a limited company's form)."""
    nine = f"55{k % 10_000_000:07d}"
    ten = nine + luhn_digit(nine)
    return f"{ten[:6]}-{ten[6:]}"


def email(tag: str, i: int) -> str:
    """The address that marks submission `i` of the run `tag` in the database."""
    return f"lt-{tag}-{i}@example.org"


def email_pattern(tag: str) -> str:
    """The LIKE pattern matching every address of run `tag`."""
    return f"lt-{tag}-%@example.org"


def index_of(address: str, tag: str) -> int | None:
    """The submission number inside an address of run `tag`, or None."""
    head, tail = f"lt-{tag}-", "@example.org"
    if not (address.startswith(head) and address.endswith(tail)):
        return None
    number = address[len(head) : -len(tail)]
    return int(number) if number.isdigit() else None


def _first_choice(form: FormParser, name: str, i: int) -> str:
    choices = [value for value in form.options.get(name, []) if value]
    if not choices:
        raise ValueError(f"the form has no choices for {name}")
    return choices[i % len(choices)]


def nomination(form: FormParser, tag: str, i: int) -> list[tuple[str, str]]:
    """The nomination form filled in by person `i`; `fax` (the honeypot) stays empty."""
    k = i % COMPANIES
    return [
        ("csrf_token", form.inputs["csrf_token"]),
        ("category", _first_choice(form, "category", i)),
        ("company_name", f"Lasttestföretaget {k} AB"),
        ("org_number", org_number(k)),
        ("address", "Telefonvägen 30"),
        ("postal_code", "126 37"),
        ("website", "https://example.se"),
        ("contact_name", f"Kontakt {k} Åberg"),
        ("contact_email", f"kontakt{k}@example.org"),
        ("contact_phone", "08-508 210 83"),
        ("motivation", MOTIVATION),
        ("nominator_name", f"Nominerare {i} Öst"),
        ("nominator_email", email(tag, i)),
        ("nominator_phone", ""),
        ("relation", _first_choice(form, "relation", 0)),
        ("fax", ""),
    ]


def registration(form: FormParser, tag: str, i: int) -> list[tuple[str, str]]:
    """The registration form filled in by person `i`; `website` (the honeypot) stays empty."""
    return [
        ("csrf_token", form.inputs["csrf_token"]),
        ("date", form.inputs.get("date") or _first_choice(form, "date", 0)),
        ("name", f"Deltagare {i} Ärlig"),
        ("email", email(tag, i)),
        ("organisation", "Lasttest AB"),
        ("website", ""),
    ]
