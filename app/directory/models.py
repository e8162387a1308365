"""Organisations and venues shared by every unit's events and awards."""

from __future__ import annotations

import enum

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Base, str_enum


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

    def __repr__(self) -> str:
        return f"<Venue {self.slug}>"
