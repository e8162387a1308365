"""Where features are wired into each other: menu, home and profile blocks, the report's
fact sources, the event date guards and page sections, who attends events (registrations),
and the caches' change tracking.

A new feature is wired here, in one visible place; its modules only define the functions.
"""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.core import generations, pagecache
from app.core.generations import Scope, all_tables_but, tables
from app.core.wiring import MenuEntry, Wiring, install


def wire(app: Flask) -> None:
    """Fill the app's wiring and install the hooks every request relies on."""
    from app.accounts.forms import role_label
    from app.accounts.models import LoginSession
    from app.accounts.permissions import arranges_events, can_manage_users
    from app.audit.models import AuditEntry
    from app.awards import permissions as award_permissions
    from app.awards.facts import award_facts
    from app.awards.services import ceremony_guard
    from app.awards.views.jury import jury_section
    from app.awards.views.public import ceremony_section, open_calls
    from app.dialogue.facts import dialogue_facts
    from app.dialogue.permissions import keeps_any_dialogue
    from app.dialogue.views import home_section as dialogue_home
    from app.directory.models import Organisation, Venue
    from app.events.views.public import home_section
    from app.feeds import cache as feed_cache
    from app.feeds import views as feeds
    from app.registrations import attendance
    from app.registrations.page import registration_context
    from app.reports.permissions import can_use_reports
    from app.units.models import Unit

    install(
        app,
        Wiring(
            menu=[
                MenuEntry(lambda: str(_l("Evenemang")), "events.list_events"),
                MenuEntry(lambda: str(_l("Kalender")), "events.calendar_month"),
                MenuEntry(
                    lambda: str(_l("Mina evenemang")),
                    "events_manage.list_events",
                    arranges_events,
                    landing=10,
                ),
                MenuEntry(
                    lambda: str(_l("Dialogen")),
                    "dialogue.index",
                    keeps_any_dialogue,
                ),
                MenuEntry(
                    lambda: str(_l("Juryn")),
                    "awards.jury_home",
                    award_permissions.is_juror,
                    landing=20,
                ),
                MenuEntry(
                    lambda: str(_l("Utmärkelsen")),
                    "awards.manage_index",
                    award_permissions.administers_any,
                    landing=30,
                ),
                MenuEntry(
                    lambda: str(_l("Rapporter")), "reports.index", can_use_reports, landing=40
                ),
                MenuEntry(
                    lambda: str(_l("Administration")), "admin.index", can_manage_users, landing=90
                ),
            ],
            home_sections=[dialogue_home, home_section, open_calls],
            profile_sections=[feeds.profile_section, jury_section],
            fact_sources=[award_facts, dialogue_facts],
            event_date_guards=[ceremony_guard],
            event_page_sections=[registration_context, ceremony_section],
            attendance=attendance,
        ),
    )
    # Pages name a person's role in words (the profile, the admin pages).
    app.jinja_env.globals["role_label"] = role_label
    # The caches' change counters: which tables each cache shows.
    generations.init_app(
        app,
        [
            # Sign-ins and the audit log are on no public page.
            Scope(
                pagecache.SCOPE,
                all_tables_but(LoginSession.__tablename__, AuditEntry.__tablename__),
            ),
            # Feeds print these rows into every event, and they carry no timestamp.
            Scope(
                feed_cache.DIRECTORY,
                tables(*(m.__tablename__ for m in (Venue, Organisation, Unit))),
            ),
        ],
    )
    pagecache.init_app(app)
    feeds.install(app)
