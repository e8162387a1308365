"""Template filters and globals: Swedish dates and numbers, language, request-wide values."""

from __future__ import annotations

from flask import Flask
from flask_babel import get_locale

from app.core import formatting, navigation, swedish, urls


def _locale() -> str:
    return str(get_locale() or "sv")


def init_app(app: Flask) -> None:
    filters = {
        "date_long": lambda v: formatting.date_long(v, _locale()),
        "date_full": lambda v: formatting.date_full(v, _locale()),
        "date_short": formatting.date_short,
        "clock": lambda v: formatting.clock(v, _locale()),
        "time_range": lambda s, e=None: formatting.time_range(s, e, _locale()),
        "iso_week": lambda v: formatting.iso_week(v, _locale()),
        "local": formatting.to_local,
        "webcal": urls.webcal,
        "decimal": lambda v: formatting.decimal(v, _locale()),
        "number": lambda v: formatting.decimal(v, _locale(), formatting.UP_TO_TWO_DECIMALS),
        # A sole trader's number is a personal identity number: shown masked.
        "org_number": lambda v: swedish.mask_org_number(v) if v else "–",
    }
    app.jinja_env.filters.update(filters)
    app.jinja_env.globals["when"] = lambda s, e, all_day=False: formatting.when(
        s, e, all_day, _locale()
    )
    app.jinja_env.globals["current_locale"] = _locale
    app.jinja_env.globals["main_nav"] = navigation.main_nav
    app.jinja_env.globals["profile_sections"] = navigation.profile_sections
    app.jinja_env.globals["external_url"] = urls.external_url
