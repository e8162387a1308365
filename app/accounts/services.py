"""Accounts: creating users, signing in and out, resetting passwords."""

from __future__ import annotations

import logging
import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts import sessions
from app.accounts.models import AccountToken, Membership, Role, TokenPurpose, User
from app.accounts.passwords import dummy_hash, hash_password, verify_password
from app.audit.services import record
from app.db import utcnow
from app.extensions import db

logger = logging.getLogger(__name__)


class AccountError(Exception):
    """A rule about accounts was broken; the message is shown to the person."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def find_user(email: str) -> User | None:
    """The user with this e-mail, compared without case."""
    return db.session.scalar(select(User).where(User.email_key == email.strip().lower()))


def make_password_hash(password: str) -> str:
    return hash_password(password, fast=current_app.config.get("ARGON2_FAST", False))


#: Stored instead of a hash for an invited account: no password can ever match it.
NO_PASSWORD = "!invited"


def create_user(
    actor: User | None, email: str, name: str, password: str | None = None, **columns
) -> User:
    """Add a user; without a password it can sign in only after using an invitation link.

    Raises AccountError when the e-mail is taken.
    """
    if find_user(email) is not None:
        raise AccountError(_l("E-postadressen används redan av ett annat konto."), "email")
    password_hash = make_password_hash(password) if password else NO_PASSWORD
    user = User(email=email.strip(), name=name.strip(), password_hash=password_hash, **columns)
    db.session.add(user)
    db.session.flush()
    record(actor, "user.create", user, email=user.email)
    return user


def add_membership(
    actor: User | None, user: User, unit_id: int, role: Role, organisation_id=None
) -> Membership:
    """Give `user` a role in a unit (idempotent)."""
    for membership in user.memberships:
        if membership.unit_id == unit_id and membership.role == role:
            membership.organisation_id = organisation_id or membership.organisation_id
            return membership
    membership = Membership(user=user, unit_id=unit_id, role=role, organisation_id=organisation_id)
    db.session.add(membership)
    db.session.flush()
    record(actor, "membership.add", membership, unit_id=unit_id, user=user.email, role=role.value)
    return membership


def remove_membership(actor: User, membership: Membership) -> None:
    record(
        actor,
        "membership.remove",
        membership,
        unit_id=membership.unit_id,
        user=membership.user.email,
        role=membership.role.value,
    )
    db.session.delete(membership)
    db.session.flush()


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None; timing does not reveal which part failed."""
    user = find_user(email)
    if user is None:
        verify_password(dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password) or not user.is_active:
        return None
    return user


def sign_in(user: User) -> None:
    """Open a fresh login session for `user` and log it."""
    sessions.open_session(user)
    user.last_login_at = utcnow()
    record(user, "user.login", user)


def sign_out(user: User) -> None:
    sessions.close_session(user)
    record(user, "user.logout", user)


def set_password(actor: User | None, user: User, password: str) -> None:
    """Change the password, end every session and every mailed link the user had."""
    user.password_hash = make_password_hash(password)
    sessions.revoke_all(user)
    _retire_tokens(user)
    record(actor, "user.password", user)


def change_own_password(user: User, current: str, new: str) -> None:
    """Change `user`'s password after checking the current one.

    Every session of the user ends and a fresh one opens for the device that changed it.
    """
    if not verify_password(user.password_hash, current):
        raise AccountError(_l("Det nuvarande lösenordet stämmer inte."), "current")
    set_password(user, user, new)
    sessions.open_session(user)


def set_active(actor: User, user: User, active: bool) -> None:
    user.is_active = active
    if not active:
        sessions.revoke_all(user)
    record(actor, "user.activate" if active else "user.deactivate", user)


def issue_token(user: User, purpose: TokenPurpose) -> str:
    """A new single-use link secret for `user`; only its hash is stored."""
    lifetime = current_app.config[
        "INVITATION_MAX_AGE" if purpose is TokenPurpose.INVITATION else "PASSWORD_RESET_MAX_AGE"
    ]
    secret = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        AccountToken(
            user_id=user.id,
            purpose=purpose,
            token_hash=sessions.key_hash(secret),
            created_at=now,
            expires_at=now + timedelta(seconds=lifetime),
        )
    )
    db.session.flush()
    return secret


def find_token(secret: str) -> AccountToken | None:
    """The unused, unexpired token behind a link, if its account is active."""
    if not secret or len(secret) > 100:
        return None
    token = db.session.scalar(
        select(AccountToken).where(AccountToken.token_hash == sessions.key_hash(secret))
    )
    if token is None or token.used_at is not None or token.expires_at <= utcnow():
        return None
    return token if token.user.is_active else None


def _retire_tokens(user: User) -> None:
    """Every outstanding link of `user` stops working (the password has changed)."""
    now = utcnow()
    for token in db.session.scalars(
        select(AccountToken).where(AccountToken.user_id == user.id, AccountToken.used_at.is_(None))
    ):
        token.used_at = now


def set_password_with_token(token: AccountToken, password: str) -> User:
    """Set the password through a mailed link; the link and its siblings die with it."""
    set_password(token.user, token.user, password)
    return token.user


def update_user(actor: User, user: User, form) -> None:
    """Apply an admin's edit of a user; deactivation ends their sessions.

    Nobody sets another person's password: an admin sends a link instead.
    """
    if user.email_key != form.email.data.strip().lower():
        _retire_tokens(user)  # a link mailed to the old address must not outlive it
    user.email = form.email.data.strip()
    user.name = form.name.data.strip()
    for flag in ("is_city_officer", "is_site_admin"):
        if flag in form:
            setattr(user, flag, form[flag].data)
    if user.is_active != form.is_active.data:
        set_active(actor, user, form.is_active.data)
    record(actor, "user.update", user)
