"""Mailed links that let a person set their own password: a reset or an invitation.

These functions queue the mail and flush; the caller commits and then sends what it queued
(`app.mailing.sending.send_now`), so a mail is stored before anyone tries to send it.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import gettext as _

from app.accounts import services
from app.accounts.models import TokenPurpose, User
from app.core.urls import external_url
from app.mailing import services as mailing
from app.mailing.models import OutgoingMail


def new_link(user: User, purpose: TokenPurpose) -> str:
    """Store a new single-use link for `user`; the link's public address."""
    secret = services.issue_token(user, purpose)
    return external_url("accounts.reset_password", token=secret)


def queue_link(user: User, purpose: TokenPurpose, link: str | None = None) -> OutgoingMail:
    """Queue a mail with a link for `user` to set their password (a new link unless given)."""
    link = link or new_link(user, purpose)
    if purpose is TokenPurpose.INVITATION:
        subject = _("Välkommen till Torget")
        template = "accounts/invitation_mail.txt"
    else:
        subject = _("Nytt lösenord till Torget")
        template = "accounts/reset_mail.txt"
    return queue(user, subject, render_template(template, user=user, link=link))


def queue(user: User, subject: str, body: str) -> OutgoingMail:
    """Queue a mail to `user`, from their own unit."""
    return mailing.queue(user.email, subject, body, unit_id=user.owner_unit_id)
