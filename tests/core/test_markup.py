"""Values typed elsewhere are literal text in Markdown; drafts carry no markup."""

from __future__ import annotations

import pytest

from app.core.markup import escape_markdown, inert_text, one_line

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Älvsjö torg", "Älvsjö torg"),
        ("# Rubrik", r"\# Rubrik"),
        ("[a](b)", r"\[a\](b)"),
        ("<img src=x>", r"\<img src=x\>"),
        ("a\r\n\r\nb", "a b"),
        ("*fet* _kursiv_ `kod`", r"\*fet\* \_kursiv\_ \`kod\`"),
        ("A & B | C", r"A \& B \| C"),
        ("", ""),
    ],
)
def test_escape_markdown(value, expected):
    assert escape_markdown(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Frukost [Läs mer](javascript:alert(1))", "Frukost Läs mer"),
        ("Möte <img src=x onerror=alert(1)> i dag", "Möte i dag"),
        ("# Falsk rubrik", "Falsk rubrik"),
        ("  rad ett\r\n\r\nrad två ", "rad ett rad två"),
        ("Frukost & mingel", "Frukost & mingel"),
        ("![bild](x.png) text", "bild text"),
    ],
)
def test_inert_text(value, expected):
    assert inert_text(value) == expected


def test_one_line_handles_none():
    assert one_line(None) == ""
