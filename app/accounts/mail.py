"""Mailed links that let a person set their own password: a reset or an invitation."""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from app.accounts import services
from app.accounts.models import TokenPurpose, User
from app.core.urls import external_url
from app.extensions import db
from app.mailing import sending
from app.mailing import services as mailing


def new_link(user: User, purpose: TokenPurpose) -> str:
    """Store a new single-use link for `user` and commit it; the link's public address."""
    secret = services.issue_token(user, purpose)
    db.session.commit()
    return external_url("accounts.reset_password", token=secret)


def mail_link(user: User, purpose: TokenPurpose, link: str | None = None) -> bool:
    """Mail `user` a link to set their password (a new one unless `link` is given);
    False when it could not go now (it stays queued and is sent again)."""
    link = link or new_link(user, purpose)
    if purpose is TokenPurpose.INVITATION:
        subject = _("Välkommen till Torget")
        template = "accounts/invitation_mail.txt"
    else:
        subject = _("Nytt lösenord till Torget")
        template = "accounts/reset_mail.txt"
    return send(user, subject, render_template(template, user=user, link=link))


def send(user: User, subject: str, body: str) -> bool:
    """Queue a mail to `user`, commit it, send it; False when it waits for a retry."""
    queued = mailing.queue(user.email, subject, body, unit_id=user.owner_unit_id)
    db.session.commit()
    return sending.send_now([queued])


def mail_reset_link(email: str) -> None:
    """Mail a reset link if `email` belongs to an active account; otherwise do nothing.

    Runs after the response (see `app.core.deferred`), so the answer to the form takes
    the same time either way.
    """
    user = services.find_user(email)
    if user is not None and user.is_active:
        mail_link(user, TokenPurpose.RESET)
