"""Cancelling with the mailed link frees the place and promotes the first person waiting."""

from __future__ import annotations

import re

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db
from app.registrations.models import RegistrationStatus
from tests.conftest import post
from tests.registrations.world import open_event, register, registrations


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


def test_the_queue_knows_its_place_and_a_place_from_it_comes_with_its_own_link(
    app, client, unit, make_event, outbox
):
    from app.directory.models import Venue
    from app.units.models import Unit

    with app.app_context():
        square = Venue(name="Liljeholmstorget", slug="liljeholmstorget",
                       address="Liljeholmstorget")  # fmt: skip
        db.session.add(square)
        here = db.session.get(Unit, unit.id)
        here.contact_email, here.contact_phone = "naringsliv@example.se", "+46850821083"
        db.session.commit()
        square_id = square.id
    event = open_event(make_event, unit, capacity=1, venue_id=square_id)
    register(client, event, name="Först", email="first@example.org")
    register(client, event, name="Andra", email="second@example.org")
    flashed = register(client, event, name="Tredje", email="third@example.org")
    assert flashed.status_code == 302
    assert "som nummer 2" in client.get(f"/events/{event.id}").get_data(as_text=True)
    first, second, third = (m.get_body(("plain",)).get_content() for m in outbox())
    assert "Du är nummer 1 i kön." in second and "Du är nummer 2 i kön." in third
    assert "Var: Liljeholmstorget\n" in first  # the name once, not "name, name"
    response = post(client, cancel_link(outbox()[0]), {}, token_from=cancel_link(outbox()[0]))
    assert response.status_code == 302
    promoted = outbox()[-1]
    assert "Du har fått en plats" in promoted["Subject"]
    link = cancel_link(promoted)
    assert client.get(link).status_code == 200  # the new link works
    post(client, link, {}, token_from=link)
    assert [r.status for r in registrations(app)] == [RegistrationStatus.CANCELLED,
        RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]  # fmt: skip
    body = outbox()[-1].get_body(("plain",)).get_content()
    assert "Du har fått en plats" in outbox()[-1]["Subject"] and "Avboka här" in body
    with app.test_request_context():
        from app.registrations import mail
        from app.registrations.models import Registration

        person = db.session.get(Registration, registrations(app)[2].id)
        letter = mail.cancelled(person, mail.occurrence_of(person))
    assert "Frågor? Hör av dig till" in letter.body
    assert "(naringsliv@example.se, 08-508 210 83)" in letter.body
