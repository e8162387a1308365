"""Flask-Login bound to server-side login sessions, so logout really ends a session."""

from __future__ import annotations

import hashlib
import secrets

from flask import Flask, session
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import LoginSession, User
from app.db import utcnow
from app.extensions import db, login_manager


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def load_user(key: str) -> User | None:
    """The user behind a live session key; None if revoked, unknown or inactive."""
    if not key or len(key) > 100:
        return None
    row = db.session.execute(
        select(User)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.key_hash == key_hash(key), LoginSession.revoked_at.is_(None))
    ).scalar_one_or_none()
    if row is None or not row.is_active:
        return None
    row.session_key = key
    return row


def open_session(user: User) -> str:
    """Start a new login session for `user`; the old cookie's contents are dropped."""
    key = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, key_hash=key_hash(key)))
    session.clear()  # rotate: nothing from before the login survives
    user.session_key = key
    return key


def close_session(user: User) -> None:
    """Revoke the session that `user` is signed in with."""
    key = getattr(user, "session_key", None)
    if key:
        row = db.session.scalar(select(LoginSession).where(LoginSession.key_hash == key_hash(key)))
        if row is not None and row.revoked_at is None:
            row.revoked_at = utcnow()


def revoke_all(user: User) -> None:
    """Revoke every session of `user` (after a password change or deactivation)."""
    rows = db.session.scalars(
        select(LoginSession).where(
            LoginSession.user_id == user.id, LoginSession.revoked_at.is_(None)
        )
    )
    now = utcnow()
    for row in rows:
        row.revoked_at = now


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Logga in för att se sidan.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    login_manager.user_loader(load_user)
