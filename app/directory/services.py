"""Changing venues and organisations: verbs that take the actor, flush, log; never commit."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete

from app.audit.services import record
from app.directory import queries
from app.directory.models import Organisation, OrganisationKind, SlugAlias, Venue
from app.directory.permissions import owner_for_new_entry
from app.extensions import db


def _keep_old_slug(model, entry, new_slug: str) -> None:
    """Keep the entry's slug as an alias when it changes, so old addresses still answer."""
    if entry.id is None or entry.slug == new_slug:
        return
    kind = queries.kind_of(model)
    db.session.execute(  # the new slug may have been this entry's own alias before
        delete(SlugAlias).where(SlugAlias.kind == kind, SlugAlias.slug == new_slug)
    )
    db.session.add(SlugAlias(kind=kind, slug=entry.slug, target_id=entry.id))


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
        raise DirectoryError(_l("Kortadressen används redan av en annan plats."), "slug")
    created = venue is None
    if venue is not None:
        _keep_old_slug(Venue, venue, values["slug"])
    venue = venue or Venue(owner_unit_id=owner_for_new_entry(actor))
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
        raise DirectoryError(_l("Kortadressen används redan av en annan organisation."), "slug")
    created = organisation is None
    if organisation is not None:
        _keep_old_slug(Organisation, organisation, values["slug"])
    organisation = organisation or Organisation(owner_unit_id=owner_for_new_entry(actor))
    for name in ORGANISATION_FIELDS:
        setattr(organisation, name, values[name])
    organisation.kind = OrganisationKind(organisation.kind)
    db.session.add(organisation)
    db.session.flush()
    action = "organisation.create" if created else "organisation.update"
    record(actor, action, organisation, slug=organisation.slug)
    return organisation
