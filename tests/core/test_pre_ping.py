"""PostgreSQL: a connection the server dropped (a restart) is replaced, never shown as an error."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.extensions import db
from tests.conftest import terminate_backend


@pytest.mark.postgres
def test_a_dropped_pooled_connection_is_replaced(app, client, make_event, unit):
    make_event(unit)
    with app.app_context():
        engine = db.engine
        assert engine.pool._pre_ping is True
        engine.dispose()  # exactly one pooled connection from here on
        with engine.connect() as conn:
            pid = conn.execute(text("SELECT pg_backend_pid()")).scalar()
    terminate_backend(pid)
    response = client.get("/")  # the start page reads upcoming events
    assert response.status_code == 200
    assert "Frukostmöte" in response.get_data(as_text=True)
