"""Shared helpers for click commands."""

from __future__ import annotations

import click


class Failure(click.ClickException):
    """A command-line error shown in red with a non-zero exit."""

    def show(self, file=None) -> None:
        click.secho(f"Fel: {self.format_message()}", err=True, fg="red")
