"""Cancelling with the mailed link frees the place and promotes the first person waiting."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.events.models import RegistrationStatus
from app.extensions import db
from tests.conftest import post
from tests.registrations.helpers import open_event, register, registrations


def cancel_link(message) -> str:
    body = message.get_body(("plain",)).get_content()
    return re.search(r"https?://[^/]+(/registrations/cancel/\S+)", body).group(1)


def test_cancel_shows_a_confirm_page_then_cancels_and_promotes(
    app, client, unit, make_event, outbox
):
    event = open_event(make_event, unit, capacity=1)
    register(client, event, name="Först", email="first@example.org")
    register(client, event, name="Andra", email="second@example.org")
    register(client, event, name="Tredje", email="third@example.org")
    link = cancel_link(outbox()[0])
    page = client.get(link)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Vill du avboka din anmälan?" in html and "Först" in html
    assert [r.status for r in registrations(app)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITING,
        RegistrationStatus.WAITING,
    ]
    response = post(client, link, {}, token_from=link)
    assert response.status_code == 302 and response.headers["Location"] == link
    first, second, third = registrations(app)
    assert first.status == RegistrationStatus.CANCELLED and first.cancelled_at is not None
    assert second.status == RegistrationStatus.CONFIRMED and second.promoted_at is not None
    assert third.status == RegistrationStatus.WAITING
    promoted = outbox()[-1]
    assert promoted["To"] == "second@example.org"
    assert "Du har fått en plats" in promoted["Subject"]
    assert [p.get_content_type() for p in promoted.iter_attachments()] == ["text/calendar"]
    again = client.get(link).get_data(as_text=True)
    assert "Anmälan är avbokad" in again
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "registration.cancel" in actions and "registration.promote" in actions


def test_cancelling_twice_changes_nothing_more(app, client, unit, make_event, outbox):
    event = open_event(make_event, unit, capacity=1)
    register(client, event, email="first@example.org")
    link = cancel_link(outbox()[0])
    post(client, link, {}, token_from=link)
    sent = len(outbox())
    response = post(client, link, {}, token_from=link)
    assert response.status_code == 302
    assert "redan avbokad" in client.get(link).get_data(as_text=True)
    assert len(outbox()) == sent


def test_cancelling_a_waiting_place_promotes_nobody(app, client, unit, make_event, outbox):
    event = open_event(make_event, unit, capacity=1)
    register(client, event, email="first@example.org")
    register(client, event, email="second@example.org")
    register(client, event, email="third@example.org")
    link = cancel_link(outbox()[1])
    post(client, link, {}, token_from=link)
    assert [r.status for r in registrations(app)] == [
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.CANCELLED,
        RegistrationStatus.WAITING,
    ]
    assert len(outbox()) == 3


def test_unknown_or_absurd_tokens_are_404(client):
    for token in ("nope", "x" * 5000, "%00"):
        assert client.get(f"/registrations/cancel/{token}").status_code == 404


def test_links_in_the_confirmation_ignore_a_forged_host(client, unit, make_event, outbox):
    """The cancel link, the event's address and the attached entry's URL come from
    PUBLIC_BASE_URL, not from whatever Host the registration request named."""
    event = open_event(make_event, unit, capacity=1)
    page = client.get(f"/events/{event.id}", headers={"Host": "evil.example"})
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.get_data(as_text=True))
    data = {"name": "Anna", "email": "anna@example.org", "csrf_token": token.group(1)}
    response = client.post(
        f"/events/{event.id}/register", data=data, headers={"Host": "evil.example"}
    )
    assert response.status_code in (200, 302)
    message = outbox()[0]
    raw = message.as_string()
    assert "evil.example" not in raw
    body = message.get_body(("plain",)).get_content()
    assert "http://localhost/registrations/cancel/" in body
    ics = next(p for p in message.iter_attachments() if p.get_filename().endswith(".ics"))
    assert f"http://localhost/events/{event.id}" in ics.get_content()
