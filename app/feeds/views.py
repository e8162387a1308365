"""Calendar feeds, the feed list, private feed tokens and the organiser's import."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.core import window
from app.core.forms import EmptyForm
from app.core.urls import external_url, webcal
from app.directory import queries as directory_queries
from app.directory.models import Organisation, Venue
from app.events.filters import read_day
from app.events.models import Event, EventKind
from app.events.permissions import can_see_event, is_public
from app.extensions import db, limiter
from app.feeds import importer, services
from app.feeds.forms import ImportForm
from app.feeds.permissions import can_have_private_feed, can_import, draft_unit_ids
from app.feeds.queries import FeedFilter
from app.feeds.responses import public_feed, serve
from app.units.models import Unit

bp = Blueprint("feeds", __name__)


class BadFilter(ValueError):
    """A query argument of a feed cannot be read."""


def install(app) -> None:
    """Keep the limiter off feeds."""
    # Calendar services (Google, Microsoft) poll many subscribers' feeds from shared
    # addresses, so feeds are not rate limited per address; a request filter skips
    # the limiter's work entirely, which matters for thousands of polls.
    limiter.request_filter(_is_feed_request)


#: The feed endpoints that calendar programs poll.
POLLED = {
    "feeds.all_events",
    "feeds.venue",
    "feeds.unit",
    "feeds.organisation",
    "feeds.series",
    "feeds.event_ics",
    "feeds.private",
}


def _is_feed_request() -> bool:
    return request.endpoint in POLLED


def profile_section():
    if not can_have_private_feed(current_user):
        return None
    return "feeds/_profile.html", {
        "has_token": bool(current_user.feed_token_hash),
        "form": EmptyForm(),
    }


@bp.errorhandler(BadFilter)
def _bad_filter(error):
    return str(error), 400, {"Content-Type": "text/plain; charset=utf-8"}


@bp.get("/feeds/")
def index():
    """List every feed with subscribe links and instructions."""
    return render_template(
        "feeds/index.html",
        units=db.session.execute(select(Unit.name, Unit.slug).order_by(Unit.name)).all(),
        venues=db.session.execute(select(Venue.name, Venue.slug).order_by(Venue.name)).all(),
        organisations=db.session.execute(
            select(Organisation.name, Organisation.slug).order_by(Organisation.name)
        ).all(),
    )


@bp.get("/feeds/events.ics")
@public_feed
def all_events():
    """Every public event, narrowed by the same query arguments as /events/."""
    feed = filter_from_args()
    return serve(feed, lambda: _("Torget – alla evenemang"))


@bp.get("/feeds/venues/<slug>.ics")
@public_feed
def venue(slug: str):
    """The public events at one venue."""
    place = db.session.scalar(select(Venue).where(Venue.slug == slug))
    if place is None:
        return _moved(Venue, "feeds.venue", slug)
    feed = filter_from_args(venue_id=place.id)
    return serve(feed, lambda: calendar_name(place.name, venue_unit_name(place.id)))


@bp.get("/feeds/units/<slug>.ics")
@public_feed
def unit(slug: str):
    """The public events of one unit."""
    owner = db.first_or_404(select(Unit).where(Unit.slug == slug))
    feed = filter_from_args(unit_id=owner.id)
    return serve(feed, lambda: calendar_name(_("evenemang"), owner.short_name))


@bp.get("/feeds/organisations/<slug>.ics")
@public_feed
def organisation(slug: str):
    """The public events an organisation arranges or takes part in."""
    org = db.session.scalar(select(Organisation).where(Organisation.slug == slug))
    if org is None:
        return _moved(Organisation, "feeds.organisation", slug)
    feed = filter_from_args(organisation_id=org.id)
    return serve(feed, lambda: calendar_name(org.name, "Torget"))


def _moved(model, endpoint: str, slug: str):
    """A permanent redirect from an earlier address of a renamed venue or organisation."""
    current = directory_queries.current_slug(model, slug)
    if current is None:
        abort(404)
    query = request.query_string.decode("utf-8", "replace")
    target = url_for(endpoint, slug=current) + (f"?{query}" if query else "")
    return redirect(target, 301)


@bp.get("/feeds/series/<int:event_id>.ics")
@public_feed
def series(event_id: int):
    """One public event or series, for subscribing."""
    event = db.get_or_404(Event, event_id)
    if not is_public(event):
        abort(404)
    feed = FeedFilter(event_id=event.id, whole=True)
    return serve(feed, lambda: calendar_name(event.title, event.unit.short_name))


@bp.get("/events/<int:event_id>.ics")
def event_ics(event_id: int):
    """One event as a file to open; staff of its unit may download a draft."""
    event = db.get_or_404(Event, event_id)
    public = is_public(event)
    if not public and not can_see_event(current_user, event):
        abort(404)
    feed = FeedFilter(event_id=event.id, whole=True, all_drafts=not public)
    response = serve(feed, lambda: event.title, private=not public)
    response.headers["Content-Disposition"] = f'attachment; filename="evenemang-{event.id}.ics"'
    return response


@bp.get("/feeds/private/<token>.ics")
def private(token: str):
    """A staff member's feed: public events plus drafts of their units."""
    user = services.user_for_token(token)
    if user is None or not can_have_private_feed(user):
        abort(404)
    feed = FeedFilter(draft_unit_ids=draft_unit_ids(user) or (0,), all_drafts=user.is_city_officer)
    name = _("Torget – %(name)s", name=user.name)
    return serve(feed, lambda: name, private=True, owner=user.id)


@bp.post("/feeds/token")
@login_required
def new_token():
    """Issue a new private feed address (the old one stops working) and show it once."""
    if not can_have_private_feed(current_user):
        abort(403)
    if not EmptyForm().validate_on_submit():
        abort(400)
    token = services.issue_feed_token(current_user)
    db.session.commit()
    url = external_url("feeds.private", token=token)
    response = current_app.make_response(
        render_template("feeds/token.html", url=url, webcal=webcal(url))
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/feeds/token/revoke")
@login_required
def revoke_token():
    """Turn the private feed off."""
    if not can_have_private_feed(current_user):
        abort(403)
    if EmptyForm().validate_on_submit():
        services.revoke_feed_token(current_user)
        db.session.commit()
        flash(_("Din privata kalenderadress är avstängd."), "success")
    return redirect(url_for("accounts.profile"))


@bp.route("/manage/units/<slug>/import", methods=["GET", "POST"])
@login_required
def import_events(slug: str):
    """Read a partner's .ics file into the unit's events."""
    owner = db.first_or_404(select(Unit).where(Unit.slug == slug))
    if not can_import(current_user, owner.id):
        abort(403)
    form = ImportForm()
    orgs = db.session.scalars(select(Organisation).order_by(Organisation.name)).all()
    form.organisation.choices = [("", _("Ingen"))] + [(o.slug, o.name) for o in orgs]
    result = None
    if form.validate_on_submit():
        result = run_import(form, owner, {o.slug: o for o in orgs})
        if result is not None and not form.dry_run.data:
            flash(_("Kalenderfilen är inläst."), "success")
    return render_template("feeds/import.html", form=form, unit=owner, result=result)


def run_import(form: ImportForm, owner: Unit, orgs: dict):
    """Parse and import in one transaction; a refused file becomes a form error."""
    try:
        parsed = importer.parse(form.file.data.read(importer.MAX_BYTES + 1))
    except importer.UnreadableCalendar as error:
        form.file.errors.append(str(error))
        return None
    org = orgs.get(form.organisation.data or "")
    result = services.import_calendar(current_user, owner, parsed, org, form.as_draft.data)
    if form.dry_run.data:
        db.session.rollback()
    else:
        db.session.commit()
    return result


def filter_from_args(**fixed) -> FeedFilter:
    """The /events/ query arguments (from, to, venue, kind, unit) as a FeedFilter."""
    args = request.args
    values = dict(fixed)
    values["from_day"] = parse_day(args.get("from"), "from")
    values["to_day"] = parse_day(args.get("to"), "to")
    if args.get("kind"):
        if args["kind"] not in EventKind._value2member_map_:
            raise BadFilter(_("Okänd typ av evenemang i kind."))
        values["kind"] = EventKind(args["kind"])
    for name, model, field in (("venue", Venue, "venue_id"), ("unit", Unit, "unit_id")):
        if args.get(name) and field not in fixed:
            found = db.session.scalar(select(model.id).where(model.slug == args[name][:100]))
            values[field] = found if found is not None else -1
    return FeedFilter(**values)


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    day = read_day(value)
    if day is None:
        raise BadFilter(_("%(name)s ska vara ett datum på formen ÅÅÅÅ-MM-DD.", name=name))
    if not window.contains(day):
        raise BadFilter(_("%(name)s måste ligga mellan år 1900 och 2200.", name=name))
    return day


def calendar_name(name: str, prefix: str | None) -> str:
    """'Hägersten-Älvsjö – Liljeholmstorget'."""
    return f"{prefix} – {name}" if prefix else name


def venue_unit_name(venue_id: int) -> str | None:
    """The short name of the one unit holding events at a venue, if only one does."""
    names = db.session.scalars(
        select(Unit.short_name)
        .join(Event, Event.unit_id == Unit.id)
        .where(Event.venue_id == venue_id)
        .distinct()
        .limit(2)
    ).all()
    return names[0] if len(names) == 1 else "Torget"
