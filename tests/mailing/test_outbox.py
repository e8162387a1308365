"""Mail is kept until it is sent: a failure is retried by the job, given up mails are shown
to staff, two senders never send one mail twice, and a dead sender's claim lapses."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.db import utcnow
from app.extensions import db
from app.mailing import sending
from app.mailing import services as mailing
from app.mailing.models import OutgoingMail
from tests.conftest import post


def _queue(app, n: int = 1, unit_id=None) -> list[int]:
    with app.app_context():
        mails = [
            mailing.queue(
                f"p{i}@example.org", f"Ämne {i}\r\nBcc: x@example.org", "Text", unit_id=unit_id
            )
            for i in range(n)
        ]
        ids = [m.id for m in mails]
        db.session.execute(db.update(OutgoingMail).values(claimed_at=None))
        db.session.commit()
        return ids


def _mails(app) -> list[OutgoingMail]:
    with app.app_context():
        rows = db.session.scalars(select(OutgoingMail).order_by(OutgoingMail.id)).all()
        db.session.expunge_all()
        return rows


def _broken(monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(sending, "send_mail", broken)


def test_a_header_never_carries_a_line_break(app, outbox):
    _queue(app)
    with app.app_context():
        sending.send_due(utcnow())
    [message] = outbox()
    assert message["Subject"] == "Ämne 0 Bcc: x@example.org" and message["Bcc"] is None


def test_a_failed_mail_is_retried_later_and_then_sent(app, runner, outbox, monkeypatch):
    _queue(app)
    _broken(monkeypatch)
    with app.app_context():
        assert sending.send_due(utcnow()) == (0, 1)
    [mail] = _mails(app)
    assert mail.sent_at is None and mail.attempts == 1 and "connection refused" in mail.last_error
    assert mail.send_after > utcnow()  # it waits before the next try
    monkeypatch.undo()
    result = runner.invoke(args=["mail", "send-due"])
    assert "0 skickade" in result.output  # not due yet
    with app.app_context():
        db.session.execute(db.update(OutgoingMail).values(send_after=utcnow()))
        db.session.commit()
    result = runner.invoke(args=["mail", "send-due"])
    assert result.exit_code == 0 and "1 skickade" in result.output
    assert len(outbox()) == 1 and _mails(app)[0].sent_at is not None
    assert "0 skickade" in runner.invoke(args=["mail", "send-due"]).output  # sent once


def test_after_its_retries_a_mail_is_given_up_and_shown_to_staff(
    app, client, login, make_user, unit, other_unit, monkeypatch, outbox
):
    [mail_id] = _queue(app, unit_id=unit.id)
    _broken(monkeypatch)
    with app.app_context():
        for _ in range(sending.MAX_ATTEMPTS):
            db.session.execute(db.update(OutgoingMail).values(send_after=utcnow()))
            db.session.commit()
            sending.send_due(utcnow())
    [mail] = _mails(app)
    assert mail.failed_at is not None and mail.attempts == sending.MAX_ATTEMPTS
    monkeypatch.undo()
    other = login(make_user(Role.ADMIN, other_unit), on=app.test_client())
    assert "p0@example.org" not in other.get("/admin/").get_data(as_text=True)
    assert post(other, f"/admin/mail/{mail_id}/retry", {}, token_from="/admin/").status_code == 403
    login(make_user(Role.ADMIN, unit))
    page = client.get("/admin/").get_data(as_text=True)
    assert "p0@example.org" in page and "connection refused" in page
    response = post(client, f"/admin/mail/{mail_id}/retry", {}, token_from="/admin/")
    assert response.status_code == 302
    assert len(outbox()) == 1 and _mails(app)[0].sent_at is not None


def test_two_senders_at_once_send_every_mail_exactly_once(app, outbox):
    _queue(app, n=20)
    errors = []

    def run():
        try:
            with app.app_context():
                sending.send_due(utcnow())
        except Exception as error:
            errors.append(error)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(m["To"] for m in outbox()) == sorted(f"p{i}@example.org" for i in range(20))


def test_a_dead_senders_claim_lapses_and_the_job_sends_it(app, outbox):
    [mail_id] = _queue(app)
    with app.app_context():
        assert sending.claim(mail_id, utcnow())  # a sender took it and died
        assert sending.send_due(utcnow()) == (0, 0)  # someone holds it
        assert sending.send_due(utcnow() + sending.LEASE + timedelta(seconds=1)) == (1, 0)
    assert len(outbox()) == 1


def test_a_scheduled_mail_with_a_key_is_queued_once(app):
    with app.app_context():
        later = utcnow() + timedelta(days=1)
        first = mailing.queue(
            "a@example.org", "Påminnelse", "Text", key="reminder:1", send_after=later
        )
        again = mailing.queue(
            "a@example.org", "Påminnelse", "Text", key="reminder:1", send_after=later
        )
        db.session.commit()
        assert first.id == again.id
        assert len(db.session.scalars(select(OutgoingMail)).all()) == 1


@pytest.mark.parametrize("role", ["organiser", "officer", None])
def test_only_admins_retry_mail(app, client, login, make_user, unit, role):
    [mail_id] = _queue(app, unit_id=unit.id)
    if role:
        login(make_user(role, unit))
    response = post(client, f"/admin/mail/{mail_id}/retry", {}, token_from="/")
    assert response.status_code == (403 if role else 302)
    assert _mails(app)[0].sent_at is None
