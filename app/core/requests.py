"""The request class: NUL bytes never reach a form, a query or the database.

No person types a NUL byte; PostgreSQL refuses them in text, so one in a form
field would turn a harmless request into an error. They are dropped on parsing.
"""

from __future__ import annotations

from flask import Request as FlaskRequest
from werkzeug.datastructures import ImmutableMultiDict, iter_multi_items


def _clean(value):
    return value.replace("\x00", "") if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """Form and query parameters with NUL bytes removed from keys and text values."""

    def __init__(self, mapping=None):
        if mapping is None:
            super().__init__()
            return
        super().__init__([(_clean(k), _clean(v)) for k, v in iter_multi_items(mapping)])


class Request(FlaskRequest):
    """Flask's request, parsing parameters into `CleanMultiDict`."""

    parameter_storage_class = CleanMultiDict
