"""Users, their memberships in units, and server-side login sessions."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from app.db import Base, UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from app.directory.models import Organisation
    from app.units.models import Unit


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANISER = "organiser"
    OFFICER = "officer"
    AWARD_ADMIN = "award_admin"
    JUROR = "juror"


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored as typed.
    email: Mapped[str] = mapped_column(String(254))
    #: The e-mail in lower case; unique, so an address exists once regardless of case.
    email_key: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    #: Reads every unit's events and reports (stadsledningskontoret).
    is_city_officer: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Manages units, users and report templates across the deployment.
    is_site_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    #: SHA-256 of the private calendar feed token; None when no feed is issued.
    feed_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    #: The unit whose administrators manage this account: the unit of the admin who made
    #: it. None when a site admin or the command line made it: then only site admins may.
    owner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    # The Flask-Login protocol. The id kept in the cookie is the key of a
    # LoginSession, not the user's id, so revoking the session ends the login.
    session_key = None
    is_authenticated = True
    is_anonymous = False

    @validates("email")
    def _keep_email_key(self, key: str, value: str) -> str:
        self.email_key = value.strip().lower()
        return value

    def get_id(self) -> str | None:
        return self.session_key

    def roles_in(self, unit_id: int) -> set[Role]:
        """The roles this user holds in one unit."""
        return {m.role for m in self.memberships if m.unit_id == unit_id}

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class Membership(Base):
    """A user's role in one unit; a juror is tied to their partner organisation."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("user_id", "unit_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    #: The partner organisation a juror judges for.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    unit: Mapped[Unit] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class TokenPurpose(enum.StrEnum):
    RESET = "reset"  #: "Glömt lösenordet": a new password for an account in use
    INVITATION = "invitation"  #: a new account's first password


class AccountToken(Base):
    """A single-use link to set a password: a reset or an invitation.

    The link carries only a random secret; the database keeps its SHA-256, so neither the
    link nor a copy of the table tells anything about the account or its password.
    """

    __tablename__ = "account_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[TokenPurpose] = mapped_column(str_enum(TokenPurpose, "token_purpose"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: Set when the link was used, or when the password changed another way.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


class LoginSession(Base):
    """One signed-in browser; logout revokes it, so an old cookie stops working."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    #: SHA-256 of the random key carried in the session cookie.
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
