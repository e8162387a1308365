"""PostgreSQL: a server restart that drops a request's connection before its end is no 500."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from app.extensions import db
from tests.conftest import terminate_backend


@pytest.mark.postgres
def test_the_end_of_a_request_survives_a_dropped_connection(app):
    """The page was made; the rollback at the end meets a dead connection and must not raise."""
    with app.test_request_context("/"):
        pid = db.session.execute(text("SELECT pg_backend_pid()")).scalar()
        terminate_backend(pid)
    with app.app_context():
        assert db.engine.pool.checkedout() == 0  # the dead connection did not leak
    # A fresh connection serves the next request (pre-ping replaced the dead one).
    with app.test_request_context("/"):
        assert db.session.execute(text("SELECT 1")).scalar() == 1
