"""The caches' change counters: a commit counts in the scopes whose tables it touched, a
rollback counts nothing, and the count reaches other hosts through Redis."""

from __future__ import annotations

import uuid

from sqlalchemy import update

from app.accounts.models import LoginSession
from app.core import generations
from app.directory.models import Venue
from app.events.models import Event
from app.extensions import db


def _now(app, scope):
    with app.app_context():
        return generations.current(scope)[0]


def test_an_event_edit_counts_for_pages_and_not_for_the_directory(app, unit, make_event):
    event = make_event(unit)
    pages, directory = _now(app, "pages"), _now(app, "directory")
    with app.app_context():
        db.session.get(Event, event.id).title = "Ny titel"
        db.session.commit()
    assert (_now(app, "pages"), _now(app, "directory")) == (pages + 1, directory)


def test_a_venue_rename_counts_for_both(app):
    with app.app_context():
        venue = Venue(name="Torget", slug="torget")
        db.session.add(venue)
        db.session.commit()
        pages, directory = generations.current("pages")[0], generations.current("directory")[0]
        venue.name = "Stora torget"
        db.session.commit()
        assert generations.current("pages")[0] == pages + 1
        assert generations.current("directory")[0] == directory + 1


def test_a_bulk_update_counts_and_a_rollback_does_not(app, unit, make_event):
    event = make_event(unit)
    pages = _now(app, "pages")
    with app.app_context():
        db.session.execute(update(Event).where(Event.id == event.id).values(title="Bulk"))
        db.session.commit()
        assert generations.current("pages")[0] == pages + 1
        db.session.get(Event, event.id).title = "Ångrad"
        db.session.flush()
        db.session.rollback()
        assert generations.current("pages")[0] == pages + 1


def test_rows_no_public_page_shows_leave_the_pages_alone(app):
    pages = _now(app, "pages")
    with app.app_context():
        db.session.execute(update(LoginSession).values(revoked_at=None))
        db.session.commit()
    assert _now(app, "pages") == pages


def test_the_count_reaches_other_hosts_through_redis(app, unit, make_event, monkeypatch):
    monkeypatch.setitem(app.config, "CACHE_REDIS_URL", "redis://127.0.0.1:6379/15")
    monkeypatch.setitem(app.config, "GENERATION_TTL", 0)
    scope = f"test-{uuid.uuid4().hex[:8]}"
    with app.app_context():
        app.extensions[generations.KEY].scopes[scope] = generations.Scope(
            scope, generations.tables("event")
        )
        try:
            assert generations.current(scope)[2] == 0
            make_event(unit)
            assert generations.current(scope)[2] == 1
            client = generations.redis_client()
            client.incr(generations.REDIS_PREFIX + scope)  # another host's commit
            assert generations.current(scope)[2] == 2
        finally:
            generations.redis_client().delete(generations.REDIS_PREFIX + scope)
            del app.extensions[generations.KEY].scopes[scope]
