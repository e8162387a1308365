"""The public list of upcoming dates: filters, bad filters, cancelled dates, paging."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.swedish import STOCKHOLM
from app.events.models import EventKind, EventStatus
from tests.conftest import count_queries
from tests.public_events.world import make_venue


def soon(days: int, hour: int = 8) -> datetime:
    return (datetime.now(STOCKHOLM) + timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def test_lists_upcoming_published_dates_only(client, unit, make_event):
    make_event(unit, title="Frukost om kompetens", starts_at=soon(2), ends_at=soon(2, 10))
    make_event(unit, title="Utkastet", status=EventStatus.DRAFT)
    make_event(unit, title="Redan hållet", starts_at=soon(-3), ends_at=soon(-3, 10))
    make_event(
        unit,
        title="Inställt före publicering",
        status=EventStatus.CANCELLED,
        published_at=None,
    )
    response = client.get("/events/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Frukost om kompetens" in html
    assert "Utkastet" not in html
    assert "Redan hållet" not in html
    assert "Inställt före publicering" not in html


def test_event_cancelled_after_publishing_is_shown_as_cancelled(client, unit, make_event):
    make_event(unit, title="Torgdag", status=EventStatus.CANCELLED, cancel_reason="Stormvarning")
    html = client.get("/events/").get_data(as_text=True)
    assert "Torgdag" in html and "Inställt" in html and "Stormvarning" in html


def test_a_cancelled_date_of_a_series_shows_its_reason(client, unit, make_event):
    start = soon(1, 17)
    event = make_event(
        unit,
        title="Sommar på torget",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=3",
        changes=[
            {
                "original_start": start + timedelta(days=7),
                "is_cancelled": True,
                "reason": "Inställt på grund av regn",
            }
        ],
    )
    html = client.get("/events/").get_data(as_text=True)
    assert html.count(">Sommar på torget</a>") == 3
    assert html.count("Inställt på grund av regn") == 1
    assert event.id


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("kind=fair", ["Mässan"], ["Frukosten", "Torgdagen"]),
        ("venue=alvsjo-torg", ["Torgdagen"], ["Mässan", "Frukosten"]),
        ("unit=bromma", ["Frukosten"], ["Mässan", "Torgdagen"]),
        ("to=DAY5", ["Mässan"], ["Frukosten", "Torgdagen"]),
        ("from=DAY8", ["Torgdagen"], ["Mässan", "Frukosten"]),
        ("from=DAY6&to=DAY7", ["Frukosten"], ["Mässan", "Torgdagen"]),
    ],
)
def test_filters(app, client, unit, other_unit, make_event, query, shown, hidden):
    torg = make_venue(app, name="Älvsjö torg", slug="alvsjo-torg")
    make_event(unit, title="Mässan", kind=EventKind.FAIR, starts_at=soon(5), ends_at=soon(5, 12))
    make_event(other_unit, title="Frukosten", starts_at=soon(7), ends_at=soon(7, 9))
    make_event(
        unit,
        title="Torgdagen",
        kind=EventKind.SQUARE_EVENT,
        venue_id=torg.id,
        starts_at=soon(9),
        ends_at=soon(9, 12),
    )
    for days in (5, 6, 7, 8):
        query = query.replace(f"DAY{days}", soon(days).date().isoformat())
    response = client.get(f"/events/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Något behöver rättas" not in html
    for title in shown:
        assert title in html
    for title in hidden:
        assert title not in html


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("from=2022-13-45", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("to=igår", "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("from=" + "9" * 10000, "Skriv datumet som ÅÅÅÅ-MM-DD"),
        ("from=0001-01-01", "mellan år 1900 och 2200"),
        ("to=9999-12-31", "mellan år 1900 och 2200"),
        ("to=0001-01-01", "mellan år 1900 och 2200"),
        ("from=2020-01-02&to=2020-01-01", "Slutdatumet ligger före startdatumet"),
        ("kind=party", "Välj en av typerna i listan"),
        ("venue=finns-inte", "Det finns ingen plats med den adressen"),
        ("unit=%00%01", "Det finns ingen enhet med den adressen"),
    ],
)
def test_bad_filters_get_a_message_beside_the_field(client, unit, make_event, query, message):
    make_event(unit, title="Frukosten")
    response = client.get(f"/events/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert message in html
    assert 'aria-invalid="true"' in html
    if query.startswith(("from=", "to=")):
        # A period that cannot be read lists nothing rather than every coming date.
        assert "Frukosten" not in html and "0 träffar" in html
    else:
        assert "Frukosten" in html  # the bad choice is ignored, the list still shows


def test_without_a_start_day_the_list_says_past_dates_are_hidden_and_offers_them(
    client, unit, make_event
):
    html = client.get("/events/?kind=breakfast").get_data(as_text=True)
    assert "Listan visar datum från idag." in html
    link = html.split("Visa även tidigare datum")[0].rsplit('href="', 1)[1].split('"')[0]
    assert "kind=breakfast" in link and "from=" in link
    assert "Visa även tidigare datum" not in client.get("/events/?from=2020-01-01").get_data(
        as_text=True
    )


def test_bad_page_numbers_do_not_fail(client, unit, make_event):
    make_event(unit, title="Frukosten")
    for page in ("0", "-1", "abc", "99999999999999999999"):
        response = client.get(f"/events/?page={page}")
        assert response.status_code == 200


def test_pagination_keeps_the_filters(client, unit, make_event):
    for day in range(1, 24):
        make_event(unit, title=f"Möte dag {day:02d}", starts_at=soon(day), ends_at=soon(day, 9))
    first = client.get("/events/?kind=breakfast_meeting").get_data(as_text=True)
    assert "Möte dag 01" in first and "Möte dag 21" not in first
    assert "Sida 1 av 2" in first
    assert "page=2" in first and "kind=breakfast_meeting" in first
    second = client.get("/events/?kind=breakfast_meeting&page=2").get_data(as_text=True)
    assert "Möte dag 21" in second and "Möte dag 01" not in second


def test_query_count_does_not_grow_with_events(app, client, unit, make_event):
    venue = make_venue(app)
    make_event(unit, venue_id=venue.id)
    client.get("/events/")
    with count_queries(app) as few:
        client.get("/events/")
    for day in range(2, 15):
        other = make_venue(app)
        make_event(
            unit,
            venue_id=other.id,
            starts_at=soon(day),
            ends_at=soon(day, 9),
            rrule="FREQ=WEEKLY;COUNT=2",
        )
    with count_queries(app) as many:
        html = client.get("/events/").get_data(as_text=True)
    assert html.count('class="occurrence') >= 20
    assert many() == few()


def test_home_page_lists_upcoming_events(client, unit, make_event):
    make_event(unit, title="Frukost på torget")
    html = client.get("/").get_data(as_text=True)
    assert "Kommande evenemang" in html and "Frukost på torget" in html
    assert 'href="/events/"' in html and 'href="/calendar/"' in html
