"""Feeds as calendar programs read them: properties, series, changes, filters, privacy."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.events.models import Event, EventPartner, EventStatus, PartnerRole
from app.extensions import db
from app.feeds import cache
from tests.feeds.expansion import expanded, parse, torget_dates
from tests.feeds.world import local

PUBLIC = ("dialogue", "summer", "breakfast", "monthly", "fair", "called_off")


def ids(demo, names=PUBLIC):
    return [demo[name].id for name in names]


def test_feed_dates_equal_torgets_own(app, client, demo):
    response = client.get("/feeds/events.ics")
    assert response.status_code == 200
    # The whole cancelled event keeps STATUS:CANCELLED, and the program expands it too.
    assert expanded(response.data) == torget_dates(app, ids(demo))


@pytest.mark.parametrize("name", PUBLIC)
def test_each_event_file_equals_torgets_dates(app, client, demo, name):
    response = client.get(f"/events/{demo[name].id}.ics")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    assert expanded(response.data) == torget_dates(app, [demo[name].id])


def test_calendar_properties(client, demo):
    calendar = parse(client.get("/feeds/venues/liljeholmstorget.ics").data)
    assert str(calendar["PRODID"]) == "-//Stockholms stad//Torget//SV"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar["X-WR-CALNAME"]) == "Hägersten-Älvsjö – Liljeholmstorget"
    assert str(calendar["NAME"]) == "Hägersten-Älvsjö – Liljeholmstorget"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/Stockholm"
    assert calendar["REFRESH-INTERVAL"].dt == timedelta(hours=1)
    assert str(calendar["X-PUBLISHED-TTL"]) == "PT60M"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Stockholm"
    assert zone.to_tz().utcoffset(datetime(2026, 7, 1)) == timedelta(hours=2)


def test_event_properties(client, demo):
    calendar = parse(client.get(f"/feeds/series/{demo['dialogue'].id}.ics").data)
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == demo["dialogue"].uid
    assert str(event["SUMMARY"]) == "Företagsdialog med mingelmässa"
    assert event["DTSTART"].params["TZID"] == "Europe/Stockholm"
    assert event["DTSTART"].dt.hour == 9 and event["DTEND"].dt.minute == 30
    assert str(event["LOCATION"]) == "Liljeholmstorget, Liljeholmstorget 1, 117 61 Stockholm"
    assert event["GEO"].latitude == pytest.approx(59.3105)
    assert str(event["URL"]).endswith(f"/events/{demo['dialogue'].id}")
    assert str(event["URL"]) in str(event["DESCRIPTION"])
    assert "Dialog om trygghet, kompetens" in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert event.categories == ["Mässa"]
    for name in ("DTSTAMP", "CREATED", "LAST-MODIFIED", "SEQUENCE"):
        assert name in event


def test_series_is_one_rule_with_a_moved_date_and_an_exdate(client, demo):
    calendar = parse(client.get(f"/feeds/series/{demo['summer'].id}.ics").data)
    master, override = calendar.walk("VEVENT")
    assert "RRULE" in master and master["RRULE"]["FREQ"] == ["WEEKLY"]
    exdates = [d.dt for d in master["EXDATE"].dts]
    first = demo["summer"].starts_at
    assert exdates == [(first + timedelta(weeks=5)).astimezone(exdates[0].tzinfo)]
    assert "Midsommar" in str(master["DESCRIPTION"])
    assert override["RECURRENCE-ID"].dt == first + timedelta(weeks=3)
    assert override["DTSTART"].dt == first + timedelta(weeks=3, days=1, hours=1)
    assert str(override["LOCATION"]).startswith("Älvsjö bibliotek")
    assert "GEO" not in override  # the library has no coordinates
    assert "Regn väntas" in str(override["DESCRIPTION"])


def test_series_keeps_local_time_across_daylight_saving(client, demo):
    calendar = parse(client.get(f"/feeds/series/{demo['breakfast'].id}.ics").data)
    import recurring_ical_events

    dates = recurring_ical_events.of(calendar).between(datetime(2000, 1, 1), datetime(2100, 1, 1))
    assert len(dates) == 10
    assert {d["DTSTART"].dt.hour for d in dates} == {8}
    assert {d["DTSTART"].dt.utcoffset() for d in dates} == {timedelta(hours=1), timedelta(hours=2)}


def test_all_day_event_uses_dates(client, demo):
    calendar = parse(client.get(f"/events/{demo['fair'].id}.ics").data)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].params.get("VALUE") == "DATE"
    assert (event["DTEND"].dt - event["DTSTART"].dt).days == 2


def test_cancelled_event_shows_as_cancelled(client, demo):
    calendar = parse(client.get("/feeds/events.ics").data)
    event = next(e for e in calendar.walk("VEVENT") if str(e["UID"]) == demo["called_off"].uid)
    assert str(event["STATUS"]) == "CANCELLED"
    assert "Bygget är försenat" in str(event["DESCRIPTION"])


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/events.ics",
        "/feeds/units/hagersten-alvsjo.ics",
        "/feeds/venues/liljeholmstorget.ics",
        "/feeds/organisations/liljeholmens-foretagsgrupp.ics",
    ],
)
def test_drafts_never_in_public_feeds(client, demo, path):
    body = client.get(path).get_data(as_text=True)
    assert "Hemligt utkast" not in body
    assert demo["draft"].uid not in body


@pytest.mark.parametrize("name", ["draft"])
def test_draft_has_no_public_file_or_series(client, demo, name):
    assert client.get(f"/events/{demo[name].id}.ics").status_code == 404
    assert client.get(f"/feeds/series/{demo[name].id}.ics").status_code == 404


def test_organiser_of_the_unit_downloads_a_draft(client, demo, make_user, login, unit):
    login(make_user("organiser", unit))
    response = client.get(f"/events/{demo['draft'].id}.ics")
    assert response.status_code == 200
    # Never stored by a shared cache (the security layer makes it no-store for staff).
    assert response.headers["Cache-Control"] in {"no-store", "private, max-age=900"}
    assert "STATUS:TENTATIVE" in response.get_data(as_text=True)


def test_another_units_organiser_gets_404_for_a_draft(client, demo, make_user, login, other_unit):
    login(make_user("organiser", other_unit))
    assert client.get(f"/events/{demo['draft'].id}.ics").status_code == 404


def uids(client, path) -> set[str]:
    response = client.get(path)
    assert response.status_code == 200, response.data[:200]
    return {str(e["UID"]) for e in parse(response.data).walk("VEVENT")}


def test_filters(app, client, demo, make_event, other_unit):
    other = make_event(
        other_unit, title="Bromma", starts_at=local(2026, 12, 1, 9), ends_at=local(2026, 12, 1, 10)
    )
    year = demo["dialogue"].starts_at.year
    everyone = uids(client, "/feeds/events.ics")
    assert other.uid in everyone
    assert uids(client, "/feeds/units/bromma.ics") == {other.uid}
    assert uids(client, "/feeds/events.ics?unit=bromma") == {other.uid}
    assert uids(client, "/feeds/events.ics?kind=fair") == {demo["dialogue"].uid, demo["fair"].uid}
    assert uids(client, "/feeds/events.ics?venue=liljeholmstorget") == {
        demo["dialogue"].uid,
        demo["summer"].uid,
    }
    # The moved summer date is at the library, so the library's feed has the series too.
    assert demo["summer"].uid in uids(client, "/feeds/venues/alvsjo-bibliotek.ics")
    assert uids(client, f"/feeds/events.ics?from={year}-12-01&to={year}-12-31") == {
        demo["dialogue"].uid,
        demo["monthly"].uid,
    } | ({other.uid} if year == 2026 else set())
    assert uids(client, "/feeds/organisations/liljeholmens-foretagsgrupp.ics") == {
        demo["dialogue"].uid
    }
    assert uids(client, "/feeds/events.ics?unit=nowhere") == set()


def test_organisation_feed_includes_partner_events(app, client, demo):
    with app.app_context():
        db.session.add(
            EventPartner(
                event_id=demo["fair"].id, organisation_id=demo["org"].id, role=PartnerRole.HOST
            )
        )
        db.session.commit()
    assert demo["fair"].uid in uids(client, "/feeds/organisations/liljeholmens-foretagsgrupp.ics")


@pytest.mark.parametrize(
    "query",
    [
        "from=igår",
        "to=2026-13-45",
        "kind=picnic",
        "from=0001-01-01",
        "from=x%00y",
        "to=" + "9" * 5000,
    ],
)
def test_bad_filters_are_400(client, demo, query):
    response = client.get(f"/feeds/events.ics?{query}")
    assert response.status_code == 400
    assert "text/plain" in response.headers["Content-Type"]


@pytest.mark.parametrize(
    "path",
    [
        "/feeds/venues/nowhere.ics",
        "/feeds/units/nowhere.ics",
        "/feeds/organisations/nowhere.ics",
        "/feeds/series/999999.ics",
        "/events/999999.ics",
        "/feeds/private/nope.ics",
    ],
)
def test_unknown_feeds_are_404(client, path):
    assert client.get(path).status_code == 404


def test_window_is_last_twelve_months_unless_from_asks(app, client, make_event, unit):
    old_start = datetime.now(UTC) - timedelta(days=400)
    old = make_event(
        unit, title="Gammalt", starts_at=old_start, ends_at=old_start + timedelta(hours=1)
    )
    recent_start = datetime.now(UTC) - timedelta(days=300)
    recent = make_event(unit, starts_at=recent_start, ends_at=recent_start + timedelta(hours=1))
    assert uids(client, "/feeds/events.ics") == {recent.uid}
    since = (old_start - timedelta(days=1)).date().isoformat()
    assert uids(client, f"/feeds/events.ics?from={since}") == {old.uid, recent.uid}


def test_next_poll_sees_a_moved_date(app, client, demo):
    first = client.get("/feeds/venues/liljeholmstorget.ics")
    with app.app_context():
        event = db.session.get(Event, demo["dialogue"].id)
        event.starts_at += timedelta(hours=1)
        event.ends_at += timedelta(hours=1)
        event.sequence += 1
        event.updated_at = datetime.now(UTC)
        from app.events.occurrences import rebuild_occurrences

        rebuild_occurrences(event)
        db.session.commit()
    again = client.get(
        "/feeds/venues/liljeholmstorget.ics", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200
    assert again.headers["ETag"] != first.headers["ETag"]
    (vevent,) = [
        e for e in parse(again.data).walk("VEVENT") if str(e["UID"]) == demo["dialogue"].uid
    ]
    assert vevent["DTSTART"].dt.hour == 10 and vevent["SEQUENCE"] == 1


def test_unpublishing_and_deleting_reach_the_feed(app, client, demo):
    client.get("/feeds/events.ics")
    with app.app_context():
        db.session.delete(db.session.get(Event, demo["fair"].id))
        db.session.commit()
    assert demo["fair"].uid not in uids(client, "/feeds/events.ics")
    with app.app_context():
        event = db.session.get(Event, demo["monthly"].id)
        event.status = EventStatus.DRAFT
        event.updated_at = datetime.now(UTC)
        db.session.commit()
    assert demo["monthly"].uid not in uids(client, "/feeds/events.ics")


def test_one_change_serialises_one_event(app, client, demo, monkeypatch):
    client.get("/feeds/events.ics")
    from app.feeds import ical

    calls = []
    real = ical.vevent
    monkeypatch.setattr(ical, "vevent", lambda event: calls.append(event.uid) or real(event))
    with app.app_context():
        event = db.session.get(Event, demo["summer"].id)
        event.title = "Sommar på torget 2"
        event.updated_at = datetime.now(UTC)
        db.session.commit()
    body = client.get("/feeds/events.ics").get_data(as_text=True)
    assert "Sommar på torget 2" in body
    assert calls == [demo["summer"].uid]
    assert len(cache.event_texts) >= len(PUBLIC)


def test_in_check_of_events_in_db(app, demo):
    with app.app_context():
        assert db.session.scalar(select(Event.title).where(Event.id == demo["summer"].id))


def test_a_renamed_venue_reaches_the_cached_feed(app, client, demo):
    from app.directory.models import Venue

    first = client.get("/feeds/venues/liljeholmstorget.ics")
    assert "Liljeholmstorget 1" in first.get_data(as_text=True)
    with app.app_context():
        db.session.get(Venue, demo["venue"].id).address = "Liljeholmstorget 7"
        db.session.commit()
    again = client.get(
        "/feeds/venues/liljeholmstorget.ics", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 200
    body = again.get_data(as_text=True)
    assert "Liljeholmstorget 7" in body and "Liljeholmstorget 1\\," not in body


def test_a_rolled_back_rename_changes_nothing(app, client, demo):
    from app.core import generations

    client.get("/feeds/events.ics")
    with app.app_context():
        before = generations.current("directory")
        db.session.get(type(demo["venue"]), demo["venue"].id).name = "Annat namn"
        db.session.flush()
        db.session.rollback()
        assert generations.current("directory") == before
