"""Organisations and venues shared by every unit's events and awards.

Every unit reads and uses them; the unit that owns one (the unit of whoever created it)
edits it, or a site admin. A renamed address keeps answering: the old slug is kept as
an alias, so a subscriber's feed address never becomes a 404.
"""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, UTCDateTime, str_enum, utcnow


class OrganisationKind(enum.StrEnum):
    CITY_ADMINISTRATION = "city_administration"
    CITY_COMPANY = "city_company"
    PARTNER = "partner"
    BUSINESS_ASSOCIATION = "business_association"
    PROPERTY_OWNER = "property_owner"
    ASSOCIATION = "association"
    COMPANY = "company"


class Organisation(Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(str_enum(OrganisationKind, "organisation_kind"))
    #: Normalised NNNNNN-NNNN; optional.
    org_number: Mapped[str | None] = mapped_column(String(11))
    website: Mapped[str | None] = mapped_column(String(300))
    #: The unit whose organisers and admins edit it; None: site admins only.
    owner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL"), index=True
    )

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class Venue(Base):
    __tablename__ = "venue"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(100), unique=True)
    address: Mapped[str] = mapped_column(String(300), default="")
    #: Written "NNN NN".
    postal_code: Mapped[str] = mapped_column(String(6), default="")
    #: The district area (stadsdelsområde) the venue lies in, e.g. "Älvsjö".
    district_area: Mapped[str] = mapped_column(String(100), default="")
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    #: The unit whose organisers and admins edit it; None: site admins only.
    owner_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("unit.id", ondelete="SET NULL"), index=True
    )

    @property
    def place(self) -> str:
        """The name and the address, once: "Liljeholmstorget", not the name twice."""
        address = (self.address or "").strip()
        if not address or address.casefold() in self.name.casefold():
            return self.name
        return f"{self.name}, {address}"

    def __repr__(self) -> str:
        return f"<Venue {self.slug}>"


class SlugAlias(Base):
    """A slug an organisation or venue had before, so that its old addresses still answer."""

    __tablename__ = "slug_alias"
    __table_args__ = (UniqueConstraint("kind", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: "organisation" or "venue".
    kind: Mapped[str] = mapped_column(String(20))
    slug: Mapped[str] = mapped_column(String(100))
    target_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
