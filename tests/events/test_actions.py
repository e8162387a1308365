"""Publishing, copying, cancelling, moving and restoring dates, ending a series."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.events.models import Event, EventStatus, Occurrence, OccurrenceChange
from app.extensions import db
from tests.conftest import post
from tests.events.conftest import errors

MONDAY = datetime(2030, 6, 3, 6, 0, tzinfo=UTC)  # 8.00 in Stockholm


@pytest.fixture
def series(make_event, unit, venue):
    return make_event(
        unit, title="Sommar på torget", starts_at=MONDAY, ends_at=MONDAY + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=4", venue_id=venue.id,
    )  # fmt: skip


def _page(event) -> str:
    return f"/manage/events/{event.id}"


def _dates(app, event) -> list[Occurrence]:
    with app.app_context():
        rows = db.session.scalars(
            select(Occurrence)
            .where(Occurrence.event_id == event.id)
            .order_by(Occurrence.original_start)
        ).all()
        db.session.expunge_all()
        return rows


def _actions(app, event) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.object_type == "Event", AuditEntry.object_id == str(event.id)).order_by(AuditEntry.id)
        ))  # fmt: skip


def test_move_one_date(app, client, login, organiser, series, make_venue):
    square = make_venue("liljeholmstorget", "Liljeholmstorget")
    login(organiser)
    second = (MONDAY + timedelta(days=7)).isoformat()
    url = f"{_page(series)}/move-date?date={quote(second)}"
    form = client.get(url).get_data(as_text=True)
    assert "selected" in form.split(second)[0][-20:] + form.split(second)[1][:20]
    data = {"date": second, "new_date": "2030-06-11", "start_time": "10:00", "end_time": "12:00",
            "venue": str(square.id), "reason": "Regnet flyttar oss till tisdag."}  # fmt: skip
    response = post(client, f"{_page(series)}/move-date", data, token_from=url)
    assert response.status_code == 302, errors(response)
    assert response.headers["Location"] == _page(series)
    moved = _dates(app, series)[1]
    assert moved.is_moved and moved.starts_at == datetime(2030, 6, 11, 8, 0, tzinfo=UTC)
    assert moved.venue_id == square.id and moved.reason == "Regnet flyttar oss till tisdag."
    with app.app_context():
        event = db.session.get(Event, series.id)
        assert event.sequence == series.sequence + 1 and event.updated_at > series.updated_at
    assert _actions(app, series)[-1] == "event.move_date"
    page = client.get(_page(series)).get_data(as_text=True)
    assert "Flyttat" in page and "tisdag 11 juni 2030, kl. 10.00–12.00" in page
    assert "SEQUENCE" not in page and f"ändrat {series.sequence + 1} gång" in page


def test_a_date_outside_the_series_is_refused(app, client, login, organiser, series):
    login(organiser)
    url = f"{_page(series)}/cancel-date"
    outside = (MONDAY + timedelta(days=1)).isoformat()
    response = post(client, url, {"date": outside, "reason": "Regn"}, token_from=url)
    assert response.status_code == 200
    assert ("date", "Datumet ingår inte i serien.") in errors(response)
    assert 'value="Regn"' in response.get_data(
        as_text=True
    ) or "Regn</textarea>" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(OccurrenceChange)).all() == []


def test_cancel_and_restore_a_date(app, client, login, organiser, series):
    login(organiser)
    third = (MONDAY + timedelta(days=14)).isoformat()
    url = f"{_page(series)}/cancel-date"
    response = post(
        client, url, {"date": third, "reason": "Inställt på grund av regn"}, token_from=url
    )
    assert response.status_code == 302, errors(response)
    row = _dates(app, series)[2]
    assert row.is_cancelled and row.reason == "Inställt på grund av regn"
    page = client.get(_page(series)).get_data(as_text=True)
    assert "Inställt på grund av regn" in page
    response = post(
        client, f"{_page(series)}/restore-date", {"date": third}, token_from=_page(series)
    )
    assert response.status_code == 302
    assert not _dates(app, series)[2].is_cancelled
    assert _actions(app, series)[-2:] == ["event.cancel_date", "event.restore_date"]
    with app.app_context():
        assert db.session.get(Event, series.id).sequence == series.sequence + 2


def test_cancel_date_needs_a_reason(app, client, login, organiser, series):
    login(organiser)
    url = f"{_page(series)}/cancel-date"
    response = post(client, url, {"date": MONDAY.isoformat(), "reason": ""}, token_from=url)
    assert ("reason", "Fyll i fältet.") in errors(response)
    assert not any(o.is_cancelled for o in _dates(app, series))


def test_end_series_early(app, client, login, organiser, series):
    login(organiser)
    url = f"{_page(series)}/end-series"
    response = post(client, url, {"last_day": "2030-06-10"}, token_from=url)
    assert response.status_code == 302, errors(response)
    assert len(_dates(app, series)) == 2
    with app.app_context():
        assert db.session.get(Event, series.id).rrule == "FREQ=WEEKLY;UNTIL=20300610"
    response = post(client, url, {"last_day": "2030-01-01"}, token_from=url)
    assert ("last_day", "Sista dagen kan inte ligga före seriens första datum.") in errors(response)


def test_publish_duplicate_and_cancel(app, client, login, organiser, unit, make_event):
    draft = make_event(unit, status=EventStatus.DRAFT, title="Frukost om tillstånd")
    login(organiser)
    response = post(client, f"{_page(draft)}/publish", token_from=_page(draft))
    assert response.status_code == 302
    with app.app_context():
        event = db.session.get(Event, draft.id)
        assert event.status == EventStatus.PUBLISHED and event.published_at is not None
        assert event.sequence == 0
    response = post(client, f"{_page(draft)}/duplicate", token_from=_page(draft))
    with app.app_context():
        copy = db.session.scalars(select(Event).where(Event.id != draft.id)).one()
        assert copy.status == EventStatus.DRAFT and copy.uid != draft.uid
        assert copy.title == "Frukost om tillstånd (kopia)" and len(copy.occurrences) == 1
    assert response.headers["Location"] == f"/manage/events/{copy.id}"
    url = f"{_page(draft)}/cancel"
    response = post(client, url, {"reason": "x" * 10_000}, token_from=url)
    assert ("reason", "Högst 1000 tecken.") in errors(response)
    response = post(client, url, {"reason": "Talaren är sjuk."}, token_from=url)
    assert response.status_code == 302
    with app.app_context():
        event = db.session.get(Event, draft.id)
        assert event.status == EventStatus.CANCELLED and event.cancel_reason == "Talaren är sjuk."
        assert event.sequence == 1
    assert _actions(app, draft) == ["event.publish", "event.cancel"]


def test_publishing_twice_is_refused(app, client, login, organiser, unit, make_event):
    event = make_event(unit)
    login(organiser)
    response = post(
        client, f"{_page(event)}/publish", token_from=_page(event), follow_redirects=True
    )
    assert "Bara ett utkast kan publiceras." in response.get_data(as_text=True)


POSTS = ["publish", "duplicate", "cancel", "restore-date", "move-date", "cancel-date",
         "end-series", "outcome"]  # fmt: skip


@pytest.mark.parametrize("action", POSTS)
@pytest.mark.parametrize(("role", "status"), [
    (None, 302), ("officer", 403), ("juror", 403), ("other_unit", 404),
])  # fmt: skip
def test_actions_refused_to_everyone_else(
    app, client, login, make_user, unit, other_unit, series, action, role, status
):
    if role == "other_unit":
        login(make_user("organiser", other_unit))
    elif role:
        login(make_user(role, unit))
    before = _dates(app, series)
    token = client.get("/").get_data(as_text=True)
    from tests.conftest import csrf_token

    response = client.post(
        f"{_page(series)}/{action}",
        data={"csrf_token": csrf_token(client), "date": MONDAY.isoformat(), "reason": "x",
              "last_day": "2030-06-03"},
    )  # fmt: skip
    assert token is not None
    assert response.status_code == status
    if status == 302:
        assert response.headers["Location"].startswith("/login")
    assert [(o.starts_at, o.is_cancelled) for o in _dates(app, series)] == [
        (o.starts_at, o.is_cancelled) for o in before
    ]
    with app.app_context():
        assert db.session.get(Event, series.id).sequence == series.sequence
        assert db.session.scalars(select(Event)).all().__len__() == 1


@pytest.mark.parametrize("event_id", [999999, 2**70])
def test_unknown_event_is_404(client, login, organiser, event_id):
    login(organiser)
    assert client.get(f"/manage/events/{event_id}").status_code == 404


def test_bad_date_values_never_crash(client, login, organiser, series):
    login(organiser)
    for value in ["x", "2030-13-45T00:00", "2030-06-03T06:00:00", "9" * 5000]:
        for action in ("move-date", "cancel-date", "outcome"):
            response = client.get(f"{_page(series)}/{action}?date={quote(value)}")
            assert response.status_code == 200
            url = f"{_page(series)}/{action}"
            response = post(client, url, {"date": value, "reason": "x"}, token_from=url)
            assert response.status_code == 200
            assert ("date", "Datumet ingår inte i serien.") in errors(response)


def test_a_cancelled_event_is_not_changed(app, client, login, organiser, unit, make_event):
    event = make_event(unit, status=EventStatus.CANCELLED, cancel_reason="Sjuk talare",
                       rrule="FREQ=WEEKLY;COUNT=2")  # fmt: skip
    login(organiser)
    page = client.get(_page(event)).get_data(as_text=True)
    assert "Sjuk talare" in page and "Ställ in evenemanget" not in page
    url = f"{_page(event)}/cancel-date"
    response = post(
        client, url, {"date": event.starts_at.isoformat(), "reason": "Regn"}, token_from=url
    )
    assert "Evenemanget är inställt och kan inte ändras." in response.get_data(as_text=True)
    from tests.events.conftest import form_data

    response = post(client, _page(event), form_data(title="Nytt"), token_from=_page(event))
    assert "Evenemanget är inställt och kan inte ändras." in response.get_data(as_text=True)
    with app.app_context():
        saved = db.session.get(Event, event.id)
        assert saved.title == event.title and saved.sequence == event.sequence
        assert db.session.scalars(select(OccurrenceChange)).all() == []


def test_date_lists_show_stockholm_time_and_the_move_form_starts_from_the_date(
    client, login, organiser, series
):
    login(organiser)
    second = (MONDAY + timedelta(days=7)).isoformat()
    for action in ("move-date", "cancel-date", "outcome"):
        page = client.get(f"{_page(series)}/{action}?date={quote(second)}").get_data(as_text=True)
        assert "+00:00</option>" not in page and ">2030-06-10 06:00" not in page, action
        assert "måndag 10 juni 2030, kl. 8.00–11.00</option>" in page, action
    form = client.get(f"{_page(series)}/move-date?date={quote(second)}").get_data(as_text=True)
    assert 'value="2030-06-10"' in form
    assert 'value="08:00"' in form or 'value="08.00"' in form
    assert 'value="11:00"' in form or 'value="11.00"' in form


def test_a_date_is_not_moved_onto_another_date_of_the_same_series(
    app, client, login, organiser, series
):
    login(organiser)
    first, second = MONDAY.isoformat(), (MONDAY + timedelta(days=7)).isoformat()
    url = f"{_page(series)}/move-date?date={quote(first)}"
    data = {"date": first, "new_date": "2030-06-10", "start_time": "09:00", "end_time": "10:00",
            "venue": "0", "reason": "Krockar med nästa vecka"}  # fmt: skip
    response = post(client, f"{_page(series)}/move-date", data, token_from=url)
    assert response.status_code == 200
    (message,) = [m for field, m in errors(response) if field == "new_date"]
    assert "redan ett datum" in message and "måndag 10 juni 2030" in message
    assert "Krockar med nästa vecka" in response.get_data(as_text=True)
    dates = _dates(app, series)
    assert not dates[0].is_moved and dates[0].starts_at == MONDAY
    # Onto a cancelled date is fine: that time is free.
    post(client, f"{_page(series)}/cancel-date", {"date": second, "reason": "Regn"},
         token_from=f"{_page(series)}/cancel-date")  # fmt: skip
    response = post(client, f"{_page(series)}/move-date", data, token_from=url)
    assert response.status_code == 302, errors(response)
