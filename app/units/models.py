"""Units: the councils and company boards that own events, awards and reports."""

from __future__ import annotations

import enum

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.swedish import display_phone
from app.db import Base, str_enum


class UnitKind(enum.StrEnum):
    COUNCIL = "council"  #: stadsdelsnämnd or facknämnd
    COMPANY_BOARD = "company_board"  #: bolagsstyrelse


class Unit(Base):
    __tablename__ = "unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: Short name for headings and feed titles, e.g. "Hägersten-Älvsjö".
    short_name: Mapped[str] = mapped_column(String(100))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[UnitKind] = mapped_column(str_enum(UnitKind, "unit_kind"))
    #: The report's contact person ("Kontaktperson för eventuella frågor"), the default
    #: for each new report period.
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    #: E.164, e.g. +46850821083.
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    contact_email: Mapped[str] = mapped_column(String(254), default="")

    @property
    def contact_ways(self) -> str:
        """How the public reaches the unit: "e-post, telefon" as far as known, else ""."""
        phone = display_phone(self.contact_phone) if self.contact_phone else ""
        return ", ".join(w for w in (self.contact_email, phone) if w)

    def __repr__(self) -> str:
        return f"<Unit {self.slug}>"
