"""Queue a mail inside the change it tells of; flush, never commit.

The view commits the change and its mails together, then hands what it queued to
`app.mailing.sending.send_now`; `flask mail send-due` retries whatever could not go.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select

from app.core.markup import one_line
from app.db import utcnow
from app.extensions import db
from app.mailing.models import OutgoingMail


def queue(
    to: str,
    subject: str,
    body: str,
    attachments: Iterable[tuple[str, str, bytes]] = (),
    *,
    unit_id: int | None = None,
    key: str | None = None,
    send_after: datetime | None = None,
) -> OutgoingMail:
    """Add a mail to send once the current transaction commits; with `key`, only once ever.

    A mail due now is claimed at once for the request that queues it, which sends it
    right after its commit (`sending.send_now`); should that request die first, the claim
    lapses and the job sends it.
    """
    if key is not None:
        existing = db.session.scalar(select(OutgoingMail).where(OutgoingMail.key == key))
        if existing is not None:
            return existing
    mail = OutgoingMail(
        to=to.strip(),
        # A header is one line, whatever a title or name held.
        subject=one_line(subject)[:300],
        body=body,
        attachments=[
            [name, mimetype, base64.b64encode(data).decode("ascii")]
            for name, mimetype, data in attachments
        ],
        unit_id=unit_id,
        key=key,
        send_after=send_after or utcnow(),
        claimed_at=None if send_after else utcnow(),
    )
    db.session.add(mail)
    db.session.flush()
    # The values to send, kept beside the row: after the commit nothing needs reading
    # from the database (it may even be down by then) to send it.
    mail.letter = letter_of(mail)
    return mail


def letter_of(mail: OutgoingMail) -> dict:
    """The mail as plain values for the transport."""
    return {
        "id": mail.id,
        "to": mail.to,
        "subject": mail.subject,
        "body": mail.body,
        "attachments": [(n, m, base64.b64decode(d)) for n, m, d in mail.attachments],
        "message_id": f"<mail-{mail.id}-{mail.created_at:%Y%m%d%H%M%S}@torget>",
    }


def retry(mail: OutgoingMail) -> None:
    """Put a given-up mail back in the queue (staff, after fixing the address or server)."""
    mail.failed_at = None
    mail.attempts = 0
    mail.send_after = utcnow()
    db.session.flush()


def troubled(unit_ids: set[int] | None) -> list[OutgoingMail]:
    """Mails not sent after at least one attempt; all (None) or those of some units."""
    query = (
        select(OutgoingMail)
        .where(OutgoingMail.sent_at.is_(None), OutgoingMail.attempts > 0)
        .order_by(OutgoingMail.created_at.desc())
        .limit(100)
    )
    if unit_ids is not None:
        query = query.where(OutgoingMail.unit_id.in_(unit_ids))
    return list(db.session.scalars(query))
