"""Changing venues and organisations: verbs that take the actor, flush, log; never commit."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.audit.services import record
from app.directory import contact_list, queries
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


@dataclass
class ListImport:
    """What a contact list did or, on a dry run, would do."""

    created: list[str] = field(default_factory=list)
    #: (line, name) of rows whose organisation is already in the register.
    existing: list[tuple[int, str]] = field(default_factory=list)
    #: (line, message) of refused rows.
    refused: list[tuple[int, str]] = field(default_factory=list)


def import_organisations(actor, rows: list[contact_list.Row]) -> ListImport:
    """Add the list's new organisations; one already there (same number, or same name
    without a number) is left as it is. The caller commits, or rolls back a dry run."""
    result = ListImport()
    known_numbers = set(
        db.session.scalars(
            select(Organisation.org_number).where(Organisation.org_number.is_not(None))
        )
    )
    known_names = {n.casefold() for n in db.session.scalars(select(Organisation.name))}
    slugs = set(db.session.scalars(select(Organisation.slug)))
    owner = owner_for_new_entry(actor)
    for row in rows:
        if row.problem:
            result.refused.append((row.line, row.problem))
            continue
        if (row.org_number and row.org_number in known_numbers) or (
            not row.org_number and row.name.casefold() in known_names
        ):
            result.existing.append((row.line, row.name))
            continue
        slug = _free_slug(contact_list.slug_of(row.name), slugs)
        slugs.add(slug)
        known_names.add(row.name.casefold())
        if row.org_number:
            known_numbers.add(row.org_number)
        db.session.add(
            Organisation(
                name=row.name, slug=slug, kind=OrganisationKind(row.kind),
                org_number=row.org_number, website=row.website, owner_unit_id=owner,
            )
        )  # fmt: skip
        result.created.append(row.name)
    db.session.flush()
    if result.created:
        record(actor, "organisation.import", None, unit_id=owner, created=len(result.created))
    return result


def _free_slug(base: str, taken: set[str]) -> str:
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base[:95]}-{n}", n + 1
    return slug
