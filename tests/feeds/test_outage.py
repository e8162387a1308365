"""While the database is down, a feed this worker built is still served; others get the 503."""

from __future__ import annotations

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from app.extensions import db


def _refuse(conn, cursor, statement, parameters, context, executemany):
    raise OperationalError(statement, parameters, ConnectionRefusedError("database down"))


@pytest.fixture
def database_down(app):
    """Call it to make every statement fail as when PostgreSQL refuses connections."""
    with app.app_context():
        engine = db.engine
    yield lambda: event.listen(engine, "before_cursor_execute", _refuse)
    if event.contains(engine, "before_cursor_execute", _refuse):
        event.remove(engine, "before_cursor_execute", _refuse)


def test_a_feed_built_before_is_served_during_an_outage(client, make_event, unit, database_down):
    make_event(unit, title="Frukost under avbrottet")
    before = client.get("/feeds/events.ics")
    assert before.status_code == 200
    database_down()
    during = client.get("/feeds/events.ics")
    assert during.status_code == 200
    assert during.data == before.data
    assert b"Frukost under avbrottet" in during.data
    etag = before.headers["ETag"]
    assert client.get("/feeds/events.ics", headers={"If-None-Match": etag}).status_code == 304


def test_a_feed_never_built_gets_the_swedish_503(client, make_event, unit, database_down):
    make_event(unit)
    assert client.get("/feeds/events.ics").status_code == 200
    database_down()
    response = client.get("/feeds/units/hagersten-alvsjo.ics")
    assert response.status_code == 503
    assert "Tjänsten är tillfälligt otillgänglig" in response.get_data(as_text=True)


def test_before_any_feed_the_outage_is_a_503(client, database_down):
    database_down()
    assert client.get("/feeds/events.ics").status_code == 503
