"""The month, week and list calendars as pages."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from app.core.swedish import STOCKHOLM
from app.events.models import EventStatus
from tests.conftest import count_queries
from tests.public_events.world import local


def test_month_grid_is_an_accessible_table(client, unit, make_event):
    event = make_event(
        unit,
        title="Företagsdialog",
        starts_at=local(2022, 12, 9, 9, 0),
        ends_at=local(2022, 12, 9, 15, 30),
    )
    html = client.get("/calendar/2022/12").get_data(as_text=True)
    assert "<caption>" in html and "december 2022" in html
    headers = re.findall(r'<th scope="col">([^<]+)</th>', html)
    assert headers == [
        "Vecka",
        "måndag",
        "tisdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lördag",
        "söndag",
    ]
    weeks = re.findall(r'<th scope="row"><a href="/calendar/(\d+)/week/(\d+)">([^<]+)</a>', html)
    assert [w[2] for w in weeks] == ["v. 48", "v. 49", "v. 50", "v. 51", "v. 52"]
    assert f'href="/events/{event.id}">9.00 Företagsdialog</a>' in html
    assert 'href="/calendar/2022/11"' in html and 'href="/calendar/2023/1"' in html


def test_month_across_the_year_boundary_shows_week_53(client, unit, make_event):
    make_event(
        unit,
        title="Nyårsfrukost",
        starts_at=local(2027, 1, 1, 9, 0),
        ends_at=local(2027, 1, 1, 10, 0),
    )
    december = client.get("/calendar/2026/12").get_data(as_text=True)
    january = client.get("/calendar/2027/1").get_data(as_text=True)
    assert ">v. 53</a>" in december and ">v. 53</a>" in january
    assert "Nyårsfrukost" in december and "Nyårsfrukost" in january
    assert 'href="/calendar/2026/week/53"' in january


def test_today_is_marked_in_words_not_only_by_colour(client):
    html = client.get("/calendar/").get_data(as_text=True)
    today = datetime.now(STOCKHOLM).date()
    assert "day-today" in html and '<span class="today-label">idag</span>' in html
    assert f"{today.day} " in html


def test_drafts_and_cancelled_dates_in_the_month(client, unit, make_event):
    start = local(2025, 5, 6, 8, 0)
    make_event(
        unit,
        title="Utkastet",
        status=EventStatus.DRAFT,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
    )
    make_event(
        unit,
        title="Serien",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        rrule="FREQ=WEEKLY;COUNT=2",
        changes=[{"original_start": start + timedelta(days=7), "is_cancelled": True}],
    )
    html = client.get("/calendar/2025/5").get_data(as_text=True)
    assert "Utkastet" not in html
    assert html.count("Serien</a>") == 2
    assert html.count("Inställt") == 1


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/1899/1",
        "/calendar/2022/13",
        "/calendar/2022/0",
        "/calendar/9999/1",
        "/calendar/2022/99999999999999",
        "/calendar/2027/week/53",
        "/calendar/2026/week/0",
        "/calendar/2022/week/54",
    ],
)
def test_out_of_range_is_404(client, path):
    assert client.get(path).status_code == 404


def test_week_view_lists_each_day(client, unit, make_event):
    make_event(
        unit,
        title="Nyårsfrukost",
        starts_at=local(2027, 1, 1, 9, 0),
        ends_at=local(2027, 1, 1, 10, 0),
    )
    html = client.get("/calendar/2026/week/53").get_data(as_text=True)
    assert "Vecka 53, 2026" in html
    assert "måndag 28 december 2026" in html and "söndag 3 januari 2027" in html
    assert "Nyårsfrukost" in html
    assert 'href="/calendar/2027/week/1"' in html and 'href="/calendar/2026/week/52"' in html


def test_list_view_groups_by_day(client, unit, make_event):
    soon = (datetime.now(STOCKHOLM) + timedelta(days=2)).replace(hour=8, minute=0)
    make_event(unit, title="Frukost snart", starts_at=soon, ends_at=soon + timedelta(hours=1))
    html = client.get("/calendar/list").get_data(as_text=True)
    assert "Frukost snart" in html
    assert f'id="day-{soon.date().isoformat()}"' in html
    old = client.get("/calendar/list?from=2022-06-01").get_data(as_text=True)
    assert "Frukost snart" not in old
    assert client.get("/calendar/list?from=rubbish").status_code == 200
    assert client.get("/calendar/list?from=9999-12-31").status_code == 200


def test_month_query_count_does_not_grow(app, client, unit, make_event):
    make_event(unit, starts_at=local(2024, 3, 4, 8, 0), ends_at=local(2024, 3, 4, 9, 0))
    client.get("/calendar/2024/3")
    with count_queries(app) as few:
        client.get("/calendar/2024/3")
    for day in range(5, 25):
        make_event(
            unit,
            starts_at=local(2024, 3, day, 8, 0),
            ends_at=local(2024, 3, day, 9, 0),
            rrule="FREQ=DAILY;COUNT=2",
        )
    with count_queries(app) as many:
        html = client.get("/calendar/2024/3").get_data(as_text=True)
    assert html.count('<li><a href="/events/') >= 40
    assert many() == few()


def test_an_all_day_event_over_several_days_shows_on_each(client, unit, make_event):
    make_event(
        unit,
        title="Torgdagar",
        all_day=True,
        starts_at=local(2025, 6, 6, 0, 0),
        ends_at=local(2025, 6, 9, 0, 0),
    )
    html = client.get("/calendar/2025/6").get_data(as_text=True)
    assert html.count("Torgdagar</a>") == 3  # 6, 7 and 8 June; the end is exclusive


def test_main_menu_has_events_and_calendar(client):
    html = client.get("/").get_data(as_text=True)
    nav = html.split('aria-label="Huvudmeny"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/events/">Evenemang</a>' in nav
    assert '<a href="/calendar/">Kalender</a>' in nav
    calendar = client.get("/calendar/").get_data(as_text=True)
    assert '<a href="/calendar/" aria-current="page">Kalender</a>' in calendar


def test_a_busy_day_links_to_all_its_dates_in_the_week(client, unit, make_event):
    titles = [f"Möte {n:02d}" for n in range(7)]
    for n, title in enumerate(titles):
        start = local(2025, 3, 12, 8 + n, 0)
        make_event(unit, title=title, starts_at=start, ends_at=start + timedelta(minutes=30))
    html = client.get("/calendar/2025/3").get_data(as_text=True)
    assert [t for t in titles if f"{t}</a>" in html] == titles[:4]  # the day's first four
    assert 'href="/calendar/2025/week/11#day-2025-03-12"' in html
    assert "Alla 7 evenemang" in html
    week = client.get("/calendar/2025/week/11").get_data(as_text=True)
    assert 'id="day-2025-03-12"' in week and all(t in week for t in titles)


def test_list_view_from_a_month_starts_at_that_month_and_moved_dates_are_marked(
    app, client, unit, make_event
):
    from sqlalchemy import select

    from app.events.models import Occurrence
    from app.extensions import db

    event = make_event(
        unit, title="Sommar på torget", starts_at=local(2027, 6, 17, 16, 0),
        ends_at=local(2027, 6, 17, 19, 0),
    )  # fmt: skip
    with app.app_context():
        occurrence = db.session.scalar(select(Occurrence).where(Occurrence.event_id == event.id))
        occurrence.is_moved = True
        db.session.commit()
    html = client.get("/calendar/2027/6").get_data(as_text=True)
    assert 'href="/calendar/list?from=2027-06-01"' in html
    day = html.split(f'href="/events/{event.id}">')[1].split("</li>")[0]
    assert "Ändrat" in day
    listing = client.get("/calendar/list?from=2027-06-01").get_data(as_text=True)
    assert "Sommar på torget" in listing and 'href="/calendar/2027/6"' in listing
    for page in (html, listing, client.get(f"/events/{event.id}").get_data(as_text=True)):
        assert 'href="/feeds/"' in page
