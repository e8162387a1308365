"""Parallel registrations against a real server: never over capacity, nothing acknowledged lost.

The app is served from a thread on 127.0.0.1 against the test database (SQLite or
PostgreSQL, whichever the run uses); 40 browsers each fetch the page for a CSRF token
and then all post at once for a date with 10 places.
"""

from __future__ import annotations

import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
from werkzeug.serving import make_server

from app.registrations.models import RegistrationStatus
from tests.conftest import CSRF_RE
from tests.registrations.world import open_event, registrations

pytestmark = pytest.mark.slow

PEOPLE = 40
CAPACITY = 10


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def server(app, monkeypatch):
    """The app on a free port; the per-IP form limit raised, as all requests share one IP."""
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "1000 per minute")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    httpd = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def browser(base: str, event_id: int):
    """An opener with its own cookies and the CSRF token from the event page."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect()
    )
    with opener.open(f"{base}/events/{event_id}", timeout=30) as response:
        html = response.read().decode()
    return opener, CSRF_RE.search(html).group(1)


def post_registration(base: str, event_id: int, opener, token: str, n: int, email: str = "") -> int:
    data = urllib.parse.urlencode(
        {"csrf_token": token, "name": f"Person {n}", "email": email or f"p{n}@example.org"}
    ).encode()
    try:
        with opener.open(f"{base}/events/{event_id}/register", data, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def run_parallel(base: str, event_id: int, email: str = "") -> dict[int, int]:
    """Person number -> the HTTP status their registration got (all with `email` if given)."""
    browsers = [browser(base, event_id) for _ in range(PEOPLE)]
    start = threading.Barrier(PEOPLE)

    def go(n: int) -> int:
        opener, token = browsers[n]
        start.wait()
        return post_registration(base, event_id, opener, token, n, email)

    with ThreadPoolExecutor(max_workers=PEOPLE) as pool:
        return dict(zip(range(PEOPLE), pool.map(go, range(PEOPLE)), strict=True))


def test_parallel_registrations_fill_capacity_then_the_waiting_list(app, server, unit, make_event):
    event = open_event(make_event, unit, capacity=CAPACITY, waiting_list=True)
    statuses = run_parallel(server, event.id)
    assert sorted(set(statuses.values())) == [302]
    rows = registrations(app, event.id)
    assert len(rows) == PEOPLE
    assert sum(r.status == RegistrationStatus.CONFIRMED for r in rows) == CAPACITY
    assert sum(r.status == RegistrationStatus.WAITING for r in rows) == PEOPLE - CAPACITY
    assert {r.email for r in rows} == {f"p{n}@example.org" for n in range(PEOPLE)}


def test_parallel_registrations_without_waiting_list_refuse_the_rest(app, server, unit, make_event):
    event = open_event(make_event, unit, capacity=CAPACITY, waiting_list=False)
    statuses = run_parallel(server, event.id)
    accepted = {n for n, status in statuses.items() if status == 302}
    assert len(accepted) == CAPACITY
    assert sorted(set(statuses.values())) == [302, 422]
    rows = registrations(app, event.id)
    assert [r.status for r in rows] == [RegistrationStatus.CONFIRMED] * CAPACITY
    # Every acknowledged registration is stored, and only those.
    assert {r.email for r in rows} == {f"p{n}@example.org" for n in accepted}


def test_the_same_address_sent_at_once_from_many_browsers_takes_one_seat(
    app, server, unit, make_event
):
    event = open_event(make_event, unit, capacity=CAPACITY, waiting_list=True)
    statuses = run_parallel(server, event.id, email="samma@example.org")
    assert sorted(set(statuses.values())) == [302]
    rows = registrations(app, event.id)
    assert [(r.email, r.status) for r in rows] == [
        ("samma@example.org", RegistrationStatus.CONFIRMED)
    ]
