"""A person's place on one date of an event, or in its queue."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, UTCDateTime, str_enum, utcnow
from app.events.models import Event


class RegistrationStatus(enum.StrEnum):
    CONFIRMED = "confirmed"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class Registration(Base):
    """A person's place (or place in the queue) on one date of an event."""

    __tablename__ = "registration"
    __table_args__ = (
        Index("ix_registration_date_status", "event_id", "occurrence_start", "status"),
        # One live registration per address and date, also when two arrive at once (the
        # address is stored in lower case).
        Index(
            "uq_registration_live_email",
            "event_id",
            "occurrence_start",
            "email",
            unique=True,
            sqlite_where=text("status != 'cancelled'"),
            postgresql_where=text("status != 'cancelled'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    occurrence_start: Mapped[datetime] = mapped_column(UTCDateTime)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    organisation: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[RegistrationStatus] = mapped_column(
        str_enum(RegistrationStatus, "registration_status")
    )
    #: SHA-256 of the secret in the cancel link.
    cancel_token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    promoted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attended: Mapped[bool] = mapped_column(Boolean, default=False)

    event: Mapped[Event] = relationship()

    #: The plain secret of a cancel link issued in this transaction (a place from the
    #: queue gets a new link in its mail); only its hash is stored.
    fresh_token = ""
