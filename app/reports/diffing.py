"""A readable word-level difference between two revisions of an answer; pure."""

from __future__ import annotations

import difflib
import re

TOKEN = re.compile(r"\s+|[^\s]+")
LINE = re.compile(r"[^\n]*\n|[^\n]+")
#: Beyond this many words, compare whole lines: word matching grows quadratically.
MAX_WORDS = 8000


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Segments ("same" | "removed" | "added", text) that turn `old` into `new`."""
    a, b = TOKEN.findall(old or ""), TOKEN.findall(new or "")
    if len(a) + len(b) > MAX_WORDS:
        a, b = LINE.findall(old or ""), LINE.findall(new or "")
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            _append(segments, "same", "".join(a[i1:i2]))
            continue
        if op in ("delete", "replace"):
            _append(segments, "removed", "".join(a[i1:i2]))
        if op in ("insert", "replace"):
            _append(segments, "added", "".join(b[j1:j2]))
    return segments


def _append(segments: list[tuple[str, str]], kind: str, text: str) -> None:
    if not text:
        return
    if kind != "same" and not text.strip():
        # A change of white space only is no change a reader can see: the new spacing is
        # kept as unchanged text, the old is dropped, and no empty mark is shown.
        if kind == "removed":
            return
        kind = "same"
    if segments and segments[-1][0] == kind:
        segments[-1] = (kind, segments[-1][1] + text)
    else:
        segments.append((kind, text))
