"""Every template keeps to the CSP and loads nothing from the internet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

TEMPLATES = sorted((Path(__file__).parents[2] / "templates").rglob("*.html"))

FORBIDDEN = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)", re.I),
    "style element": re.compile(r"<style[\s>]", re.I),
    "style attribute": re.compile(r"\sstyle\s*=", re.I),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
    "asset from the internet": re.compile(
        r"<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)\s*=\s*[\"']"
        r"(?:https?:)?//",
        re.I,
    ),
}


def test_there_are_templates():
    assert len(TEMPLATES) > 10


@pytest.mark.parametrize("rule", sorted(FORBIDDEN))
def test_no_template_breaks_the_rule(rule):
    offenders = [
        f"{path.relative_to(path.parents[1])}:{text.count(chr(10), 0, match.start()) + 1}"
        for path in TEMPLATES
        for text in [path.read_text()]
        for match in FORBIDDEN[rule].finditer(text)
    ]
    assert offenders == []


def test_the_rules_catch_what_they_should():
    samples = {
        "inline script": "<script>alert(1)</script>",
        "style element": "<style>p{}</style>",
        "style attribute": '<p style="color:red">',
        "event handler attribute": '<button onclick="x()">',
        "javascript: URL": '<a href="javascript:void(0)">',
        "asset from the internet": '<link rel="stylesheet" href="https://cdn.example/x.css">',
    }
    for rule, sample in samples.items():
        assert FORBIDDEN[rule].search(sample), rule
    assert not FORBIDDEN["inline script"].search('<script src="/static/x.js"></script>')
    assert not FORBIDDEN["asset from the internet"].search('<a href="https://imy.se">')


def test_a_second_app_in_the_same_process_wires_nothing_twice(app, client, login, make_user, unit):
    """Blocks and menu entries live on each app, so building another never repeats them."""
    from app import create_app
    from app.core import wiring

    other = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert len(wiring.of(other).profile_sections) == len(wiring.of(app).profile_sections)
    login(make_user("organiser", unit))
    page = client.get("/profile").get_data(as_text=True)
    assert page.count("Min privata kalender") == 1
    endpoints = [entry.endpoint for entry in wiring.of(app).menu]
    assert len(endpoints) == len(set(endpoints))
    assert endpoints[:2] == ["events.list_events", "events.calendar_month"]
