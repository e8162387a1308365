"""Keep what a person typed when the database fails while a form is being saved.

A view calls `keep_form` once it has built its form; if the database then raises an
`OperationalError`, the 503 handler shows that form again with the typed values. A POST
whose view registered nothing gets a page listing what was sent, with a button that
sends it again. Neither page touches the database: the session is rolled back and
emptied first, and the pages are built from the form and the request alone.
"""

from __future__ import annotations

import logging
from functools import partial

from flask import current_app, g, has_request_context, render_template, request
from flask_wtf import FlaskForm
from sqlalchemy import event
from sqlalchemy.orm import Session

from app.extensions import db

logger = logging.getLogger(__name__)

#: Fields never shown or sent again: the CSRF token is issued afresh, passwords are typed again.
SECRET_FIELDS = frozenset({"csrf_token", "password", "confirm", "current_password"})

#: What each field asks for, so browsers can fill it in (WCAG 1.3.5), as on the forms' own
#: pages; "off" where the form asks about someone else. A view overrides where a name differs.
AUTOCOMPLETE = {
    "name": "name",
    "email": "email",
    "organisation": "organization",
    "password": "current-password",
    "company_name": "organization",
    "address": "street-address",
    "postal_code": "postal-code",
    "website": "url",
    "contact_name": "off",
    "contact_email": "off",
    "contact_phone": "off",
    "org_number": "off",
    "nominator_name": "name",
    "nominator_email": "email",
    "nominator_phone": "tel",
}

_KEY = "_outage_form"


def keep_form(
    form: FlaskForm,
    heading: str,
    submit: str,
    honeypots: tuple[str, ...] = (),
    autocomplete: dict[str, str] | None = None,
) -> None:
    """Remember how to show `form` again should the database fail before the commit ends."""
    g._outage_hidden = frozenset(honeypots)
    tokens = AUTOCOMPLETE | (autocomplete or {})
    setattr(g, _KEY, partial(_render_form, form, heading, submit, tokens))


def release_session() -> None:
    """Roll back and empty the session, so nothing half-written stays and nothing lazy-loads."""
    if "_login_user" not in g:
        # Flask-Login would load the user for the templates: a query. The pages that
        # follow show nothing personal, so they are built as for a visitor.
        g._login_user = current_app.login_manager.anonymous_user()
    try:
        db.session.expunge_all()  # loaded objects keep their values and can no longer query
        db.session.rollback()
    except Exception:
        logger.exception("rollback after a database failure failed")


def form_again() -> str | None:
    """The page that gives the person back what they typed, or None if there is none."""
    if request.method in ("GET", "HEAD", "OPTIONS") or g.get("_outage_committed"):
        return None  # after a commit, "nothing was saved" would not be true
    render = g.get(_KEY) or _render_fallback
    # A fresh CSRF token: the one the form was built with may belong to a session the
    # view already cleared (signing in rotates the session before it commits).
    g.pop("csrf_token", None)
    try:
        return render()
    except Exception:
        logger.exception("could not show the form again after a database failure")
        return None


def _render_form(form: FlaskForm, heading: str, submit: str, autocomplete: dict) -> str:
    # Password fields stay, empty: WTForms never renders a password's value.
    hidden = {"csrf_token"} | g.get("_outage_hidden", frozenset())
    fields = [f for f in form if f.name not in hidden]
    return render_template(
        "outage_form.html",
        form=form,
        fields=fields,
        heading=heading,
        submit=submit,
        autocomplete=autocomplete,
        asks_password=any(f.type == "PasswordField" for f in form),
        action=_action(),
    )


def _render_fallback() -> str:
    hidden = SECRET_FIELDS | g.get("_outage_hidden", frozenset())
    items = [(k, v) for k, v in request.form.items(multi=True) if k not in hidden]
    return render_template(
        "outage_fallback.html",
        items=items,
        asks_password=any(k in SECRET_FIELDS - {"csrf_token"} for k in request.form),
        lost_files=bool(request.files),
        action=_action(),
    )


def _action() -> str:
    return request.full_path if request.query_string else request.path


def _committed(session: Session) -> None:
    if has_request_context():
        g._outage_committed = True


def init_app() -> None:
    """Note each successful commit: after one, a failure must not say that nothing was saved."""
    if not event.contains(Session, "after_commit", _committed):
        event.listen(Session, "after_commit", _committed)
