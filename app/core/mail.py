"""Outgoing mail: SMTP in production, .eml files in a folder in development."""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app

logger = logging.getLogger(__name__)


def build_message(
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, str, bytes]] = (),
    message_id: str | None = None,
) -> EmailMessage:
    """A plain-text message; attachments are (filename, mimetype, bytes)."""
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    # A retried mail keeps its Message-ID, so a mail program shows a repeat once.
    message["Message-ID"] = message_id or f"<{uuid.uuid4()}@torget>"
    message.set_content(body)
    for filename, mimetype, data in attachments:
        maintype, subtype = mimetype.split("/", 1)
        # Text without a charset is read as US-ASCII (RFC 2046): "Älvsjö" would break.
        params = {"charset": "utf-8"} if maintype == "text" else None
        message.add_attachment(
            data, maintype=maintype, subtype=subtype, filename=filename, params=params
        )
    return message


def send_mail(
    to: str,
    subject: str,
    body: str,
    attachments: list[tuple[str, str, bytes]] = (),
    message_id: str | None = None,
) -> None:
    """Send one message, or write it to the outbox folder when no SMTP server is set.

    Raises on failure; callers go through `app.mailing`, which keeps and retries mail.
    """
    message = build_message(to, subject, body, attachments, message_id)
    config = current_app.config
    if not config["MAIL_SERVER"]:
        outbox = Path(config["MAIL_OUTBOX"])
        outbox.mkdir(parents=True, exist_ok=True)
        path = outbox / f"{uuid.uuid4().hex}.eml"
        path.write_bytes(bytes(message))
        logger.info("mail to %s written to %s", to, path.name)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
    logger.info("mail to %s sent: %s", to, subject)
