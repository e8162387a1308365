"""Clash and holiday warnings: the pure rules, and what the organiser sees."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.events.warnings import (
    Slot,
    find_clashes,
    find_holidays,
    holiday_name,
    local_days,
    overlaps,
)
from tests.conftest import post
from tests.events.conftest import errors, form_data


def at(day: int, hour: int, month: int = 6) -> datetime:
    return datetime(2030, month, day, hour, 0, tzinfo=UTC)


@pytest.mark.nodb
class TestPure:
    def test_overlaps_is_half_open(self):
        assert overlaps(at(3, 8), at(3, 10), at(3, 9), at(3, 11))
        assert not overlaps(at(3, 8), at(3, 10), at(3, 10), at(3, 11))

    def test_clashes_need_the_same_venue_and_another_event(self):
        mine = [Slot(at(3, 8), at(3, 10), 1, 1), Slot(at(10, 8), at(10, 10), 1, 1)]
        others = [
            Slot(at(3, 9), at(3, 12), 1, 2, "Loppis"),
            Slot(at(3, 9), at(3, 12), 2, 3, "Annan plats"),
            Slot(at(10, 9), at(10, 12), 1, 1, "Samma evenemang"),
            Slot(at(10, 10), at(10, 12), 1, 4, "Direkt efter"),
        ]
        clashes = find_clashes(mine, others)
        assert [(c.mine.starts_at, c.other.title) for c in clashes] == [(at(3, 8), "Loppis")]

    def test_no_venue_no_clash(self):
        assert (
            find_clashes([Slot(at(3, 8), at(3, 10), None, 1)], [Slot(at(3, 8), at(3, 10), None, 2)])
            == []
        )

    @pytest.mark.parametrize(("day", "name"), [
        (date(2022, 6, 24), "Midsommarafton"),
        (date(2022, 12, 24), "Julafton"),
        (date(2022, 12, 31), "Nyårsafton"),
        (date(2022, 6, 6), "Nationaldagen"),
        (date(2030, 4, 19), "Långfredagen"),
    ])  # fmt: skip
    def test_swedish_holidays(self, day, name):
        assert holiday_name(day) == name

    def test_ordinary_days_and_sundays_are_not_holidays(self):
        assert holiday_name(date(2022, 12, 9)) is None
        assert holiday_name(date(2022, 12, 11)) is None  # a Sunday

    def test_holidays_found_once_per_day_in_local_time(self):
        # 23.30 UTC on 23 June is 01.30 on midsummer eve in Stockholm.
        late = datetime(2022, 6, 23, 23, 30, tzinfo=UTC)
        slots = [Slot(late, late + timedelta(hours=1), 1), Slot(late, late + timedelta(hours=2), 1)]
        assert [(h.day, h.name) for h in find_holidays(slots)] == [
            (date(2022, 6, 24), "Midsommarafton")
        ]

    def test_local_days_of_an_all_day_span(self):
        start = datetime(2022, 12, 23, 23, 0, tzinfo=UTC)
        assert local_days(start, start + timedelta(days=2)) == [
            date(2022, 12, 24),
            date(2022, 12, 25),
        ]


def test_page_warns_about_clash_with_another_series_and_a_holiday(
    client, login, organiser, unit, venue, make_event
):
    start = datetime(2030, 6, 17, 7, 0, tzinfo=UTC)  # a Monday, 9.00 local
    make_event(unit, title="Loppis på torget", venue_id=venue.id, starts_at=start,
               ends_at=start + timedelta(hours=4), rrule="FREQ=WEEKLY;COUNT=3")  # fmt: skip
    login(organiser)
    # Our series on Mondays 10.00–11.00 from 3 June: meets the flea market on the 17th and 24th,
    # and 6 June is not ours but midsummer eve 2030 (21 June) is a Friday: not ours either.
    data = form_data(start_date="2030-06-03", start_time="10:00", end_time="11:00",
                     venue=str(venue.id), repeat="weekly", repeat_count="4")  # fmt: skip
    response = post(client, "/manage/events/new", data, token_from="/manage/events/new")
    assert response.status_code == 302, errors(response)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Obs! 2 datum krockar med andra evenemang på samma plats." in page
    assert page.count("samma plats som Loppis på torget") == 2
    assert "Helgdag:" not in page
    # Moving a date onto midsummer eve warns about the holiday.
    event_url = response.headers["Location"]
    from urllib.parse import quote

    first = datetime(2030, 6, 3, 8, 0, tzinfo=UTC).isoformat()
    data = {"date": first, "new_date": "2030-06-21", "start_time": "10:00", "end_time": "11:00",
            "venue": "0", "reason": "Vi firar"}  # fmt: skip
    url = f"{event_url}/move-date"
    response = post(client, url, data, token_from=f"{url}?date={quote(first)}")
    assert response.status_code == 302, errors(response)
    page = client.get(event_url).get_data(as_text=True)
    assert "Obs! 1 datum infaller på en helgdag." in page
    assert "Helgdag: fredag 21 juni 2030 – Midsommarafton" in page


def test_cancelled_dates_do_not_clash(client, login, organiser, unit, venue, make_event):
    start = datetime(2030, 6, 17, 7, 0, tzinfo=UTC)
    make_event(unit, title="Inställd loppis", venue_id=venue.id, starts_at=start,
               ends_at=start + timedelta(hours=4),
               changes=[{"original_start": start, "is_cancelled": True, "reason": "Regn"}])  # fmt: skip
    mine = make_event(unit, venue_id=venue.id, starts_at=start, ends_at=start + timedelta(hours=1))
    login(organiser)
    page = client.get(f"/manage/events/{mine.id}").get_data(as_text=True)
    assert "Krock:" not in page
