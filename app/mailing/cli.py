"""`flask mail send-due`: send the queued mails that are due (run from cron on every host)."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from app.db import utcnow
from app.mailing import sending


@click.group("mail")
def cli():
    """Outgoing mail."""


@cli.command("send-due")
@click.option("--limit", default=500, show_default=True, help="At most this many mails per run.")
@with_appcontext
def send_due(limit: int):
    """Send every queued mail that is due; failed ones wait longer and are retried."""
    sent, failed = sending.send_due(utcnow(), limit)
    click.echo(f"{sent} skickade, {failed} misslyckade (försöks igen senare).")
