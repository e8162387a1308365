"""Error pages in Swedish; a database that is down gives 503, never a traceback."""

from __future__ import annotations

import logging

from flask import Flask, has_request_context, render_template
from flask.globals import request_ctx
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import HTTPException

from app.core import outage
from app.extensions import db

logger = logging.getLogger(__name__)


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (
            _("Felaktig begäran"),
            _("Något i begäran gick inte att tolka. Gå tillbaka och försök igen."),
        ),
        403: (_("Åtkomst nekad"), _("Du har inte behörighet till den här sidan.")),
        404: (_("Sidan finns inte"), _("Vi hittar inte sidan du söker. Kontrollera adressen.")),
        405: (_("Otillåten metod"), _("Sidan kan inte användas på det sättet.")),
        409: (
            _("Konflikt"),
            _("Någon annan har ändrat samma sak. Ladda om sidan och försök igen."),
        ),
        413: (_("För stor begäran"), _("Det du skickade är för stort.")),
        429: (
            _("För många försök"),
            _("Du har gjort för många försök. Vänta en stund och försök igen."),
        ),
        500: (
            _("Något gick fel"),
            _("Ett oväntat fel inträffade. Felet är loggat. Försök igen om en stund."),
        ),
        503: (
            _("Tjänsten är tillfälligt otillgänglig"),
            _("Torget kan inte använda sin databas just nu. Försök igen om en stund."),
        ),
    }


def render_error(code: int, message: str | None = None):
    """Render the Swedish error page for `code`."""
    title, text = _titles().get(code, _titles()[500])
    return render_template("error.html", code=code, title=title, text=message or text), code


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    if not _can_build_urls():
        # A Host outside TRUSTED_HOSTS: no address can be built for it, so the page that
        # links to the style sheet and the menu cannot be drawn either.
        return _plain_page(error.code), error.code
    description = None
    if error.code in (400, 409) and getattr(error, "description", None):
        description = error.description if getattr(error, "user_message", False) else None
    return render_error(error.code, description)


def _csrf_error(error: CSRFError):
    return render_error(
        400,
        _("Formuläret hade gått ut eller saknade en säkerhetskod. Ladda om sidan och försök igen."),
    )


def _database_down(error: OperationalError):
    """503 with what the person typed, if they were sending a form; nothing is half-written."""
    logger.error("database unavailable: %s", error)
    outage.release_session()
    html = outage.form_again() or _static_503()
    return html, 503, {"Retry-After": "30"}


def _can_build_urls() -> bool:
    ctx = request_ctx._get_current_object() if has_request_context() else None
    return ctx is None or ctx.url_adapter is not None


def _plain_page(code: int) -> str:
    """The error page without the site's layout: title and text only."""
    title, text = _titles().get(code, _titles()[500])
    return f"<!doctype html><html lang=sv><title>{escape(title)}</title><p>{escape(text)}</p>"


def _static_503() -> str:
    try:
        return render_error(503)[0]
    except Exception:
        logger.exception("the 503 page could not be rendered")
        return _plain_page(503)


def _unexpected(error: Exception):
    logger.exception("unhandled error")
    db.session.rollback()
    return render_error(500)


def init_app(app: Flask) -> None:
    outage.init_app()
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_down)
    app.register_error_handler(Exception, _unexpected)
