"""URL converters: ids and names in paths stay within what every database column can hold."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter, UnicodeConverter

#: The largest value of a 32-bit signed INTEGER column (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that does not match numbers no row can have, so they give 404, not 500."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


class PrintableConverter(UnicodeConverter):
    """`<name>` and `<string:...>` that do not match control characters: PostgreSQL cannot
    even compare a text with a NUL byte in it, so `/feeds/units/%00.ics` gives 404, not 500."""

    def __init__(self, map, minlength=1, maxlength=None, length=None):
        super().__init__(map, minlength=minlength, maxlength=maxlength, length=length)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]", 1)


def init_app(app: Flask) -> None:
    """Install the converters; call before any blueprint adds its rules."""
    app.url_map.converters["int"] = BoundedIntegerConverter
    app.url_map.converters["default"] = PrintableConverter
    app.url_map.converters["string"] = PrintableConverter
