"""Venues and organisations, shared by every unit's events and kept up to date by organisers."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.directory import contact_list, queries, services
from app.directory.forms import KIND_LABELS, ListImportForm, OrganisationForm, VenueForm
from app.directory.models import Organisation, Venue
from app.directory.permissions import can_edit_entry, can_manage_directory
from app.extensions import db
from app.units.models import Unit

bp = Blueprint("directory", __name__, url_prefix="/manage")


@bp.before_request
@login_required
def require_organiser():
    if not can_manage_directory(current_user):
        abort(403)


@bp.get("/venues/")
def list_venues():
    """Every venue."""
    return render_template("directory/venues.html", venues=db.session.scalars(queries.venues()))


@bp.get("/organisations/")
def list_organisations():
    """Every organisation."""
    rows = db.session.scalars(queries.organisations())
    return render_template("directory/organisations.html", organisations=rows, kinds=KIND_LABELS)


def _venue_values(form: VenueForm) -> dict:
    values = {name: (form[name].data or "").strip() for name in services.VENUE_FIELDS[:5]}
    values.update(latitude=form.latitude.number(), longitude=form.longitude.number())
    return values


def _organisation_values(form: OrganisationForm) -> dict:
    values = {name: (form[name].data or "").strip() for name in services.ORGANISATION_FIELDS}
    values["org_number"] = values["org_number"] or None
    values["website"] = values["website"] or None
    return values


def _save(form, obj, save, values_of, what: str, endpoint: str, template: str):
    """Validate, save through the service, commit once, and go back to the list.

    An entry another unit owns is shown, not edited: a POST to it is refused.
    """
    editable = obj is None or can_edit_entry(current_user, obj.owner_unit_id)
    if form.is_submitted() and not editable:
        abort(403)
    if form.validate_on_submit():
        try:
            save(current_user, obj, values_of(form))
        except services.DirectoryError as error:
            form[error.field].errors = [*form[error.field].errors, str(error)]
        else:
            db.session.commit()
            flash(_("%(what)s är sparad.", what=what), "success")
            return redirect(url_for(endpoint))
    owner = db.session.get(Unit, obj.owner_unit_id) if obj and obj.owner_unit_id else None
    return render_template(template, form=form, obj=obj, editable=editable, owner=owner)


@bp.route("/venues/new", methods=["GET", "POST"])
def new_venue():
    """Add a venue."""
    return _save(
        VenueForm(),
        None,
        services.save_venue,
        _venue_values,
        _("Platsen"),
        "directory.list_venues",
        "directory/venue_form.html",
    )


@bp.route("/venues/<int:venue_id>", methods=["GET", "POST"])
def edit_venue(venue_id: int):
    """Edit a venue."""
    venue = db.get_or_404(Venue, venue_id)
    form = VenueForm(obj=venue)
    return _save(
        form,
        venue,
        services.save_venue,
        _venue_values,
        _("Platsen"),
        "directory.list_venues",
        "directory/venue_form.html",
    )


@bp.route("/organisations/new", methods=["GET", "POST"])
def new_organisation():
    """Add an organisation."""
    return _save(
        OrganisationForm(),
        None,
        services.save_organisation,
        _organisation_values,
        _("Organisationen"),
        "directory.list_organisations",
        "directory/organisation_form.html",
    )


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
def edit_organisation(organisation_id: int):
    """Edit an organisation."""
    organisation = db.get_or_404(Organisation, organisation_id)
    form = OrganisationForm(obj=organisation)
    if not form.is_submitted():
        form.kind.data = organisation.kind.value
    return _save(
        form,
        organisation,
        services.save_organisation,
        _organisation_values,
        _("Organisationen"),
        "directory.list_organisations",
        "directory/organisation_form.html",
    )


@bp.route("/organisations/import", methods=["GET", "POST"])
def import_organisations():
    """Read a contact list into the register; a dry run shows what would happen."""
    form = ListImportForm()
    result = None
    if form.validate_on_submit():
        try:
            rows = contact_list.read(form.file.data.read(contact_list.MAX_BYTES + 1))
        except contact_list.UnreadableList as error:
            form.file.errors.append(_(str(error)))
        else:
            result = services.import_organisations(current_user, rows)
            if form.dry_run.data:
                db.session.rollback()
            else:
                db.session.commit()
                flash(_("Listan är inläst."), "success")
    status = 400 if form.is_submitted() and result is None else 200
    return render_template("directory/import.html", form=form, result=result), status
