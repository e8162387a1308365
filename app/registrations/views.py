"""Registering for an event date, cancelling by link, and the organiser's registration lists."""

from __future__ import annotations

from datetime import datetime

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from app.core import formatting, outage
from app.core.forms import EmptyForm
from app.core.spreadsheet import csv_text
from app.events import listing
from app.events.models import Event, Occurrence
from app.events.permissions import can_see_event
from app.events.views.public import page_extras
from app.extensions import db, limiter
from app.mailing import sending
from app.registrations import mail, services
from app.registrations.forms import RegistrationForm
from app.registrations.models import Registration, RegistrationStatus
from app.registrations.page import date_rows, registration_context, registration_form
from app.registrations.permissions import can_manage_registrations, knows_of_event
from app.registrations.services import RegistrationError

bp = Blueprint("registrations", __name__)


@bp.post("/events/<int:event_id>/register")
@limiter.limit(lambda: current_app.config["FORM_LIMIT_PER_IP"], methods=["POST"])
def register(event_id: int):
    """Register for a date of the event; a full date puts the person on the waiting list."""
    event = _load_public(event_id)
    form = registration_form(event, date_rows(event), formdata=request.form)
    heading = _("Anmälan till %(title)s", title=event.title)
    outage.keep_form(form, heading, submit=_("Anmäl mig"), honeypots=("website",))
    if form.validate_on_submit():
        if form.website.data:  # the honeypot: answer as if it worked, store nothing
            flash(_("Tack! Vi har tagit emot din anmälan."), "success")
            return redirect(url_for("events.show_event", event_id=event_id))
        try:
            done = _register_once(event, form)
        except RegistrationError as error:
            db.session.rollback()
            if error.field == services.CLOSED:
                return _show_with_errors(_load_public(event_id), None, str(error.message))
            form[error.field].errors.append(str(error.message))
        else:
            return _registered(done)
    return _show_with_errors(_load_public(event_id), form)


def _register_once(event: Event, form: RegistrationForm) -> services.Outcome:
    """Register; if the same address won a race for the date, answer as a repeat."""
    values = (
        form.name.data.strip(),
        form.email.data.strip(),
        (form.organisation.data or "").strip(),
    )
    try:
        return services.register(event, form.start, *values)
    except IntegrityError:  # the unique index caught a simultaneous twin
        db.session.rollback()
        return services.register(db.session.get(Event, event.id), form.start, *values)


def _registered_again(done: services.Outcome):
    """The address was already registered for the date: send its link again, take nothing."""
    registration = done.registration
    letter = mail.confirmation(registration, services.occurrence_of(registration), done.token)
    queued = mail.queue([letter])
    event_id = registration.event_id
    db.session.commit()
    sending.send_now(queued)
    flash(
        _(
            "Du är redan anmäld till det datumet. Vi har skickat bekräftelsen med länken för att "
            "avboka till %(email)s igen.",
            email=letter.to,
        ),
        "info",
    )
    return redirect(url_for("events.show_event", event_id=event_id))


def _registered(done: services.Outcome):
    """Commit, then mail the receipt and tell the person where they stand."""
    registration = done.registration
    if done.again:
        return _registered_again(done)
    letter = mail.confirmation(registration, services.occurrence_of(registration), done.token)
    waiting = registration.status == RegistrationStatus.WAITING
    position = services.waiting_position(registration) if waiting else 0
    event_id = registration.event_id
    queued = mail.queue([letter])
    db.session.commit()
    # The mail goes out after the write lock is gone; if it cannot, the job retries it.
    sent = sending.send_now(queued)
    if waiting:
        message = _(
            "Datumet är fullbokat. Du står på väntelistan som nummer %(position)d och får ett "
            "mejl om en plats blir ledig.",
            position=position,
        )
    else:
        message = _(
            "Tack! Du är anmäld. En bekräftelse har skickats till %(email)s.", email=letter.to
        )
    flash(message, "success")
    if not sent:
        flash(
            _(
                "Vi kunde inte skicka bekräftelsen just nu. Anmälan är sparad och vi försöker skicka igen."
            ),
            "warning",
        )
    return redirect(url_for("events.show_event", event_id=event_id))


def _show_with_errors(event: Event, form: RegistrationForm | None, closed: str = ""):
    """The event page again, with the errors beside the fields and what was typed kept."""
    if form is not None:
        # Refill the choices from the current counts.
        form.date.choices = registration_form(event, date_rows(event)).date.choices
    context = registration_context(event, form)
    context["registration_open"] = form is not None and (
        context["registration_open"] or bool(form.errors)
    )
    context["registration_closed_message"] = closed
    # The page's other parts as usual; the registration block is this form's.
    extras = page_extras(event) | context
    html = render_template("events/show.html", event=event, is_public=True, **extras)
    return html, 422


def _load_public(event_id: int) -> Event:
    event = db.session.scalar(listing.event_page(event_id))
    if event is None or not can_see_event(current_user, event):
        abort(404)
    return event


@bp.route("/registrations/cancel/<token>", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FORM_LIMIT_PER_IP"], methods=["POST"])
def cancel(token: str):
    """Confirm and cancel one's own registration with the link from the mail."""
    registration = services.by_token(token) or abort(404)
    occurrence = services.occurrence_of(registration)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            done = services.cancel(None, registration)
        except RegistrationError as error:
            db.session.rollback()
            flash(str(error.message), "info")
        else:
            queued = mail.queue([mail.promotion(person, occurrence) for person in done.promoted])
            db.session.commit()
            sending.send_now(queued)
            flash(_("Din anmälan är avbokad. Tack för att du meddelade oss."), "success")
        return redirect(url_for("registrations.cancel", token=token))
    return render_template(
        "registrations/cancel.html",
        registration=registration,
        occurrence=occurrence,
        event=occurrence.event,
        form=form,
    )


# --- The organiser's pages -------------------------------------------------------------


def load_managed_event(event_id: int) -> Event:
    """The event if the user manages it; 404 where even its existence must not show."""
    event = db.get_or_404(Event, event_id)
    if not can_manage_registrations(current_user, event):
        abort(403 if knows_of_event(current_user, event) else 404)
    return event


def load_registration(event: Event, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.event_id != event.id:
        abort(404)
    return registration


def _registrations(event: Event) -> list[Registration]:
    return db.session.scalars(
        select(Registration)
        .where(Registration.event_id == event.id)
        .order_by(Registration.occurrence_start, Registration.created_at, Registration.id)
    ).all()


@bp.get("/manage/events/<int:event_id>/registrations")
@login_required
def manage(event_id: int):
    """Registrations per date: confirmed, waiting and cancelled."""
    event = load_managed_event(event_id)
    event = db.session.scalar(
        select(Event)
        .where(Event.id == event.id)
        .options(selectinload(Event.occurrences).selectinload(Occurrence.venue))
    )
    by_start: dict[datetime, list[Registration]] = {}
    for registration in _registrations(event):
        by_start.setdefault(registration.occurrence_start, []).append(registration)
    dates = [(o, by_start.pop(o.original_start, [])) for o in event.occurrences]
    return render_template(
        "registrations/manage.html",
        event=event,
        dates=dates,
        orphans=[r for rows in by_start.values() for r in rows],
        form=EmptyForm(),
        statuses=RegistrationStatus,
    )


@bp.get("/manage/events/<int:event_id>/registrations.csv")
@login_required
def export_csv(event_id: int):
    """Every registration of the event as CSV (UTF-8 with BOM so Excel reads å, ä, ö)."""
    event = load_managed_event(event_id)
    header = [
        _("Datum"),
        _("Status"),
        _("Namn"),
        _("E-post"),
        _("Organisation"),
        _("Anmäld"),
        _("Deltog"),
    ]
    rows = (
        (
            formatting.to_local(r.occurrence_start).strftime("%Y-%m-%d %H:%M"),
            status_label(r.status),
            r.name,
            r.email,
            r.organisation,
            formatting.to_local(r.created_at).strftime("%Y-%m-%d %H:%M"),
            _("ja") if r.attended else _("nej"),
        )
        for r in _registrations(event)
    )
    filename = f"anmalningar-{event.id}.csv"
    return Response(
        csv_text(header, rows),
        mimetype="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def status_label(status: RegistrationStatus) -> str:
    """The Swedish name of a registration status."""
    return {
        RegistrationStatus.CONFIRMED: _("Bekräftad"),
        RegistrationStatus.WAITING: _("Väntelista"),
        RegistrationStatus.CANCELLED: _("Avbokad"),
    }[status]


@bp.app_context_processor
def _labels():
    return {"registration_status_label": status_label}


@bp.post("/manage/events/<int:event_id>/registrations/<int:registration_id>/attendance")
@login_required
def set_attendance(event_id: int, registration_id: int):
    """Mark that a person came (or undo it)."""
    event = load_managed_event(event_id)
    registration = load_registration(event, registration_id)
    if EmptyForm().validate_on_submit():
        attended = request.form.get("attended") == "1"
        services.set_attended(current_user, registration, attended)
        db.session.commit()
        flash(_("Närvaron är sparad för %(name)s.", name=registration.name), "success")
    return redirect(url_for("registrations.manage", event_id=event.id))


@bp.post("/manage/events/<int:event_id>/registrations/<int:registration_id>/cancel")
@login_required
def cancel_for(event_id: int, registration_id: int):
    """Cancel a registration on the person's behalf; the next in the queue gets the place."""
    event = load_managed_event(event_id)
    registration = load_registration(event, registration_id)
    if EmptyForm().validate_on_submit():
        try:
            done = services.cancel(current_user, registration)
        except RegistrationError as error:
            db.session.rollback()
            flash(str(error.message), "info")
        else:
            occurrence = services.occurrence_of(registration)
            letters = [mail.cancelled(registration, occurrence)]
            letters += [mail.promotion(person, occurrence) for person in done.promoted]
            name = registration.name
            queued = mail.queue(letters)
            db.session.commit()
            if not sending.send_now(queued):
                flash(
                    _("Alla mejl kunde inte skickas just nu; de skickas så snart det går."),
                    "warning",
                )
            flash(_("Anmälan från %(name)s är avbokad.", name=name), "success")
    return redirect(url_for("registrations.manage", event_id=event.id))
