"""The page cache: anonymous public pages from memory, never stale, never someone else's."""

from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from sqlalchemy import text, update

from app.accounts.models import Role
from app.awards import clock
from app.awards.models import Decision, Phase
from app.core import generations, pagecache
from app.events.models import Event
from app.extensions import db
from tests.awards.world import CEREMONY, make_cycle, nominate
from tests.conftest import CSRF_RE, count_queries, post

CITATION = "Alfabageriet har gett torget liv varje morgon och anställt unga från området."


@pytest.fixture
def cache_on(app, monkeypatch):
    """The production behaviour: the cache on, an empty cache, a short shared-version TTL."""
    monkeypatch.setitem(app.config, "PAGE_CACHE", True)
    monkeypatch.setitem(app.config, "GENERATION_TTL", 0.2)
    pagecache.clear(app)
    yield
    pagecache.clear(app)


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the award's clock; `frozen(at)` moves it."""
    state = {"now": CEREMONY - timedelta(days=30)}
    monkeypatch.setattr(clock, "now", lambda: state["now"])
    return lambda at: state.update(now=at)


def _hit_queries(app, client, path: str) -> tuple[int, str]:
    with count_queries(app) as counted:
        response = client.get(path)
    assert response.status_code == 200
    return counted(), response.get_data(as_text=True)


def _rename(app, event_id: int, title: str) -> None:
    with app.app_context():
        db.session.get(Event, event_id).title = title
        db.session.commit()


def test_a_hit_runs_no_query_and_keeps_every_header(app, client, unit, make_event, cache_on):
    event = make_event(unit, title="Frukostmöte om lokalhyror")
    first = client.get(f"/events/{event.id}")
    queries, body = _hit_queries(app, client, f"/events/{event.id}")
    assert queries <= 1 and "Frukostmöte om lokalhyror" in body
    again = client.get(f"/events/{event.id}")
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    assert again.headers["X-Content-Type-Options"] == "nosniff"
    assert again.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in again.headers["Vary"]
    assert again.headers["ETag"] == first.headers["ETag"]


@pytest.mark.parametrize(
    "path", ["/", "/events/", "/calendar/list", "/events/{id}", "/calendar/{m}"]
)
def test_a_change_shows_on_the_next_request(app, client, unit, make_event, cache_on, path):
    event = make_event(unit, title="Gammal titel")
    start = event.starts_at.astimezone(clock.now().tzinfo)
    url = path.format(id=event.id, m=f"{start.year}/{start.month}")
    assert "Gammal titel" in client.get(url).get_data(as_text=True)
    assert "Gammal titel" in _hit_queries(app, client, url)[1]  # now from the cache
    _rename(app, event.id, "Ny titel")
    body = client.get(url).get_data(as_text=True)
    assert "Ny titel" in body and "Gammal titel" not in body


def test_a_bulk_update_counts_as_a_change(app, client, unit, make_event, cache_on):
    event = make_event(unit, title="Gammal titel")
    client.get("/events/")
    with app.app_context():
        db.session.execute(update(Event).where(Event.id == event.id).values(title="Ny titel"))
        db.session.commit()
    assert "Ny titel" in client.get("/events/").get_data(as_text=True)


def test_another_workers_change_shows_after_the_ttl(app, client, unit, make_event, cache_on):
    """Another worker's commit reaches this one through the host's stamp file."""
    event = make_event(unit, title="Gammal titel")
    client.get("/events/")
    with app.app_context(), db.engine.begin() as conn:  # no session: no bump in this process
        conn.execute(text("UPDATE event SET title = 'Ny titel' WHERE id = :id"), {"id": event.id})
    assert "Gammal titel" in client.get("/events/").get_data(as_text=True)
    stamp = app.extensions[generations.KEY].stamp(pagecache.SCOPE)
    stamp.touch()
    later = time.time_ns() + 1_000_000
    os.utime(stamp, ns=(later, later))  # what the other worker's bump does
    time.sleep(0.25)  # the shared version is read again after GENERATION_TTL
    assert "Ny titel" in client.get("/events/").get_data(as_text=True)


def test_a_commit_touches_the_stamp(app, unit, make_event, cache_on):
    stamp = app.extensions[generations.KEY].stamp(pagecache.SCOPE)
    before = stamp.stat().st_mtime_ns if stamp.exists() else 0
    make_event(unit)
    assert stamp.stat().st_mtime_ns > before


def test_signed_in_and_anonymous_never_share_a_page(
    app, client, unit, make_event, make_user, login, cache_on
):
    event = make_event(unit, title="Frukostmöte")
    organiser = make_user(Role.ORGANISER, unit, name="Olga Organisatör")
    anonymous = app.test_client()
    assert "Olga Organisatör" not in anonymous.get(f"/events/{event.id}").get_data(as_text=True)
    login(organiser)
    signed_in = client.get(f"/events/{event.id}")
    assert "Olga Organisatör" in signed_in.get_data(as_text=True)
    assert signed_in.headers["Cache-Control"] == "no-store" and "ETag" not in signed_in.headers
    body = anonymous.get(f"/events/{event.id}").get_data(as_text=True)
    assert "Olga Organisatör" not in body and "Logga in" in body


def test_each_language_has_its_own_page(app, client, unit, make_event, cache_on):
    make_event(unit)
    assert 'lang="sv"' in client.get("/events/").get_data(as_text=True)
    client.set_cookie("lang", "en")
    assert '<html lang="en">' in client.get("/events/").get_data(as_text=True)
    client.delete_cookie("lang")
    assert '<html lang="sv">' in client.get("/events/").get_data(as_text=True)


def test_a_flashed_message_is_never_stored(app, client, unit, make_event, cache_on):
    make_event(unit)
    with client.session_transaction() as session:
        session["_flashes"] = [("info", "Ditt konto är skapat.")]
    assert "Ditt konto är skapat." in client.get("/events/").get_data(as_text=True)
    assert "Ditt konto är skapat." not in client.get("/events/").get_data(as_text=True)
    other = app.test_client()
    assert "Ditt konto är skapat." not in other.get("/events/").get_data(as_text=True)


def test_each_visitor_gets_their_own_working_csrf_token(app, unit, make_event, cache_on):
    event = make_event(unit, registration_enabled=True)
    page = f"/events/{event.id}"
    first, second = app.test_client(), app.test_client()
    tokens = [CSRF_RE.search(c.get(page).get_data(as_text=True)).group(1) for c in (first, second)]
    assert tokens[0] != tokens[1]
    data = {"csrf_token": tokens[1], "name": "Anna Andersson", "email": "anna@example.org"}
    response = second.post(f"{page}/register", data=data)
    assert response.status_code == 302


def test_a_matching_etag_gets_304(app, client, unit, make_event, cache_on):
    make_event(unit)
    etag = client.get("/events/").headers["ETag"]
    assert etag.startswith('W/"')
    response = client.get("/events/", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.get_data() == b""
    # A page without a form carries no token: every visitor shares its ETag and no
    # session cookie is set. A page with a form has the visitor's token in its ETag.
    other = app.test_client()
    assert other.get("/events/", headers={"If-None-Match": etag}).status_code == 304
    form_page = f"/events/{make_event(unit, registration_enabled=True).id}"
    tagged = client.get(form_page).headers["ETag"]
    assert other.get(form_page, headers={"If-None-Match": tagged}).status_code == 200


def _decided_cycle(app, unit) -> int:
    with app.app_context():
        cycle = make_cycle(unit, phase=Phase.DECIDED)
        category = cycle.categories[0]
        candidate, _ = nominate(cycle, category, "Alfabageriet AB", "556677-8899", eligible=True)
        db.session.add(
            Decision(category_id=category.id, candidate_id=candidate.id, citation=CITATION)
        )
        db.session.commit()
        return cycle.ceremony_event_id


@pytest.mark.parametrize("page", ["award", "ceremony event"])
def test_the_embargo_holds_when_the_page_was_cached_before(
    app, client, unit, frozen, cache_on, page
):
    event_id = _decided_cycle(app, unit)
    path = f"/events/{event_id}" if page == "ceremony event" else f"/awards/{unit.slug}/2030/"
    frozen(CEREMONY - timedelta(seconds=1))
    assert "Alfabageriet" not in client.get(path).get_data(as_text=True)
    queries, body = _hit_queries(app, client, path)
    assert queries <= 1 and "Alfabageriet" not in body  # stored, still before the ceremony
    frozen(CEREMONY)
    body = client.get(path).get_data(as_text=True)
    assert "Alfabageriet AB" in body and CITATION in body


def test_an_error_page_is_not_stored(app, client, unit, cache_on):
    assert client.get("/events/999999").status_code == 404
    assert len(app.extensions["pagecache"].pages) == 0


def test_off_in_tests_unless_turned_on(app, client, unit, make_event):
    event = make_event(unit)
    client.get(f"/events/{event.id}")
    with count_queries(app) as counted:
        client.get(f"/events/{event.id}")
    assert counted() > 1


def test_form_post_pages_are_never_cached(app, client, unit, make_event, cache_on):
    event = make_event(unit, registration_enabled=True, capacity=10)
    data = {"name": "Anna", "email": "inte-en-adress", "organisation": ""}
    response = post(client, f"/events/{event.id}/register", data, token_from=f"/events/{event.id}")
    assert response.status_code == 422 and "ETag" not in response.headers


@pytest.mark.parametrize(
    ("method", "path", "skipped"),
    [
        ("GET", "/events/", True),
        ("HEAD", "/calendar/2026/5", True),
        ("GET", "/awards/enhet/2030/", True),
        ("POST", "/awards/enhet/2030/nominate", False),
        ("GET", "/awards/enhet/2030/nominate", False),
        ("POST", "/login", False),
    ],
)
def test_only_reads_of_cached_pages_skip_the_rate_limiter(app, method, path, skipped):
    with app.test_request_context(path, method=method):
        assert bool(pagecache._is_page_read()) is skipped
