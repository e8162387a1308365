"""The organiser pages: the unit's events, their dates, actions and outcomes."""

from __future__ import annotations

from datetime import date, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.routing import BuildError

from app.accounts.permissions import arranges_events, arranging_unit_ids
from app.core import formatting
from app.core.forms import EmptyForm
from app.directory import queries as directory
from app.events import forms, queries, services, titles
from app.events.attendance import Change, EventChange, announce
from app.events.models import Event, EventKind, EventStatus, Outcome
from app.events.permissions import can_manage_event
from app.events.warnings import find_clashes, find_holidays
from app.extensions import db
from app.mailing import sending
from app.policy.models import FocusArea, ReportQuestion
from app.units.models import Unit

bp = Blueprint("events_manage", __name__, url_prefix="/manage")
PER_PAGE = 25
STATUS_LABELS = {
    EventStatus.DRAFT: _l("Utkast"),
    EventStatus.PUBLISHED: _l("Publicerat"),
    EventStatus.CANCELLED: _l("Inställt"),
}


@bp.before_request
@login_required
def require_organiser():
    if not arranges_events(current_user):
        abort(403)


def load_event(event_id: int) -> Event:
    """The event with its page's data; 404 unless the user manages its unit."""
    event = db.session.scalar(queries.event_for_management(event_id))
    if event is None or not can_manage_event(current_user, event):
        abort(404)
    return event


@bp.get("/events/")
def list_events():
    """The user's units' events, filtered and paginated."""
    form = forms.FilterForm(request.args)
    _filter_choices(form)
    form.validate()
    filters = queries.EventFilter(
        status=EventStatus(form.status.data) if form.status.data in set(EventStatus) else None,
        kind=EventKind(form.kind.data) if form.kind.data in set(EventKind) else None,
        venue_id=form.venue.data if form.venue.data and form.venue.data > 0 else None,
        date_from=None if form.date_from.errors else form.date_from.data,
        date_to=None if form.date_to.errors else form.date_to.data,
        needs_outcome=bool(form.needs_outcome.data),
    )
    query = queries.managed_events(arranging_unit_ids(current_user), filters)
    number = min(max(request.args.get("page", 1, type=int), 1), 100_000)
    page = db.paginate(query, page=number, per_page=PER_PAGE, error_out=False)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template(
        "events/manage/list.html",
        form=form,
        page=page,
        args=args,
        statuses=STATUS_LABELS,
        untitled=titles.UNTITLED,
        figures=queries.list_figures([e.id for e in page.items], services.utcnow()),
    )


def _filter_choices(form: forms.FilterForm) -> None:
    form.status.choices = [("", _("Alla"))] + [(s.value, t) for s, t in STATUS_LABELS.items()]
    form.kind.choices = [("", _("Alla"))] + [(k.value, v) for k, v in forms.KIND_LABELS.items()]
    form.venue.choices = [(0, _("Alla"))] + directory.venue_choices()


def _event_form(event: Event | None = None) -> forms.EventForm:
    data = forms.event_data(event) if event is not None else {"waiting_list": True}
    if event is None or request.method == "POST":
        form = forms.EventForm()
    else:
        form = forms.EventForm(data=data)
    units = [] if event else _managed_units()
    if event is None and not units:
        abort(403)  # a site admin without a unit of their own arranges nothing
    if len(units) > 1:
        form.unit.choices = [(u.id, u.name) for u in units]
    else:
        # Only one unit to choose from: no question to ask.
        del form.unit
    unit_id = event.unit_id if event else (form.unit.data if "unit" in form else _first(units))
    _event_choices(form, event, unit_id)
    return form


def _managed_units() -> list[Unit]:
    query = select(Unit).where(Unit.id.in_(arranging_unit_ids(current_user))).order_by(Unit.name)
    return list(db.session.scalars(query))


def _first(units: list[Unit]) -> int:
    return units[0].id if units else -1


def _unit_of(form: forms.EventForm) -> int:
    """The unit a new event belongs to: the chosen one, or the user's only unit."""
    return form.unit.data if "unit" in form else _first(_managed_units())


def _event_choices(form: forms.EventForm, event: Event | None, unit_id: int) -> None:
    venues, orgs = directory.venue_choices(), directory.organisation_choices()
    form.venue.choices = [(0, _("Ingen plats vald"))] + venues
    form.organiser.choices = [(0, _("Ingen"))] + orgs
    while request.method == "GET" and len(form.partners) < len(event.partners if event else ()) + 2:
        form.partners.append_entry()
    for row in form.partners:
        row.organisation.choices = [(0, _("Ingen"))] + orgs
    form.focus_areas.choices = [
        (a.id, f"{a.number}. {a.name}")
        for a in db.session.scalars(select(FocusArea).order_by(FocusArea.number))
    ]
    year = form.start_date.data.year if form.start_date.data else date.today().year
    questions = db.session.scalars(
        select(ReportQuestion)
        .where(ReportQuestion.unit_id == unit_id, ReportQuestion.year == year)
        .order_by(ReportQuestion.position)
    )
    form.questions.choices = [(q.id, f"{q.position}. {q.text}") for q in questions]


@bp.route("/events/new", methods=["GET", "POST"])
def new_event():
    """Create a draft event or series."""
    form = _event_form()
    if form.validate_on_submit():
        try:
            event = services.create_event(current_user, _unit_of(form), forms.event_values(form))
        except services.EventError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(_("Evenemanget är sparat som utkast."), "success")
            _flash_warnings(event, new_dates=True)
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return render_template("events/manage/event_form.html", form=form, event=None)


@bp.route("/events/<int:event_id>", methods=["GET", "POST"])
def edit_event(event_id: int):
    """Edit an event; its dates, actions, warnings and outcomes are listed beside."""
    event = load_event(event_id)
    form = _event_form(event)
    if form.validate_on_submit():
        try:
            change = services.update_event(current_user, event, forms.event_values(form))
        except services.EventError as error:
            db.session.rollback()
            _field_error(form, error)
        else:
            _notify(change)
            flash(_("Ändringarna är sparade."), "success")
            _flash_warnings(event)
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    clashes, holidays = _warnings(event)
    outcomes = {o.occurrence_start: o for o in db.session.scalars(queries.outcomes_of(event.id))}
    return render_template(
        "events/manage/event_form.html",
        form=form,
        event=event,
        clashes=clashes,
        holidays=holidays,
        outcomes=outcomes,
        outcomes_keys={k.isoformat() for k in outcomes},
        dates_by_start={o.original_start: o for o in event.occurrences},
        now=services.utcnow(),
        statuses=STATUS_LABELS,
        need_labels=forms.need_labels,
        public_url=_url_or_none("events.show_event", event),
        registrations_url=_url_or_none("registrations.manage", event),
    )


def _url_or_none(endpoint: str, event: Event) -> str | None:
    """A page of another part about the event, if that part is installed."""
    try:
        return url_for(endpoint, event_id=event.id)
    except BuildError:
        return None


def _warnings(event: Event):
    mine = queries.as_slots(event.occurrences)
    return find_clashes(mine, queries.other_slots(mine, event.id)), find_holidays(mine)


def _flash_warnings(event: Event, new_dates: bool = False) -> None:
    """Clashes and holidays; for a new event also the dates already past."""
    db.session.expire(event, ["occurrences"])
    clashes, holidays = _warnings(event)
    if clashes:
        flash(
            _("Obs! %(n)d datum krockar med andra evenemang på samma plats.", n=len(clashes)),
            "warning",
        )
    if holidays:
        flash(_("Obs! %(n)d datum infaller på en helgdag.", n=len(holidays)), "warning")
    now = services.utcnow()
    past = [o for o in event.occurrences if o.ends_at < now and not o.is_cancelled]
    if new_dates and past:
        flash(
            _(
                "Obs! %(n)d datum har redan varit. Registrera utfallet för dem, eller rätta datumet "
                "om det blev fel.",
                n=len(past),
            ),
            "warning",
        )


def _field_error(form, error: services.EventError) -> None:
    target = form[error.field] if error.field and error.field in form else None
    if target is not None:
        target.errors = [*target.errors, str(error)]
    else:
        flash(str(error), "error")


def _notify(change: EventChange) -> None:
    """Commit the change with the mails it means for the people who follow the event, then
    send them; say so if one failed (it stays queued and is sent again)."""
    queued = announce(current_user, change)
    db.session.commit()
    if not sending.send_now(queued):
        flash(
            _(
                "Ändringen är sparad. Alla mejl till de anmälda kunde inte skickas just nu; "
                "de skickas så snart det går."
            ),
            "warning",
        )


def _action(event_id: int, verb, message: str):
    """Run a button's service on the event, commit, flash and return to the event."""
    event = load_event(event_id)
    if EmptyForm().validate_on_submit():
        try:
            verb(current_user, event)
        except services.EventError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(message, "success")
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return redirect(url_for("events_manage.edit_event", event_id=event.id))


@bp.post("/events/<int:event_id>/publish")
def publish_event(event_id: int):
    """Publish a draft."""
    return _action(event_id, services.publish_event, _("Evenemanget är publicerat."))


@bp.post("/events/<int:event_id>/duplicate")
def duplicate_event(event_id: int):
    """Copy the event into a new draft and open it."""
    event = load_event(event_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("events_manage.edit_event", event_id=event.id))
    copy = services.duplicate_event(current_user, event)
    db.session.commit()
    flash(_("En kopia är skapad som utkast."), "success")
    return redirect(url_for("events_manage.edit_event", event_id=copy.id))


@bp.route("/events/<int:event_id>/cancel", methods=["GET", "POST"])
def cancel_event(event_id: int):
    """Cancel the whole event with a public reason."""
    event = load_event(event_id)
    form = forms.CancelEventForm()
    if form.validate_on_submit():
        try:
            services.cancel_event(current_user, event, form.reason.data.strip())
        except services.EventError as error:
            _field_error(form, error)
        else:
            _notify(EventChange(event, Change.EVENT_CANCELLED, event.cancel_reason))
            flash(_("Evenemanget är inställt."), "success")
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return _action_page(event, form, _("Ställ in hela evenemanget"), _("Ställ in"))


def _action_page(event: Event, form, title: str, button: str):
    return render_template(
        "events/manage/action_form.html", event=event, form=form, title=title, button=button
    )


def _date_form(form_class, event: Event):
    """A date form whose choices are the event's dates; `?date=` preselects one."""
    form = form_class()
    form.date.choices = _date_choices(event)
    if request.method == "GET" and request.args.get("date"):
        form.date.data = request.args["date"]
    return form


@bp.route("/events/<int:event_id>/move-date", methods=["GET", "POST"])
def move_date(event_id: int):
    """Give one date a new time and/or venue."""
    event = load_event(event_id)
    form = _date_form(forms.MoveDateForm, event)
    form.venue.choices = [(0, _("Som för serien"))] + directory.venue_choices()
    if request.method == "GET":
        _prefill_move(form, event)
    if form.validate_on_submit():
        start = forms.combine(form.new_date.data, form.start_time.data)
        end = forms.combine(form.new_date.data, form.end_time.data)
        try:
            services.move_date(
                current_user,
                event,
                form.chosen(),
                start,
                end,
                form.venue.data or None,
                form.reason.data.strip(),
            )
        except services.EventError as error:
            _field_error(form, error)
        else:
            _notify(
                EventChange(event, Change.DATE_MOVED, form.reason.data.strip(), (form.chosen(),))
            )
            flash(_("Datumet är flyttat."), "success")
            _flash_warnings(event)
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return _action_page(event, form, _("Flytta ett datum"), _("Flytta datumet"))


@bp.route("/events/<int:event_id>/cancel-date", methods=["GET", "POST"])
def cancel_date(event_id: int):
    """Cancel one date of the event with a public reason."""
    event = load_event(event_id)
    form = _date_form(forms.CancelDateForm, event)
    if form.validate_on_submit():
        try:
            services.cancel_date(current_user, event, form.chosen(), form.reason.data.strip())
        except services.EventError as error:
            _field_error(form, error)
        else:
            _notify(
                EventChange(
                    event, Change.DATE_CANCELLED, form.reason.data.strip(), (form.chosen(),)
                )
            )
            flash(_("Datumet är inställt."), "success")
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return _action_page(event, form, _("Ställ in ett datum"), _("Ställ in datumet"))


@bp.post("/events/<int:event_id>/restore-date")
def restore_date(event_id: int):
    """Undo a move or cancellation of one date."""
    event = load_event(event_id)
    form = _date_form(forms.DateForm, event)
    if form.validate_on_submit():
        try:
            services.restore_date(current_user, event, form.chosen())
        except services.EventError as error:
            flash(str(error), "error")
        else:
            _notify(EventChange(event, Change.DATE_RESTORED, starts=(form.chosen(),)))
            flash(_("Datumet är återställt."), "success")
    else:
        flash(_("Datumet ingår inte i serien."), "error")
    return redirect(url_for("events_manage.edit_event", event_id=event.id))


@bp.route("/events/<int:event_id>/end-series", methods=["GET", "POST"])
def end_series(event_id: int):
    """End a series early; the dates after the last day disappear."""
    event = load_event(event_id)
    form = forms.EndSeriesForm()
    if form.validate_on_submit():
        try:
            services.end_series(current_user, event, form.last_day.data)
        except services.EventError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(_("Serien är avslutad."), "success")
            return redirect(url_for("events_manage.edit_event", event_id=event.id))
    return _action_page(event, form, _("Avsluta serien i förtid"), _("Avsluta serien"))


@bp.route("/events/<int:event_id>/outcome", methods=["GET", "POST"])
def record_outcome(event_id: int):
    """Record or edit the outcome of one held date."""
    event = load_event(event_id)
    form = _outcome_form(event)
    if form.validate_on_submit():
        try:
            services.record_outcome(current_user, event, form.chosen(), forms.outcome_values(form))
        except services.EventError as error:
            _field_error(form, error)
        else:
            db.session.commit()
            flash(_("Utfallet är sparat."), "success")
            return redirect(url_for("events_manage.edit_event", event_id=event.id) + "#utfall")
    return render_template("events/manage/outcome.html", event=event, form=form)


def _outcome_form(event: Event) -> forms.OutcomeForm:
    chosen = request.args.get("date", "")
    outcome = (
        db.session.scalar(
            queries.outcomes_of(event.id).where(Outcome.occurrence_start == _parse(chosen))
        )
        if chosen and _parse(chosen)
        else None
    )
    data = {}
    if outcome is not None and request.method == "GET":
        data = {k: getattr(outcome, k) for k in services.OUTCOME_FIELDS}
        data["partners"] = [p.id for p in outcome.partners]
    form = _date_form(forms.OutcomeForm, event) if not data else forms.OutcomeForm(data=data)
    if data:
        form.date.choices = _date_choices(event)
        form.date.data = chosen
    people = [(p.organisation.id, p.organisation.name) for p in event.partners]
    if event.organiser and event.organiser.id not in dict(people):
        people.insert(0, (event.organiser.id, event.organiser.name))
    form.partners.choices = people
    return form


def _prefill_move(form: forms.MoveDateForm, event: Event) -> None:
    """The chosen date's (or the first coming date's) current day and times, in Stockholm."""
    chosen = form.chosen()
    dates = [o for o in event.occurrences if chosen is None or o.original_start == chosen]
    if not dates:
        return
    current = dates[0]
    start, end = formatting.to_local(current.starts_at), formatting.to_local(current.ends_at)
    form.new_date.data = start.date()
    form.start_time.data, form.end_time.data = start.time(), end.time()


def _date_choices(event: Event) -> list[tuple[str, str]]:
    """Each date of the event by its original start, labelled as it now takes place."""
    locale = str(get_locale() or "sv")
    return [
        (
            o.original_start.isoformat(),
            formatting.when(o.starts_at, o.ends_at, event.all_day, locale),
        )
        for o in event.occurrences
    ]


def _parse(value: str):
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else None
