"""Hostile form input for Hypothesis: what a careless paste, a broken client or an attacker sends.

A submission is a list of (field, bytes) pairs, percent-encoded into a raw
`application/x-www-form-urlencoded` body, so it can carry what a dict cannot: bytes that
are not UTF-8, a field twice, a field missing.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote_from_bytes

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.conftest import CSRF_RE

#: Modest enough for CI (the whole proof folder fuzzes in well under a minute per database);
#: CI runs the same examples every time, a laptop explores new ones.
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "30")),
    deadline=None,
    database=None,
    derandomize=os.environ.get("CI", "").lower() == "true",
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

#: Markup that must never come back unescaped.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ 7*7 }}",
    "{% raw %}",
]
#: Right-to-left text and marks, Arabic and Hebrew, emoji (with joiners and skin tones).
WORLD = [
    "\u202eevil\u202c",
    "\u200fשלום עולם\u200f",
    "مرحبا بالعالم",
    "👩🏽‍💻🇸🇪",
    "\u0301\u0308",
    "Åsa Öberg-Ängström",
]
#: Bytes that are not UTF-8: a lone continuation, an overlong slash, a surrogate, Latin-1.
BROKEN = [b"\xff\xfe", b"\xc0\xaf", b"\xed\xa0\x80", b"M\xe4rta", b"\x80"]

text = st.one_of(
    st.sampled_from(MARKUP + WORLD),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet="\x00\x01\x1b\t\r\n <>&\"'/\\%", max_size=20),
    st.builds(lambda ch, n: ch * n, st.sampled_from("x<Å😀\x00"), st.sampled_from([1000, 100_000])),
    st.lists(st.sampled_from(MARKUP + WORLD + ["\x00"]), min_size=2, max_size=4).map("".join),
)


def value(valid: str) -> st.SearchStrategy[bytes]:
    """Mostly hostile bytes for a field, sometimes a valid value, sometimes decorated."""
    return st.one_of(
        st.just(valid.encode()),
        text.map(lambda s: s.encode("utf-8", "surrogatepass")),
        st.builds(lambda t: valid.encode() + t.encode(), st.sampled_from(MARKUP + WORLD)),
        st.sampled_from(BROKEN),
        st.builds(lambda b: valid.encode() + b, st.sampled_from(BROKEN)),
    )


@st.composite
def submission(draw, valid: dict[str, str]) -> list[tuple[str, bytes]]:
    """Each field missing, once or twice; each value valid or hostile."""
    pairs = []
    for name, good in valid.items():
        times = draw(st.sampled_from([1, 1, 1, 0, 2]))
        pairs += [(name, draw(value(good))) for _ in range(times)]
    return pairs


def body(pairs: list[tuple[str, bytes]], token: str) -> bytes:
    """A raw urlencoded body with the CSRF token first."""
    fields = [("csrf_token", token.encode()), *pairs]
    return b"&".join(f"{k}=".encode() + quote_from_bytes(v).encode() for k, v in fields)


def send(client, url: str, pairs, token: str):
    return client.post(
        url, data=body(pairs, token), content_type="application/x-www-form-urlencoded"
    )


def token_on(client, path: str) -> str:
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


_TAG = re.compile(r"<\s*(script|img|svg)\b[^>]*\b(onerror|onload|alert)", re.I)


def unescaped_markup(html: str) -> list[str]:
    """Injected markup that reached the page as markup; the page's own tags never match."""
    found = [m for m in ("<script>alert(1)</script>", "<svg/onload=alert(1)>") if m in html]
    return found + [m.group(0) for m in _TAG.finditer(html)]
