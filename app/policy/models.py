"""The city's business policy as Torget uses it: its focus areas, and each unit's report
questions for a year, which events, contacts and the award's categories are tagged with.

Both events and the report refer to these rows, so they live below both: events never need
to import the report to say what an event serves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base

if TYPE_CHECKING:
    from app.units.models import Unit


class FocusArea(Base):
    """A focus area ("fokusområde") of the city's business policy."""

    __tablename__ = "focus_area"
    __table_args__ = (UniqueConstraint("policy", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    #: The policy it comes from, e.g. "Näringslivspolicy för Stockholms stad 2020–2024".
    policy: Mapped[str] = mapped_column(String(200))


class ReportQuestion(Base):
    """One question of one unit's form for one budget year."""

    __tablename__ = "report_question"
    __table_args__ = (UniqueConstraint("unit_id", "year", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    focus_area_id: Mapped[int] = mapped_column(ForeignKey("focus_area.id"))
    #: Order on the form, across focus areas.
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)

    unit: Mapped[Unit] = relationship()
    focus_area: Mapped[FocusArea] = relationship()
