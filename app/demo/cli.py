"""`flask demo load`: the 2022 demo from the seed report, idempotent."""

from __future__ import annotations

import logging
from importlib import import_module

import click
from flask import current_app
from flask.cli import with_appcontext

from app.core.cli import Failure
from app.extensions import db

#: Each feature's demo loader, run in this order; each takes (password, echo).
LOADERS = (
    "app.demo.foundation",
    "app.demo.events",
    "app.demo.awards",
    "app.demo.dialogue",
    "app.demo.reports",
)


@click.group("demo")
def cli():
    """Demo data from the 2022 business report."""


@cli.command("load")
@click.option("--password", default="demo", show_default=True, help="Password of every demo user.")
@with_appcontext
def load(password: str):
    """Create or update the demo units, users and data (running it twice changes nothing)."""
    if current_app.config["ENV_NAME"] == "production":
        raise Failure("Demodata laddas inte i produktion (TORGET_ENV=production).")
    # The audit log still records every row; its console lines would bury the summary.
    audit_log = logging.getLogger("app.audit")
    level = audit_log.level
    audit_log.setLevel(logging.WARNING)
    try:
        for name in LOADERS:
            import_module(name).load(password=password, echo=click.echo)
        db.session.commit()
    finally:
        audit_log.setLevel(level)
    click.secho("Demodata är på plats.", fg="green")
    click.echo("Inloggningar (lösenord: %s):" % ("det du angav" if password != "demo" else "demo"))
    for email, what in import_module("app.demo.foundation").DEMO_USERS_TEXT:
        click.echo(f"  {email:32} {what}")


def _add_scale() -> None:
    # The benchmarks' city-scale data set lives in its own module.
    from app.demo.scale import scale

    cli.add_command(scale)


_add_scale()
