"""Rate limits when their shared storage (Redis) is down: counted in memory, never a 500.

Run in a process of its own: the limiter is one object per process, and pointing it at
a dead Redis here would change it for the rest of the suite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

SCRIPT = """
import json, re, sys
from app import create_app
from app.extensions import db
overrides = json.loads(sys.argv[2])
app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": sys.argv[1], **overrides})
with app.app_context():
    db.create_all()
client = app.test_client()
html = client.get("/login").get_data(as_text=True)
token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)
form = {"email": "a@example.org", "password": "x", "csrf_token": token}
print(json.dumps([client.post("/login", data=form).status_code for _ in range(7)]))
"""

#: Nothing listens on port 1: every call to the storage fails at once.
DEAD_REDIS = {"RATELIMIT_STORAGE_URI": "redis://127.0.0.1:1/0"}


def _login_statuses(tmp_path: Path, overrides: dict) -> list[int]:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            f"sqlite:///{tmp_path / 'limits.sqlite'}",
            json.dumps(overrides),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).parents[2],
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_login_limits_fall_back_to_memory_when_redis_is_down(tmp_path):
    statuses = _login_statuses(tmp_path, DEAD_REDIS)
    assert 500 not in statuses
    assert statuses[0] == 200  # the form answers as usual ...
    assert statuses[-1] == 429  # ... and the per-account limit still holds, in memory


def test_without_the_fallback_a_dead_redis_would_be_a_500(tmp_path):
    """The control: the fallback settings are what keep the login working."""
    overrides = {
        **DEAD_REDIS,
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": False,
        "RATELIMIT_SWALLOW_ERRORS": False,
    }
    assert 500 in _login_statuses(tmp_path, overrides)
