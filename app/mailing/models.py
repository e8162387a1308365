"""A mail waiting to go out, or sent, or given up after its retries."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class OutgoingMail(Base):
    """One message to one address.

    Queued in the same transaction as the change it tells of, so that a committed change
    always has its mail: it is sent right after the commit, and a failed send is retried
    by `flask mail send-due` until it goes or is given up and shown to staff.
    """

    __tablename__ = "outgoing_mail"
    __table_args__ = (Index("ix_outgoing_mail_due", "sent_at", "failed_at", "send_after"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    #: [[filename, mimetype, base64 data], ...]
    attachments: Mapped[list] = mapped_column(JSON, default=list)
    #: The unit the mail concerns, so its staff see a mail that could not be sent.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id", ondelete="SET NULL"))
    #: Makes a scheduled mail unique (e.g. "reminder:<registration>"): queued twice, sent once.
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Not before this moment (a retry waits a little longer each time).
    send_after: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set while one sender works on it; a claim older than the lease is taken over.
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    #: Set when the retries are used up; staff see it and can send it again.
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
