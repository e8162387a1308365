"""Changing venues and organisations: verbs that take the actor, flush, log; never commit."""

from __future__ import annotations

from app.audit.services import record
from app.directory import queries
from app.directory.models import Organisation, OrganisationKind, Venue
from app.extensions import db


class DirectoryError(ValueError):
    """A broken rule; `field` names the form field the message belongs beside."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


VENUE_FIELDS = ("name", "slug", "address", "postal_code", "district_area", "latitude", "longitude")
ORGANISATION_FIELDS = ("name", "slug", "kind", "org_number", "website")


def save_venue(actor, venue: Venue | None, values: dict) -> Venue:
    """Create a venue (when `venue` is None) or update it; slugs stay unique."""
    if queries.slug_taken(Venue, values["slug"], venue.id if venue else None):
        raise DirectoryError("Kortadressen används redan av en annan plats.", "slug")
    created = venue is None
    venue = venue or Venue()
    for name in VENUE_FIELDS:
        setattr(venue, name, values[name])
    db.session.add(venue)
    db.session.flush()
    record(actor, "venue.create" if created else "venue.update", venue, slug=venue.slug)
    return venue


def save_organisation(actor, organisation: Organisation | None, values: dict) -> Organisation:
    """Create an organisation (when `organisation` is None) or update it; slugs stay unique."""
    current = organisation.id if organisation else None
    if queries.slug_taken(Organisation, values["slug"], current):
        raise DirectoryError("Kortadressen används redan av en annan organisation.", "slug")
    created = organisation is None
    organisation = organisation or Organisation()
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, values[name])
    organisation.kind = OrganisationKind(organisation.kind)
    db.session.add(organisation)
    db.session.flush()
    action = "organisation.create" if created else "organisation.update"
    record(actor, action, organisation, slug=organisation.slug)
    return organisation
