"""How features take part in each other's pages, held on the app (not in module globals).

`app/wiring.py` fills one `Wiring` per application in the factory; features read it here.
Building a second app in the same process therefore never adds a block twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask, current_app

KEY = "torget.wiring"


@dataclass
class MenuEntry:
    label: Callable[[], str]
    endpoint: str
    #: Shown only when this returns True for the current user; None = always.
    visible: Callable[[object], bool] | None = None
    #: Where a person with this entry lands after signing in, lowest first; None = never.
    landing: int | None = None


@dataclass
class Wiring:
    """Everything one feature contributes to another's work, in the order shown."""

    #: The main menu, in its order.
    menu: list[MenuEntry] = field(default_factory=list)
    #: Functions returning (template, context) for a block of the home page, or None.
    home_sections: list[Callable] = field(default_factory=list)
    #: Functions returning (template, context) for a block of the profile page, or None.
    profile_sections: list[Callable] = field(default_factory=list)
    #: Functions (unit_id, year, start, end) -> facts for the report's drafts.
    fact_sources: list[Callable] = field(default_factory=list)
    #: Functions (actor, event) -> a reason to refuse changing when the event happens, or "".
    event_date_guards: list[Callable] = field(default_factory=list)
    #: Functions (event) -> extra context for the public event page (the award's winners).
    event_page_sections: list[Callable] = field(default_factory=list)
    #: Who takes part in events (`app.events.attendance.Attendance`); None: nobody.
    attendance: object | None = None


def install(app: Flask, wiring: Wiring) -> None:
    app.extensions[KEY] = wiring


def of(app: Flask | None = None) -> Wiring:
    """The running application's wiring (an empty one for an app built without features)."""
    return (app or current_app).extensions.get(KEY) or Wiring()
