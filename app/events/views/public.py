"""Public event pages: the list of upcoming dates, one event, the month, week and list calendars."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_login import current_user
from jinja2 import TemplateNotFound
from sqlalchemy import false, select

from app.core import pagecache, wiring
from app.core.swedish import STOCKHOLM
from app.db import utcnow
from app.directory.models import Venue
from app.events import calendar, listing
from app.events.filters import EventFilterForm, parse_day
from app.events.labels import KIND_LABELS, ROLE_LABELS
from app.events.models import Event, EventKind
from app.events.permissions import can_see_event, is_public
from app.events.recurrence import local_day_bounds
from app.extensions import db
from app.units.models import Unit

bp = Blueprint("events", __name__)

PER_PAGE = 20
#: Beyond any real list; keeps OFFSET within what every database accepts.
MAX_PAGE = 10_000
#: The query arguments the list keeps across pages.
FILTER_KEYS = ("from", "to", "kind", "venue", "unit")
#: How far ahead the list view and the home page look.
LIST_DAYS = 92


#: The feeds' subscribe links for an event page (it offers the `.ics` download too).
SUBSCRIBE_PARTIAL = "feeds/_subscribe.html"


def event_ics_url(event: Event) -> str | None:
    """The event's `.ics` address for our own link: only when the feeds serve it and their
    subscribe block, which already offers the download, is not there."""
    if "feeds.event_ics" not in current_app.view_functions or has_template(SUBSCRIBE_PARTIAL):
        return None
    return url_for("feeds.event_ics", event_id=event.id)


def has_template(name: str) -> bool:
    """True when the template exists (Jinja caches the lookup)."""
    try:
        current_app.jinja_env.get_template(name)
    except TemplateNotFound:
        return False
    return True


@bp.app_context_processor
def labels():
    return {
        "event_kind_label": lambda kind: str(KIND_LABELS.get(kind, kind)),
        "partner_role_label": lambda role: str(ROLE_LABELS.get(role, role)),
    }


def load_public_event(event_id: int) -> Event:
    """The event with its page's data, or 404 when the current user may not see it."""
    event = db.session.scalar(listing.event_page(event_id))
    if event is None or not can_see_event(current_user, event):
        abort(404)
    return event


@bp.get("/events/")
@pagecache.cached
def list_events():
    """Upcoming dates of public events, filtered and paginated."""
    venues = db.session.scalars(select(Venue).order_by(Venue.name)).all()
    units = db.session.scalars(select(Unit).order_by(Unit.short_name)).all()
    form = EventFilterForm(request.args, venues=venues, units=units)
    form.validate()
    query = listing.upcoming_occurrences(*_filter_values(form, venues, units))
    if form.from_.errors or form.to.errors:
        # A period that cannot be read lists nothing, rather than every coming date.
        query = query.where(false())
    number = min(max(request.args.get("page", 1, type=int), 1), MAX_PAGE)
    page = db.paginate(query, page=number, per_page=PER_PAGE, error_out=False)
    args = {key: request.args[key] for key in FILTER_KEYS if request.args.get(key)}
    earlier = None
    if not request.args.get("from") and not form.to.errors:
        year_ago = datetime.now(STOCKHOLM).date() - timedelta(days=365)
        earlier = url_for("events.list_events", **{**args, "from": year_ago.isoformat()})
    return render_template("events/list.html", form=form, page=page, args=args, earlier=earlier)


def _filter_values(form: EventFilterForm, venues, units) -> tuple:
    start_day, stop_day = parse_day(form.valid_value("from_")), parse_day(form.valid_value("to"))
    start = local_day_bounds(start_day)[0] if start_day else utcnow()
    stop = local_day_bounds(stop_day)[1] if stop_day else None
    kind = EventKind(form.valid_value("kind")) if form.valid_value("kind") else None
    venue = {v.slug: v.id for v in venues}.get(form.valid_value("venue"))
    unit = {u.slug: u.id for u in units}.get(form.valid_value("unit"))
    return start, stop, venue, kind, unit


@bp.get("/events/<int:event_id>")
@pagecache.cached
def show_event(event_id: int):
    """One event with every date, its place, organiser, partners and the registration form."""
    event = load_public_event(event_id)
    return render_template(
        "events/show.html",
        event=event,
        is_public=is_public(event),
        **page_extras(event),
    )


def page_extras(event: Event) -> dict:
    """What the event page shows besides the event: its `.ics` link, and what other
    features add for this event (the registration form, the award's winners at its
    ceremony), wired in `app/wiring.py` so events know neither."""
    _declare_moments(event)
    extras = {"ics_url": event_ics_url(event), "winners": []}
    for section in wiring.of().event_page_sections:
        extras.update(section(event))
    return extras


def _declare_moments(event: Event) -> None:
    """The moments this page changes by time alone: a date closes for registration when it
    starts."""
    now = utcnow()
    for occurrence in event.occurrences:
        pagecache.valid_until(occurrence.starts_at)
    coming = [o.starts_at for o in event.occurrences if o.starts_at > now]
    pagecache.valid_until(min(coming, default=None))


@bp.get("/calendar/")
@bp.get("/calendar/<int:year>/<int:month>")
@pagecache.cached
def calendar_month(year: int | None = None, month: int | None = None):
    """A month grid with ISO week numbers, Monday first, each day's events as links."""
    today = datetime.now(STOCKHOLM).date()
    year, month = (year, month) if year is not None else (today.year, today.month)
    if not calendar.is_valid_month(year, month):
        abort(404)
    first, stop = calendar.grid_bounds(year, month)
    by_day, totals = calendar.cap_per_day(_occurrences_by_day(first, stop))
    return render_template(
        "events/calendar_month.html",
        year=year,
        month=month,
        month_start=date(year, month, 1),
        following_start=date(*calendar.next_month(year, month), 1),
        weeks=calendar.month_weeks(year, month),
        by_day=by_day,
        more={day: {"count": n, "url": _day_url(day)} for day, n in totals.items()},
        today=today,
        previous=_month_link(*calendar.previous_month(year, month)),
        following=_month_link(*calendar.next_month(year, month)),
    )


def _day_url(day: date) -> str:
    """The day in its week's page, which lists every date of it."""
    iso = day.isocalendar()
    return url_for(
        "events.calendar_week", year=iso.year, week=iso.week, _anchor=f"day-{day.isoformat()}"
    )


def _month_link(year: int, month: int) -> dict | None:
    if not calendar.is_valid_month(year, month):
        return None
    return {
        "url": url_for("events.calendar_month", year=year, month=month),
        "day": date(year, month, 1),
    }


def _occurrences_by_day(first: date, stop: date) -> dict[date, list]:
    """Public dates overlapping [first, stop), listed under each local day they touch."""
    start_utc, stop_utc = local_day_bounds(first)[0], local_day_bounds(stop)[0]
    occurrences = db.session.scalars(listing.occurrences_between(start_utc, stop_utc)).unique()
    by_day: dict[date, list] = {}
    for occurrence in occurrences:
        start_day = occurrence.starts_at.astimezone(STOCKHOLM).date()
        end_day = (occurrence.ends_at - timedelta(microseconds=1)).astimezone(STOCKHOLM).date()
        for day in calendar.days_touched(start_day, end_day, first, stop):
            by_day.setdefault(day, []).append(occurrence)
    return by_day


@bp.get("/calendar/<int:year>/week/<int:week>")
@pagecache.cached
def calendar_week(year: int, week: int):
    """One ISO week, day by day."""
    if not calendar.is_valid_week(year, week):
        abort(404)
    days = calendar.week_days(year, week)
    by_day = _occurrences_by_day(days[0], days[-1] + timedelta(days=1))
    links = [calendar.previous_week(year, week), calendar.next_week(year, week)]
    previous, following = (
        url_for("events.calendar_week", year=y, week=w) if calendar.is_valid_week(y, w) else None
        for y, w in links
    )
    return render_template(
        "events/calendar_week.html",
        year=year,
        week=week,
        days=days,
        days_with_events=[(day, by_day.get(day, [])) for day in days],
        today=datetime.now(STOCKHOLM).date(),
        previous=previous,
        following=following,
        month_url=url_for("events.calendar_month", year=days[0].year, month=days[0].month),
    )


@bp.get("/calendar/list")
@pagecache.cached
def calendar_list():
    """The coming three months as a list grouped by day."""
    today = datetime.now(STOCKHOLM).date()
    first = parse_day(request.args.get("from")) or today
    stop = first + timedelta(days=LIST_DAYS)
    by_day = _occurrences_by_day(first, stop)
    return render_template(
        "events/calendar_list.html",
        first=first,
        last=stop - timedelta(days=1),
        days=sorted(by_day.items()),
        today=today,
        previous=url_for(
            "events.calendar_list", **{"from": (first - timedelta(days=LIST_DAYS)).isoformat()}
        ),
        following=url_for("events.calendar_list", **{"from": stop.isoformat()}),
    )


def home_section():
    """The home page's next few dates."""
    upcoming = db.session.scalars(listing.upcoming_occurrences(utcnow()).limit(5)).unique().all()
    if not upcoming:
        return None
    pagecache.valid_until(min(o.ends_at for o in upcoming))  # a date leaves the list when it ends
    return "events/_home.html", {"upcoming": upcoming}
