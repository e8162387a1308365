"""Language choice: Swedish first, English as the second catalogue."""

from __future__ import annotations

from flask import Flask, current_app, g, has_request_context, request
from flask_babel import get_locale, get_translations

from app.extensions import babel

LANG_COOKIE = "lang"


def select_locale() -> str:
    """The visitor's chosen language from the cookie, else Swedish (also outside a request:
    a command or work done after the response, which sets its locale itself)."""
    if not has_request_context():
        return "sv"
    chosen = request.cookies.get(LANG_COOKIE, "")
    return chosen if chosen in current_app.config["LANGUAGES"] else "sv"


def request_translations():
    """The catalogue for this request's locale, resolved once per request and locale.

    A page calls gettext some fifty times; Flask-Babel resolves the domain, the locale
    and the cache key on every call.
    """
    locale = get_locale()
    cached = g.get("_torget_translations")
    if cached is not None and cached[0] is locale:
        return cached[1]
    translations = get_translations()
    g._torget_translations = (locale, translations)
    return translations


def init_app(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories="translations",
    )
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", "translations")
    # Templates translate through the per-request catalogue: the same text, less work.
    app.jinja_env.install_gettext_callables(
        lambda string: request_translations().ugettext(string),
        lambda singular, plural, n: request_translations().ungettext(singular, plural, n),
        newstyle=True,
    )
