"""URL converters: ids in paths stay within what every database column can hold."""

from __future__ import annotations

from flask import Flask
from werkzeug.routing import IntegerConverter

#: The largest value of a 32-bit signed INTEGER column (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1


class BoundedIntegerConverter(IntegerConverter):
    """`<int:...>` that does not match numbers no row can have, so they give 404, not 500."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def init_app(app: Flask) -> None:
    """Install the converters; call before any blueprint adds its rules."""
    app.url_map.converters["int"] = BoundedIntegerConverter
