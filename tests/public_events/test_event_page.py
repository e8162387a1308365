"""One event's public page: dates of a series, moved and cancelled dates, drafts, partners."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.events.models import EventPartner, EventStatus, PartnerRole
from app.extensions import db
from tests.conftest import count_queries
from tests.public_events.world import local, make_organisation, make_venue


@pytest.fixture
def summer(app, unit, make_event):
    """Sommar på torget 2022: weekly on Thursdays, one date moved, one cancelled for rain."""
    torg = make_venue(app, name="Älvsjö torg", slug="alvsjo-torg", address="Älvsjö torg 1")
    lilje = make_venue(app, name="Liljeholmstorget", slug="liljeholmstorget")
    first = local(2022, 6, 16, 16, 0)
    return make_event(
        unit,
        title="Sommar på torget",
        starts_at=first,
        ends_at=first + timedelta(hours=3),
        rrule="FREQ=WEEKLY;UNTIL=20220825",
        venue_id=torg.id,
        changes=[
            {
                "original_start": local(2022, 7, 7, 16, 0),
                "starts_at": local(2022, 7, 8, 17, 0),
                "ends_at": local(2022, 7, 8, 20, 0),
                "venue_id": lilje.id,
                "reason": "Flyttat till fredagen",
            },
            {
                "original_start": local(2022, 7, 14, 16, 0),
                "is_cancelled": True,
                "reason": "Inställt på grund av regn",
            },
        ],
    )


def test_series_page_shows_every_date_with_moves_and_cancellations(client, summer):
    response = client.get(f"/events/{summer.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert html.count('<tr class="row-cancelled">') == 1
    assert "torsdag 16 juni 2022, kl. 16.00–19.00" in html
    assert "torsdag 25 augusti 2022, kl. 16.00–19.00" in html
    # The moved date shows its old and its new time and place.
    assert (
        '<del><span class="visually-hidden">Tidigare: </span>torsdag 7 juli 2022, kl. 16.00–19.00</del>'
        in html
    )
    assert "fredag 8 juli 2022, kl. 17.00–20.00" in html
    assert "Tidigare plats: </span>Älvsjö torg" in html and "Liljeholmstorget" in html
    assert "Flyttat till fredagen" in html
    assert "Inställt på grund av regn" in html
    assert "Älvsjö torg, Älvsjö torg 1" in html
    assert html.count("<tr") == 1 + 11  # header row and eleven Thursdays


def test_one_off_event_page_shows_place_organiser_and_partners(app, client, unit, make_event):
    galleria = make_venue(
        app,
        name="Liljeholmstorgets galleria",
        slug="liljeholmstorgets-galleria",
        address="Liljeholmstorget 7",
        postal_code="117 63",
    )
    sbr = make_organisation(app, name="Stockholm Business Region", slug="sbr")
    citycon = make_organisation(app, name="Citycon", slug="citycon")
    event = make_event(
        unit,
        title="Företagsdialog med mingelmässa",
        starts_at=local(2022, 12, 9, 9, 0),
        ends_at=local(2022, 12, 9, 15, 30),
        venue_id=galleria.id,
        organiser_id=sbr.id,
        theme="Lokalt näringsliv",
    )
    with app.app_context():
        db.session.add(
            EventPartner(
                event_id=event.id, organisation_id=citycon.id, role=PartnerRole.VENUE_OWNER
            )
        )
        db.session.commit()
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "fredag 9 december 2022, kl. 9.00–15.30" in html
    assert "Liljeholmstorgets galleria, Liljeholmstorget 7, 117 63" in html
    assert "Stockholm Business Region" in html and "Hägersten-Älvsjö stadsdelsnämnd" in html
    assert "Citycon (fastighetsägare)" in html
    assert "Lokalt näringsliv" in html


def test_calendar_links_come_from_the_feeds_block(app, client, unit, make_event):
    event = make_event(unit)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'href="/events/{event.id}.ics"' in html
    assert "webcal://" in html
    # Our own download link appears only when the feeds' block is missing.
    assert "Ladda ned evenemanget som kalenderfil (.ics)" not in html


def test_own_ics_link_when_there_is_no_subscribe_block(app, client, unit, make_event, monkeypatch):
    from app.events.views import public as views

    monkeypatch.setattr(views, "SUBSCRIBE_PARTIAL", "feeds/_no_such_partial.html")
    event = make_event(unit)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Ladda ned evenemanget som kalenderfil (.ics)" in html
    assert f'href="/events/{event.id}.ics"' in html


@pytest.mark.parametrize(
    ("status", "published"), [(EventStatus.DRAFT, False), (EventStatus.CANCELLED, False)]
)
def test_drafts_and_events_cancelled_before_publishing_are_404(
    client, unit, make_event, status, published
):
    event = make_event(unit, title="Hemligt", status=status, published_at=None)
    response = client.get(f"/events/{event.id}")
    assert response.status_code == 404
    assert "Hemligt" not in response.get_data(as_text=True)


def test_draft_is_shown_to_the_units_staff_but_not_to_another_unit(
    client, app, unit, other_unit, make_event, make_user, login
):
    event = make_event(unit, title="Utkastet", status=EventStatus.DRAFT)
    login(make_user("officer", unit))
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Utkastet" in html and "Utkast – syns inte för allmänheten" in html
    other = app.test_client()
    login(make_user("organiser", other_unit), on=other)
    assert other.get(f"/events/{event.id}").status_code == 404


def test_cancelled_after_publishing_is_shown_with_the_reason(client, unit, make_event):
    event = make_event(unit, status=EventStatus.CANCELLED, cancel_reason="Talaren är sjuk")
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Evenemanget är inställt." in html and "Talaren är sjuk" in html


def test_unknown_and_huge_ids_are_404(client):
    assert client.get("/events/424242").status_code == 404
    assert client.get("/events/99999999999999999999").status_code == 404
    assert client.get("/events/abc").status_code == 404


def test_query_count_does_not_grow_with_dates(app, client, unit, make_event):
    short = make_event(unit, rrule="FREQ=WEEKLY;COUNT=2", registration_enabled=True, capacity=5)
    long = make_event(unit, rrule="FREQ=WEEKLY;COUNT=40", registration_enabled=True, capacity=5)
    client.get(f"/events/{short.id}")
    with count_queries(app) as few:
        client.get(f"/events/{short.id}")
    with count_queries(app) as many:
        html = client.get(f"/events/{long.id}").get_data(as_text=True)
    assert html.count("<option") == 40
    assert many() == few()
