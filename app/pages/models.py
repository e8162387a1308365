"""Problems with accessibility that visitors report (DOS-lagen requires a way to do so)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, utcnow


class AccessibilityReport(Base):
    __tablename__ = "accessibility_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The page the visitor had trouble with, as they gave it.
    page: Mapped[str] = mapped_column(String(500), default="")
    description: Mapped[str] = mapped_column(Text)
    #: Optional, only so that we can answer.
    contact_email: Mapped[str] = mapped_column(String(254), default="")
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    handled_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
