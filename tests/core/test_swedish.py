"""The Swedish formats: every form that takes an org.nr, a phone, a postal code or a web address
reads it by these rules, and every refusal has an English text in the catalogue."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.core import swedish

pytestmark = pytest.mark.nodb

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("556036-0793", "556036-0793"),
        ("5560360793", "556036-0793"),
        ("556036 0793", "556036-0793"),
        ("16556036-0793", "556036-0793"),
        ("212000-0142", "212000-0142"),
        ("19640823-3234", "640823-3234"),
    ],
)
def test_org_numbers_are_normalised(raw, expected):
    assert swedish.normalise_org_number(raw) == expected


@pytest.mark.parametrize("raw", ["556036-0794", "556036-079", "55603607931", "abc", "", "1" * 200])
def test_bad_org_numbers_are_refused(raw):
    with pytest.raises(swedish.InvalidValue):
        swedish.normalise_org_number(raw)


def test_sole_traders_are_masked_and_companies_are_not():
    assert swedish.is_sole_trader("640823-3234")
    assert swedish.mask_org_number("640823-3234") == "640823-****"
    assert not swedish.is_sole_trader("556036-0793")
    assert swedish.mask_org_number("556036-0793") == "556036-0793"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("08-508 210 83", "+46850821083"),
        ("08 50821083", "+46850821083"),
        ("+46 8 508 210 83", "+46850821083"),
        ("0046850821083", "+46850821083"),
        ("070-123 45 67", "+46701234567"),
    ],
)
def test_swedish_phone_numbers_in_any_grouping_become_e164(raw, expected):
    assert swedish.normalise_phone(raw) == expected
    assert swedish.display_phone(expected) in {"08-508 210 83", "070-123 45 67"}


@pytest.mark.parametrize("raw", ["12", "+1 202 555 0143", "abc", "", "0" * 40])
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(swedish.InvalidValue):
        swedish.normalise_phone(raw)


@pytest.mark.parametrize(("raw", "expected"), [("11743", "117 43"), ("117 43", "117 43")])
def test_postal_codes(raw, expected):
    assert swedish.normalise_postal_code(raw) == expected


@pytest.mark.parametrize("raw", ["1174", "017 43", "117-43", "abcde", ""])
def test_bad_postal_codes(raw):
    with pytest.raises(swedish.InvalidValue):
        swedish.normalise_postal_code(raw)


def test_masking_for_records_requests():
    assert swedish.mask_email("nina@example.se") == "n***@example.se"
    assert swedish.mask_phone("+46701234567") == "**********67"
    assert swedish.mask_name("Nina Nominerare") == "N. N."
    assert swedish.mask_email(None) == swedish.mask_phone(None) == ""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("kafesolberga.se", "https://kafesolberga.se"),
        ("http://example.org/om", "http://example.org/om"),
        ("  https://café.se  ", "https://café.se"),
        ("", ""),
    ],
)
def test_web_addresses_get_a_scheme_when_people_leave_it_out(raw, expected):
    assert swedish.normalise_website(raw) == expected


@pytest.mark.parametrize(
    "raw", ["javascript:alert(1)", "https://user@example.org", "example", "https://a b.se",
            "ftp://example.org", "https://example.org:x"],
)  # fmt: skip
def test_web_addresses_that_are_no_web_page_are_refused(raw):
    with pytest.raises(swedish.InvalidValue):
        swedish.normalise_website(raw)


def test_a_stored_number_that_is_not_one_is_shown_as_stored():
    assert swedish.display_phone("växeln") == "växeln"
    assert swedish.display_phone(None) == ""


def _refusals() -> set[str]:
    tree = ast.parse((ROOT / "app/core/swedish.py").read_text())
    return {
        node.args[0].value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and getattr(node.func, "id", "") == "N_"
        and isinstance(node.args[0], ast.Constant)
    }


def test_every_refusal_is_in_the_english_catalogue():
    with open(ROOT / "app/translations/en/LC_MESSAGES/messages.po", "rb") as po:
        catalogue = read_po(po)
    refusals = _refusals()
    assert len(refusals) >= 6
    missing = {text for text in refusals if not (catalogue.get(text) and catalogue[text].string)}
    assert not missing
