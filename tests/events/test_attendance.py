"""The seam to whoever takes part in events: events announce each change and ask what is
held, through the attendance wired on the app, never by importing registrations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest

from app.core import wiring
from app.events.attendance import Change, NoAttendance
from app.events.models import Event
from app.extensions import db
from tests.conftest import post
from tests.events.conftest import errors, form_data

MONDAY = datetime(2030, 6, 3, 6, 0, tzinfo=UTC)  # 8.00 in Stockholm
SECOND = MONDAY + timedelta(days=7)


class Recorder(NoAttendance):
    """An attendance that holds what a test says and keeps every change it is told."""

    def __init__(self, held=(), confirmed=0):
        self.held, self.confirmed, self.changes = set(held), confirmed, []

    def held_dates(self, event_id):
        return self.held

    def most_confirmed(self, event_id):
        return self.confirmed

    def after_change(self, actor, change):
        self.changes.append((actor.email, change.kind, change.starts, change.capacity_raised))
        return []


@pytest.fixture
def series(make_event, unit, venue):
    return make_event(
        unit, title="Sommar på torget", starts_at=MONDAY, ends_at=MONDAY + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=4", venue_id=venue.id, capacity=10,
    )  # fmt: skip


@pytest.fixture
def recorder(app, monkeypatch):
    recorder = Recorder()
    monkeypatch.setattr(wiring.of(app), "attendance", recorder)  # the app outlives the test
    return recorder


def _edit(**overrides) -> dict:
    values = {
        "title": "Sommar på torget",
        "start_date": "2030-06-03",
        "start_time": "08:00",
        "end_time": "11:00",
        "repeat": "weekly",
        "repeat_count": "4",
        "capacity": "10",
    }
    return form_data(**(values | overrides))  # fmt: skip


def test_each_change_is_announced_with_its_dates(app, client, login, organiser, series, recorder):
    login(organiser)
    page = f"/manage/events/{series.id}"
    second = SECOND.isoformat()
    move = {"date": second, "new_date": "2030-06-11", "start_time": "10:00",
            "end_time": "12:00", "venue": "0", "reason": "Regn"}  # fmt: skip
    url = f"{page}/move-date?date={quote(second)}"
    assert post(client, f"{page}/move-date", move, token_from=url).status_code == 302
    assert (
        post(client, f"{page}/restore-date", {"date": second}, token_from=page).status_code == 302
    )
    url = f"{page}/cancel-date?date={quote(second)}"
    cancel = {"date": second, "reason": "Storm"}
    assert post(client, f"{page}/cancel-date", cancel, token_from=url).status_code == 302
    response = post(client, page, _edit(capacity="20"), token_from=page)
    assert response.status_code == 302, errors(response)
    cancel = {"reason": "Inga deltagare"}
    assert post(client, f"{page}/cancel", cancel, token_from=f"{page}/cancel").status_code == 302
    assert recorder.changes == [
        ("olle@example.org", Change.DATE_MOVED, (SECOND,), False),
        ("olle@example.org", Change.DATE_RESTORED, (SECOND,), False),
        ("olle@example.org", Change.DATE_CANCELLED, (SECOND,), False),
        ("olle@example.org", Change.EVENT_CHANGED, None, True),
        ("olle@example.org", Change.EVENT_CANCELLED, None, False),
    ]


def test_dates_the_attendance_holds_cannot_be_dropped(
    app, client, login, organiser, series, recorder
):
    recorder.held = {MONDAY + timedelta(days=21)}
    login(organiser)
    page = f"/manage/events/{series.id}"
    response = post(client, page, _edit(repeat_count="3"), token_from=page)
    assert response.status_code == 200
    assert "skulle ta bort 1 datum" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, series.id).rrule.endswith("COUNT=4")
    assert recorder.changes == []


def test_places_cannot_fall_below_the_most_confirmed(
    app, client, login, organiser, series, recorder
):
    recorder.confirmed = 7
    login(organiser)
    page = f"/manage/events/{series.id}"
    response = post(client, page, _edit(capacity="6"), token_from=page)
    assert response.status_code == 200
    assert "de 7 bekräftade" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Event, series.id).capacity == 10


def test_events_work_with_nobody_attending(app, client, login, organiser, series, monkeypatch):
    monkeypatch.setattr(wiring.of(app), "attendance", None)
    login(organiser)
    page = f"/manage/events/{series.id}"
    response = post(client, page, _edit(repeat_count="2"), token_from=page)
    assert response.status_code == 302, errors(response)
    assert client.get("/manage/events/").status_code == 200
    with app.app_context():
        assert db.session.get(Event, series.id).rrule.endswith("COUNT=2")
