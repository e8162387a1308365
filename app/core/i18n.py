"""Language choice: Swedish first, English as the second catalogue."""

from __future__ import annotations

from flask import Flask, current_app, request

from app.extensions import babel

LANG_COOKIE = "lang"


def select_locale() -> str:
    """The visitor's chosen language from the cookie, else Swedish."""
    chosen = request.cookies.get(LANG_COOKIE, "")
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories="translations",
    )
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
