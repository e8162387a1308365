"""Registering on the public event page: the happy path, the waiting list, every bad input."""

from __future__ import annotations

import re
from datetime import UTC, timedelta

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.events.models import EventStatus
from app.extensions import db
from app.registrations.models import RegistrationStatus
from app.registrations.services import hash_token
from tests.conftest import post
from tests.registrations.world import in_days, open_event, register, registrations


def test_form_and_privacy_notice_are_on_the_page(client, unit, make_event):
    event = open_event(make_event, unit)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert f'action="/events/{event.id}/register' in html
    for text in (
        "Personuppgiftsansvarig är Hägersten-Älvsjö stadsdelsnämnd",
        "artikel 6.1 e",
        "Integritetsskyddsmyndigheten (IMY)",
        "allmän handling",
        "gallras",
        "2 platser kvar",
    ):
        assert text in html
    assert 'class="honeypot" aria-hidden="true"' in html


def test_happy_path_stores_mails_and_redirects(app, client, unit, make_event, outbox):
    event = open_event(make_event, unit)
    response = register(client, event)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/events/{event.id}"
    [row] = registrations(app)
    assert (row.name, row.email, row.organisation) == (
        "Anna Andersson",
        "anna@example.org",
        "Annas Bageri",
    )
    assert row.status == RegistrationStatus.CONFIRMED
    assert row.occurrence_start == event.starts_at
    assert len(row.cancel_token_hash) == 64
    [message] = outbox()
    assert message["To"] == "anna@example.org"
    assert "Anmälan bekräftad" in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    day = event.starts_at.astimezone(in_days(0).tzinfo)
    assert f"{day.day} " in body and "kl. 8.00–10.00" in body
    token = re.search(r"/registrations/cancel/(\S+)", body).group(1)
    assert hash_token(token) == row.cancel_token_hash
    assert token not in row.cancel_token_hash
    [ics] = [part for part in message.iter_attachments()]
    assert ics.get_content_type() == "text/calendar"
    payload = ics.get_payload(decode=True).decode()
    assert "BEGIN:VEVENT" in payload and f"UID:{event.uid}" in payload
    assert "Tack! Du är anmäld" in client.get(f"/events/{event.id}").get_data(as_text=True)
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "registration.create" in actions


def test_full_date_goes_to_waiting_list_and_page_says_so_before(
    app, client, unit, make_event, outbox
):
    event = open_event(make_event, unit, capacity=1)
    assert register(client, event, email="first@example.org").status_code == 302
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Fullbokat – nya anmälningar hamnar på väntelistan" in html
    assert "Om du anmäler dig hamnar du på väntelistan" in html
    assert register(client, event, email="second@example.org").status_code == 302
    rows = registrations(app)
    assert [r.status for r in rows] == [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    assert "väntelistan" in outbox()[-1]["Subject"]
    assert not list(outbox()[-1].iter_attachments())  # no calendar entry without a place


def test_series_date_choice_and_full_date_label(app, client, unit, make_event):
    event = open_event(make_event, unit, rrule="FREQ=WEEKLY;COUNT=3", capacity=1)
    second = event.starts_at + timedelta(days=7)
    assert register(client, event, date=second.isoformat()).status_code == 302
    [row] = registrations(app)
    assert row.occurrence_start == second
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert html.count("<option") == 3
    assert "fullbokat, du hamnar på väntelistan" in html


def _error(response) -> str:
    assert response.status_code == 422
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Fyll i ditt namn."),
        ({"email": ""}, "Fyll i din e-postadress."),
        ({"email": "inte-en-adress"}, "Skriv en giltig e-postadress"),
        ({"name": "x" * 10000}, "Namnet får vara högst 200 tecken."),
        ({"email": "a" * 10000 + "@example.org"}, "högst 254 tecken"),
        ({"organisation": "x" * 10000}, "Högst 200 tecken."),
        ({"name": "Anna\x01"}, "otillåtna tecken"),
        ({"date": "inte ett datum"}, "Datumet gick inte att tolka"),
        ({"date": "2099-01-01T08:00:00+00:00"}, "Datumet ingår inte i evenemanget"),
        ({"date": "9" * 10000}, "Datumet gick inte att tolka"),
        ({"date": "0001-01-01T00:00:00"}, "Datumet gick inte att tolka"),
        ({"date": "9999-12-31T23:59:59-05:00"}, "Datumet gick inte att tolka"),
        ({"date": "2026-02-30T08:00"}, "Datumet gick inte att tolka"),
    ],
)
def test_bad_input_keeps_what_was_typed_and_stores_nothing(
    app, client, unit, make_event, outbox, fields, message
):
    event = open_event(make_event, unit, rrule="FREQ=WEEKLY;COUNT=2")
    data = {"date": event.starts_at.isoformat(), **fields}
    html = _error(register(client, event, **data))
    assert message in html
    assert 'aria-invalid="true"' in html
    assert "Annas Bageri" in html or "organisation" in fields
    assert registrations(app) == []
    assert outbox() == []


def test_full_without_waiting_list_is_refused(app, client, unit, make_event):
    event = open_event(make_event, unit, capacity=1, waiting_list=False)
    assert register(client, event, email="first@example.org").status_code == 302
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Fullbokat" in html
    html = _error(
        register(client, event, email="second@example.org", date=event.starts_at.isoformat())
    )
    assert "Datumet är fullbokat och det finns ingen väntelista." in html
    assert "second@example.org" in html
    assert len(registrations(app)) == 1


def test_cancelled_and_past_dates_are_refused(app, client, unit, make_event):
    start = in_days(3)
    event = open_event(
        make_event,
        unit,
        starts_at=start,
        rrule="FREQ=WEEKLY;COUNT=3",
        changes=[{"original_start": start + timedelta(days=7), "is_cancelled": True}],
    )
    cancelled = (start + timedelta(days=7)).isoformat()
    assert "Det datumet är inställt" in _error(register(client, event, date=cancelled))
    past_event = open_event(make_event, unit, starts_at=in_days(-14), rrule="FREQ=WEEKLY;COUNT=4")
    past = past_event.starts_at.isoformat()
    assert "Det datumet har redan varit" in _error(register(client, past_event, date=past))
    assert registrations(app) == []


@pytest.mark.parametrize(
    "overrides",
    [
        {"registration_enabled": False},
        {"registration_closes_at": in_days(-1)},
        {"status": EventStatus.CANCELLED},
    ],
)
def test_closed_registration_is_refused(app, client, unit, make_event, overrides):
    event = open_event(make_event, unit, **overrides)
    response = register(client, event, date=event.starts_at.isoformat())
    html = _error(response)
    assert "Anmälan till evenemanget är stängd." in html or "Anmälan är stängd" in html
    assert registrations(app) == []


@pytest.mark.parametrize("status", [EventStatus.DRAFT])
def test_registering_for_a_draft_is_404(app, client, unit, make_event, status):
    event = open_event(make_event, unit, status=status)
    public = open_event(make_event, unit)
    from tests.conftest import post

    response = post(
        client,
        f"/events/{event.id}/register",
        {"name": "A", "email": "a@b.se"},
        token_from=f"/events/{public.id}",
    )
    assert response.status_code == 404
    response = post(
        client,
        "/events/999999/register",
        {"name": "A", "email": "a@b.se"},
        token_from=f"/events/{public.id}",
    )
    assert response.status_code == 404
    assert registrations(app) == []


def test_honeypot_stores_nothing(app, client, unit, make_event, outbox):
    event = open_event(make_event, unit)
    response = register(client, event, website="http://spam.example")
    assert response.status_code == 302
    assert registrations(app) == []
    assert outbox() == []


def test_without_csrf_nothing_is_stored(app, client, unit, make_event):
    event = open_event(make_event, unit)
    response = client.post(
        f"/events/{event.id}/register", data={"name": "A", "email": "a@example.org"}
    )
    assert response.status_code == 400
    assert registrations(app) == []


def test_rate_limited_per_ip(app, client, unit, make_event, monkeypatch):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "3 per minute")
    event = open_event(make_event, unit, capacity=None)
    codes = [register(client, event, email=f"p{i}@example.org").status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    assert len(registrations(app)) == 3


def test_mail_goes_out_after_commit_with_no_transaction_open(
    app, client, unit, make_event, monkeypatch
):
    from app.mailing import sending

    seen = []

    def fake_send(to, subject, body, attachments=(), message_id=None):
        seen.append((to, db.session().in_transaction(), len(registrations(app))))

    event = open_event(make_event, unit)
    monkeypatch.setattr(sending, "send_mail", fake_send)
    assert register(client, event).status_code == 302
    assert seen == [("anna@example.org", False, 1)]


def test_a_failing_mail_server_keeps_the_registration(app, client, unit, make_event, monkeypatch):
    from app.mailing import sending

    def broken(*args, **kwargs):
        raise OSError("connection refused")

    event = open_event(make_event, unit)
    monkeypatch.setattr(sending, "send_mail", broken)
    response = register(client, event)
    assert response.status_code == 302
    assert len(registrations(app)) == 1
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Anmälan är sparad och vi försöker skicka igen." in html


def test_full_one_off_without_waiting_list_says_so_instead_of_a_form(client, unit, make_event):
    event = open_event(make_event, unit, capacity=1, waiting_list=False)
    register(client, event)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Alla platser är bokade och det finns ingen väntelista." in html
    assert 'name="email"' not in html


def test_a_series_needs_a_date(app, client, unit, make_event):
    event = open_event(make_event, unit, rrule="FREQ=WEEKLY;COUNT=2")
    html = _error(register(client, event))
    assert "Välj ett datum." in html
    assert registrations(app) == []


def test_a_moved_date_is_offered_at_its_new_time_and_stored_by_its_original_start(
    app, client, unit, make_event
):
    start = in_days(3)
    moved_to = start + timedelta(days=8, hours=2)
    event = open_event(
        make_event,
        unit,
        starts_at=start,
        rrule="FREQ=WEEKLY;COUNT=2",
        changes=[
            {
                "original_start": start + timedelta(days=7),
                "starts_at": moved_to,
                "ends_at": moved_to + timedelta(hours=2),
            }
        ],
    )
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    original = (start + timedelta(days=7)).astimezone(start.tzinfo)
    utc = (start + timedelta(days=7)).astimezone(UTC).isoformat()
    assert f'<option value="{utc}">' in html  # the value is the original start, in UTC
    assert "kl. 10.00–12.00" in html
    assert register(client, event, date=original.isoformat()).status_code == 302
    [row] = registrations(app)
    assert row.occurrence_start == original


def test_page_tells_when_registration_closes(client, unit, make_event):
    closes = in_days(2, 16)
    event = open_event(make_event, unit, registration_closes_at=closes)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert re.search(rf"Anmälan stänger \w+dag {closes.day} \w+ {closes.year} kl\. 16\.00\.", html)


def test_the_same_address_twice_keeps_one_seat_and_resends_the_link(
    app, client, unit, make_event, outbox
):
    event = open_event(make_event, unit, capacity=2)
    assert register(client, event).status_code == 302
    [first] = registrations(app)
    response = register(client, event, email="Anna@Example.org", name="Anna A.")
    assert response.status_code == 302
    [row] = registrations(app)  # no second row, no second seat
    assert row.id == first.id and row.status == RegistrationStatus.CONFIRMED
    assert row.name == "Anna Andersson"
    assert row.cancel_token_hash != first.cancel_token_hash  # a fresh link was sent
    mails = outbox()
    assert len(mails) == 2 and mails[1]["To"] == "anna@example.org"
    token = re.search(r"/registrations/cancel/(\S+)", mails[1].get_body(("plain",)).get_content())
    assert hash_token(token.group(1)) == row.cancel_token_hash
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Du är redan anmäld till det datumet" in html
    assert "2 platser kvar" not in html and "1 plats kvar" in html


def test_a_cancelled_registration_does_not_stop_registering_again(
    app, client, unit, make_event, outbox
):
    event = open_event(make_event, unit)
    register(client, event)
    token = re.search(
        r"/registrations/cancel/(\S+)", outbox()[0].get_body(("plain",)).get_content()
    )
    post(client, f"/registrations/cancel/{token.group(1)}", {},
         token_from=f"/registrations/cancel/{token.group(1)}")  # fmt: skip
    assert register(client, event).status_code == 302
    assert [r.status for r in registrations(app)] == [
        RegistrationStatus.CANCELLED,
        RegistrationStatus.CONFIRMED,
    ]


def test_the_database_refuses_a_second_live_row_for_one_address_and_date(app, unit, make_event):
    from sqlalchemy.exc import IntegrityError

    from app.registrations.models import Registration

    event = open_event(make_event, unit)
    with app.app_context():
        for n, email in enumerate(("ett@example.org", "ett@example.org")):
            db.session.add(Registration(event_id=event.id, occurrence_start=event.starts_at,
                name="Ett", email=email, status=RegistrationStatus.CONFIRMED,
                cancel_token_hash=f"{n:064d}"))  # fmt: skip
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
