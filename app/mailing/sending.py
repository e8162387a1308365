"""Sending queued mail: right after the commit, and again from `flask mail send-due`.

Unlike a service, the sender commits: claiming a mail, and recording that it went or
failed, are each a transaction of their own, so that a sender that dies loses nothing and
two senders (two hosts' cron jobs, a request and the job) never send one mail twice: a
mail is claimed with one atomic UPDATE before it is sent. A failed send waits a little
longer each time (`BACKOFF`); after `MAX_ATTEMPTS` it is given up and listed for staff.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from app.core.mail import send_mail
from app.db import utcnow
from app.extensions import db
from app.mailing.models import OutgoingMail
from app.mailing.services import letter_of

logger = logging.getLogger(__name__)

#: Waits before the 2nd, 3rd, ... attempt; after the last one the mail is given up.
BACKOFF = (timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6))
MAX_ATTEMPTS = len(BACKOFF) + 1
#: A claim older than this is a sender that died: another may take the mail over.
LEASE = timedelta(minutes=10)
#: What a transport raises when it cannot deliver.
SEND_ERRORS = (OSError, smtplib.SMTPException, ValueError)


def send_now(mails: Iterable[OutgoingMail]) -> bool:
    """Right after the commit that queued them: send each mail once; False when any is
    left for a retry. The queueing request holds their claims, so nobody else sends them."""
    return all([_send(mail.letter, utcnow()) for mail in mails])


def send_due(now: datetime, limit: int = 500) -> tuple[int, int]:
    """Send what is due (the job): (sent, failed) of at most `limit` mails."""
    due = db.session.scalars(
        select(OutgoingMail.id)
        .where(
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at.is_(None),
            OutgoingMail.send_after <= now,
            or_(OutgoingMail.claimed_at.is_(None), OutgoingMail.claimed_at < now - LEASE),
        )
        .order_by(OutgoingMail.send_after, OutgoingMail.id)
        .limit(limit)
    ).all()
    db.session.commit()  # end the read before claiming: claims are their own transactions
    sent = failed = 0
    for mail_id in due:
        if send_one(mail_id, now):
            sent += 1
        elif _attempted(mail_id):
            failed += 1
    return sent, failed


def _attempted(mail_id: int) -> bool:
    mail = db.session.get(OutgoingMail, mail_id)
    return mail is not None and mail.sent_at is None and mail.attempts > 0


def claim(mail_id: int, now: datetime) -> bool:
    """Take the mail for sending, atomically; False when it is sent or someone has it."""
    result = db.session.execute(
        update(OutgoingMail)
        .where(
            OutgoingMail.id == mail_id,
            OutgoingMail.sent_at.is_(None),
            OutgoingMail.failed_at.is_(None),
            or_(OutgoingMail.claimed_at.is_(None), OutgoingMail.claimed_at < now - LEASE),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return result.rowcount == 1


def send_one(mail_id: int, now: datetime) -> bool:
    """Claim, send and mark one mail; True when it went out (now or before)."""
    if not claim(mail_id, now):
        return (
            db.session.scalar(
                select(OutgoingMail.sent_at.is_not(None)).where(OutgoingMail.id == mail_id)
            )
            or False
        )
    mail = db.session.get(OutgoingMail, mail_id)
    db.session.refresh(mail)
    return _send(letter_of(mail), now)


def _send(letter: dict, now: datetime) -> bool:
    """Hand one claimed mail to the transport and record the result (its own commit)."""
    try:
        send_mail(
            letter["to"],
            letter["subject"],
            letter["body"],
            letter["attachments"],
            message_id=letter["message_id"],
        )
    except SEND_ERRORS as error:
        logger.exception("could not send mail %s to %s", letter["id"], letter["to"])
        _record(_failed, letter["id"], now, error)
        return False
    _record(_sent, letter["id"])
    return True


def _record(step, *args) -> None:
    """Write a result; if the database is gone, the claim lapses and the job takes over."""
    try:
        step(*args)
    except SQLAlchemyError:
        db.session.rollback()
        logger.exception("could not record the result of mail %s", args[0])


def _sent(mail_id: int) -> None:
    db.session.execute(
        update(OutgoingMail)
        .where(OutgoingMail.id == mail_id)
        .values(sent_at=utcnow(), claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _failed(mail_id: int, now: datetime, error: Exception) -> None:
    mail = db.session.get(OutgoingMail, mail_id)
    mail.attempts += 1
    mail.claimed_at = None
    mail.last_error = f"{error.__class__.__name__}: {error}"[:500]
    if mail.attempts >= MAX_ATTEMPTS:
        mail.failed_at = now
    else:
        mail.send_after = now + BACKOFF[mail.attempts - 1]
    db.session.commit()
