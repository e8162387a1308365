"""Registrants hear about a cancelled event, a cancelled date or a moved date, and why."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import quote

import pytest
from icalendar import Calendar
from sqlalchemy import select

from app.core.swedish import STOCKHOLM
from app.directory.models import Venue
from app.events.models import Event, EventStatus
from app.extensions import db
from app.registrations.models import Registration, RegistrationStatus
from tests.conftest import post, saved
from tests.registrations.world import in_days, registrations

CONFIRMED, WAITING, CANCELLED = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITING,
    RegistrationStatus.CANCELLED,
)
TITLE = "Sommar på torget"
REASON = "Kraftigt regn och åskvarning från SMHI."


@pytest.fixture
def organiser(make_user, unit, login):
    user = make_user("organiser", unit, email="olle@example.org")
    login(user)
    return user


@pytest.fixture
def square(app):
    with app.app_context():
        venue = Venue(name="Älvsjö torg", slug="alvsjo-torg", address="Älvsjö torg 1")
        db.session.add(venue)
        return saved(venue)


@pytest.fixture
def series(app, make_event, unit, square):
    """Three weekly dates from three days ahead with people on the first two, and a
    registrant of another event who must hear nothing."""
    start = in_days(3, hour=17)
    event = make_event(
        unit, title=TITLE, starts_at=start, ends_at=start + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=3", venue_id=square.id, registration_enabled=True, capacity=1,
    )  # fmt: skip
    other = make_event(unit, title="Frukostmöte", registration_enabled=True)
    people = [
        (event, 0, "Ada", CONFIRMED), (event, 0, "Bertil", WAITING),
        (event, 0, "Cecilia", CANCELLED), (event, 1, "David", CONFIRMED),
        (other, 0, "Erik", CONFIRMED),
    ]  # fmt: skip
    with app.app_context():
        for owner, week, name, status in people:
            db.session.add(Registration(
                event_id=owner.id, occurrence_start=owner.starts_at + timedelta(weeks=week),
                name=name, email=f"{name.lower()}@example.org", status=status,
                cancel_token_hash=f"{name:0>64}"[-64:],
            ))  # fmt: skip
        db.session.commit()
    return event


def _manage(event) -> str:
    return f"/manage/events/{event.id}"


def _week(event, n: int) -> str:
    return (event.starts_at + timedelta(weeks=n)).isoformat()


def _statuses(app, event) -> dict[str, RegistrationStatus]:
    return {r.name: r.status for r in registrations(app, event.id)}


BEFORE = {"Ada": CONFIRMED, "Bertil": WAITING, "Cecilia": CANCELLED, "David": CONFIRMED}


def _body(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_cancelling_the_event_mails_everyone_confirmed_or_waiting(
    app, client, organiser, series, outbox
):
    url = f"{_manage(series)}/cancel"
    response = post(client, url, {"reason": REASON}, token_from=url)
    assert response.status_code == 302
    assert response.headers["Location"] == _manage(series)
    mails = {m["To"]: m for m in outbox()}
    assert set(mails) == {"ada@example.org", "bertil@example.org", "david@example.org"}
    ada = mails["ada@example.org"]
    assert ada["Subject"] == f"Inställt: {TITLE}"
    body = _body(ada)
    assert "Hej Ada!" in body and f"Evenemanget {TITLE} är inställt." in body
    assert f"Skäl: {REASON}" in body and "kl. 17.00–20.00" in body
    assert list(ada.iter_attachments()) == []  # no calendar entry that says it still happens
    assert "kl. 17.00–20.00" in _body(mails["david@example.org"])
    assert _statuses(app, series) == BEFORE  # the rows stay as they were
    with app.app_context():
        assert db.session.get(Event, series.id).status == EventStatus.CANCELLED


def test_cancelling_one_date_mails_only_that_dates_registrants(
    app, client, organiser, series, outbox
):
    url = f"{_manage(series)}/cancel-date"
    response = post(client, url, {"date": _week(series, 1), "reason": REASON}, token_from=url)
    assert response.status_code == 302
    assert response.headers["Location"] == _manage(series)
    [mail] = outbox()
    assert mail["To"] == "david@example.org" and mail["Subject"] == f"Inställt: {TITLE}"
    body = _body(mail)
    assert f"Ett datum för {TITLE} är inställt" in body and f"Skäl: {REASON}" in body
    assert _statuses(app, series) == BEFORE


def test_a_date_already_cancelled_is_not_announced_again(app, client, organiser, series, outbox):
    url = f"{_manage(series)}/cancel-date"
    post(client, url, {"date": _week(series, 1), "reason": "Regn"}, token_from=url)
    url = f"{_manage(series)}/cancel"
    assert post(client, url, {"reason": REASON}, token_from=url).status_code == 302
    mails = [m["To"] for m in outbox()]
    assert mails[0] == "david@example.org"
    assert sorted(mails[1:]) == ["ada@example.org", "bertil@example.org"]


def test_moving_a_date_mails_the_new_time_and_place(app, client, organiser, series, square, outbox):
    with app.app_context():
        hall = Venue(
            name="Liljeholmstorgets galleria", slug="galleria", address="Liljeholmstorget 7"
        )
        db.session.add(hall)
        hall = saved(hall)
    first = series.starts_at
    new_day = (first + timedelta(days=1)).astimezone(UTC).date().isoformat()
    url = f"{_manage(series)}/move-date?date={quote(first.isoformat())}"
    data = {"date": first.isoformat(), "new_date": new_day, "start_time": "10:00",
            "end_time": "12:00", "venue": str(hall.id), "reason": REASON}  # fmt: skip
    response = post(client, f"{_manage(series)}/move-date", data, token_from=url)
    assert response.status_code == 302
    mails = {m["To"]: m for m in outbox()}
    assert set(mails) == {"ada@example.org", "bertil@example.org"}
    ada = mails["ada@example.org"]
    assert ada["Subject"] == f"Ändrad tid eller plats: {TITLE}"
    body = _body(ada)
    assert "Ursprungligen:" in body and "kl. 17.00–20.00, Älvsjö torg" in body
    assert "Nu:" in body and "kl. 10.00–12.00, Liljeholmstorgets galleria" in body
    assert f"\n\nSkäl: {REASON}\n\nDin plats gäller den nya tiden." in body
    [attachment] = list(ada.iter_attachments())
    vevent = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == series.sequence + 1
    assert vevent.decoded("RECURRENCE-ID") == first.astimezone(UTC)
    moved_to = datetime.combine(date.fromisoformat(new_day), time(10), STOCKHOLM)
    assert vevent.decoded("DTSTART") == moved_to.astimezone(UTC)
    bertil = mails["bertil@example.org"]
    assert "Du står kvar på väntelistan" in _body(bertil)
    assert list(bertil.iter_attachments()) == []
    assert _statuses(app, series) == BEFORE


@pytest.mark.parametrize("action", ["cancel", "cancel-date", "move-date"])
def test_an_invalid_form_changes_nothing_and_mails_nobody(
    app, client, organiser, series, outbox, action
):
    url = f"{_manage(series)}/{action}"
    response = post(client, url, {"date": _week(series, 0), "reason": ""}, token_from=url)
    assert response.status_code == 200
    assert outbox() == []
    with app.app_context():
        event = db.session.get(Event, series.id)
        assert event.status == EventStatus.PUBLISHED and event.changes == []


def test_mail_goes_out_after_commit_and_a_failure_keeps_the_change(
    app, client, organiser, series, outbox, monkeypatch
):
    from app.mailing import sending
    from app.mailing.models import OutgoingMail

    seen = []

    def failing(to, subject, body, attachments=(), message_id=None):
        with db.engine.connect() as other:  # another connection sees only committed rows
            seen.append(other.scalar(select(Event.status).where(Event.id == series.id)))
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(sending, "send_mail", failing)
    url = f"{_manage(series)}/cancel"
    response = post(client, url, {"reason": REASON}, token_from=url)
    assert response.status_code == 302
    assert seen == [EventStatus.CANCELLED] * 3
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Alla mejl till de anmälda kunde inte skickas just nu" in page
    with app.app_context():
        assert db.session.get(Event, series.id).status == EventStatus.CANCELLED
        queued = db.session.scalars(select(OutgoingMail)).all()  # kept for the retry
        assert len(queued) == 3 and all(m.sent_at is None and m.attempts == 1 for m in queued)


def test_nobody_registered_nobody_mailed(app, client, organiser, make_event, unit, outbox):
    event = make_event(unit, title=TITLE, registration_enabled=True)
    url = f"{_manage(event)}/cancel"
    assert post(client, url, {"reason": REASON}, token_from=url).status_code == 302
    assert outbox() == []


def test_restoring_a_cancelled_date_tells_its_registrants_it_is_on_again(
    app, client, organiser, series, outbox
):
    url = f"{_manage(series)}/cancel-date"
    post(client, url, {"date": _week(series, 1), "reason": REASON}, token_from=url)
    response = post(
        client,
        f"{_manage(series)}/restore-date",
        {"date": _week(series, 1)},
        token_from=_manage(series),
    )
    assert response.status_code == 302
    cancelled, restored = outbox()
    assert cancelled["Subject"] == f"Inställt: {TITLE}"
    assert restored["To"] == "david@example.org"
    assert restored["Subject"] == f"Ändrad tid eller plats: {TITLE}"
    body = _body(restored)
    assert "blir av som det först var planerat" in body
    assert "kl. 17.00–20.00, Älvsjö torg, Älvsjö torg 1" in body and "Skäl:" not in body
    assert [a.get_filename() for a in restored.iter_attachments()] == ["evenemang.ics"]
    assert _statuses(app, series) == BEFORE


def test_cancelling_a_place_on_a_cancelled_date_promotes_nobody(
    app, client, organiser, series, outbox
):
    url = f"{_manage(series)}/cancel-date"
    post(client, url, {"date": _week(series, 0), "reason": REASON}, token_from=url)
    with app.app_context():
        ada = db.session.scalar(select(Registration).where(Registration.name == "Ada"))
    manage = f"/manage/events/{series.id}/registrations"
    response = post(client, f"{manage}/{ada.id}/cancel", {}, token_from=manage)
    assert response.status_code == 302
    assert _statuses(app, series)["Ada"] == CANCELLED
    assert _statuses(app, series)["Bertil"] == WAITING
    assert "Du har fått en plats" not in {m["Subject"].split(":")[0] for m in outbox()}


def _edit_whole_event(client, event, venue_id: int, end_time: str = "20:00"):
    from tests.events.conftest import form_data

    url = _manage(event)
    data = form_data(
        title=TITLE, start_date=event.starts_at.date().isoformat(), start_time="17:00",
        end_time=end_time, repeat="weekly", repeat_count="3", registration_enabled="y",
        capacity="1", venue=str(venue_id),
    )  # fmt: skip
    return post(client, url, data, token_from=url)


def test_a_new_place_for_the_whole_series_is_mailed_to_its_registrants(
    app, client, organiser, series, square, outbox
):
    with app.app_context():
        hall = Venue(name="Älvsjö bibliotek", slug="bibliotek", address="Älvsjö torg 3")
        db.session.add(hall)
        hall = saved(hall)
    response = _edit_whole_event(client, series, hall.id, end_time="19:30")
    assert response.status_code == 302
    mails = {m["To"]: m for m in outbox()}
    # Ada and Bertil (first date) and David (second date); not Cecilia, who cancelled,
    # and not Erik, who is registered for another event.
    assert set(mails) == {"ada@example.org", "bertil@example.org", "david@example.org"}
    ada = mails["ada@example.org"]
    assert ada["Subject"] == f"Ändrad tid eller plats: {TITLE}"
    body = _body(ada)
    assert "Ursprungligen:" in body and "kl. 17.00–20.00, Älvsjö torg" in body
    assert "Nu:" in body and "kl. 17.00–19.30, Älvsjö bibliotek, Älvsjö torg 3" in body
    [attachment] = list(ada.iter_attachments())
    assert attachment.get_content_charset() == "utf-8"  # not read as US-ASCII
    vevent = Calendar.from_ical(attachment.get_content()).walk("VEVENT")[0]
    assert "Älvsjö bibliotek" in str(vevent["LOCATION"])
    assert list(mails["bertil@example.org"].iter_attachments()) == []
    assert _statuses(app, series) == BEFORE


def test_an_edit_that_leaves_time_and_place_mails_nobody(
    app, client, organiser, series, square, outbox
):
    response = _edit_whole_event(client, series, square.id)
    assert response.status_code == 302
    assert outbox() == []
