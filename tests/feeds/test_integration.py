"""Feeds against the organiser's services and the demo data, as subscribers see them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from app.events import services as events
from app.events.models import Event
from app.events.permissions import is_public
from app.extensions import db
from tests.feeds.expansion import expanded, parse, torget_dates
from tests.feeds.world import demo_like


def test_next_poll_sees_the_organisers_move_and_cancel(app, client, make_event, unit, make_user):
    demo = demo_like(app, make_event, unit)
    organiser = make_user("organiser", unit)
    path = "/feeds/venues/liljeholmstorget.ics"
    first = client.get(path)
    summer = demo["summer"]
    original = summer.starts_at + timedelta(weeks=1)
    with app.app_context():
        event = db.session.get(Event, summer.id)
        actor = db.session.get(type(organiser), organiser.id)
        new_start = original + timedelta(hours=2)
        events.move_date(
            actor, event, original, new_start, new_start + timedelta(hours=3), None, "Konsert"
        )
        events.cancel_date(actor, event, original + timedelta(weeks=1), "Storm")
        db.session.commit()
    again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 200
    master, *overrides = [
        e for e in parse(again.data).walk("VEVENT") if str(e["UID"]) == summer.uid
    ]
    assert master["SEQUENCE"] == 2
    assert original + timedelta(weeks=1) in [d.dt for d in master["EXDATE"].dts]
    assert original in [o["RECURRENCE-ID"].dt for o in overrides]
    assert expanded(again.data) == torget_dates(app, [summer.id, demo["dialogue"].id])
    assert client.get(path, headers={"If-None-Match": again.headers["ETag"]}).status_code == 304


def test_demo_events_over_two_years_equal_torgets_dates(app, client, runner):
    result = runner.invoke(args=["demo", "load", "--password", "demo password 2022"])
    assert result.exit_code == 0, result.output
    body = client.get("/feeds/units/hagersten-alvsjo.ics?from=2022-01-01").data
    with app.app_context():
        demo = db.session.scalars(select(Event).where(Event.uid.like("%@hagersten-alvsjo.torget")))
        ids = [event.id for event in demo if is_public(event)]
    assert ids
    ours = torget_dates(app, ids)
    theirs = {
        (uid, start)
        for uid, start in expanded(body, years=6)
        if uid.endswith("@hagersten-alvsjo.torget")
    }
    assert theirs == ours
    dialogue = next(
        e
        for e in parse(body).walk("VEVENT")
        if str(e["UID"]) == "foretagsdialog-2022@hagersten-alvsjo.torget"
    )
    assert str(dialogue["SUMMARY"]) == "Företagsdialog med mingelmässa"
    assert dialogue["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") == "2022-12-09 09:00"


def test_hostile_titles_from_the_database(app, client, make_event, unit):
    make_event(
        unit,
        title="Möte\r\nEND:VEVENT\r\nBEGIN:VCALENDAR\x1b",
        description="a\rb;c,d\\e\nEND:VCALENDAR",
    )
    body = client.get("/feeds/events.ics").data
    (event,) = parse(body).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Möte\nEND:VEVENT\nBEGIN:VCALENDAR"
    assert str(event["DESCRIPTION"]).startswith("a\nb;c,d\\e\nEND:VCALENDAR")
    assert body.count(b"\r\nEND:VCALENDAR") == 1
