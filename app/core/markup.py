"""Text from forms made harmless in Markdown; pure, no Flask.

The report's `.md` export is pasted into the city's systems, which may render Markdown and
HTML. A title typed by an organiser (`Frukost [Läs mer](javascript:…) <img onerror=…>`
followed by a blank line and `# Falsk rubrik`) must come out as the words it is, never as a
link, an image, a tag or a heading of its own.
"""

from __future__ import annotations

import re

#: ASCII punctuation that Markdown or HTML give a meaning anywhere in a line; CommonMark
#: lets any of them be escaped with a backslash.
_SPECIAL = re.compile(r"([\\`*_\[\]<>&|#~!])")
_TAG = re.compile(r"<[^<>]*>")
#: [words](address) or ![words](address); the address may hold one level of brackets.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()]|\([^()]*\))*\)")


def is_control(ch: str) -> bool:
    """A control character (C0, DEL, C1, or a Unicode line or paragraph separator)."""
    return ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 or ch in "\u2028\u2029"


def without_control(text: str, allowed: str = "") -> str:
    """`text` with every control character not in `allowed` removed (mails, feeds and
    Word documents cannot carry them)."""
    return "".join(ch for ch in text if ch in allowed or not is_control(ch))


def one_line(text: str) -> str:
    """Every run of white space, line breaks included, as one space; trimmed."""
    return " ".join(str(text or "").split())


def escape_markdown(text: str) -> str:
    """`text` as one line of literal Markdown: punctuation escaped, line breaks folded."""
    return _SPECIAL.sub(r"\\\1", one_line(text))


def inert_text(text: str) -> str:
    """Prose without markup, for drafts written from what organisers typed: one line, no
    HTML tags, a Markdown link or image reduced to its words, no leading block marker."""
    text = _LINK.sub(r"\1", one_line(text))
    text = _TAG.sub("", text).replace("[", "").replace("]", "")
    return one_line(text).lstrip("#>*-+|=` ")
