"""Security headers on every kind of response; staff pages are never cached; cookies."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from itsdangerous import TimestampSigner
from werkzeug.http import parse_options_header

from tests.conftest import csrf_token, post
from tests.feeds.world import TOKEN as FEED_TOKEN
from tests.world import PASSWORD as WORLD_PASSWORD
from tests.world import build_world


def _assert_security_headers(response) -> None:
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "default-src 'self'" in csp and "object-src 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/", 200, "text/html"),
        ("/login", 200, "text/html"),
        ("/static/css/torget.css", 200, "text/css"),
        ("/finns-inte", 404, "text/html"),
        ("/profile", 302, "text/html"),
        ("/logout", 405, "text/html"),
    ],
)
def test_public_responses_carry_security_headers(client, path, status, content_type):
    response = client.get(path)
    assert response.status_code == status
    assert response.content_type.startswith(content_type)
    _assert_security_headers(response)


def test_error_responses_carry_security_headers(client):
    response = client.post("/login", data={})
    assert response.status_code == 400
    _assert_security_headers(response)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/profile", "/admin/", "/admin/users/new"])
def test_staff_pages_are_not_stored(client, login, make_user, unit, path):
    login(make_user("admin", unit, is_site_admin=True))
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    _assert_security_headers(response)


def test_public_pages_may_be_cached_when_signed_out(client):
    assert "no-store" not in client.get("/privacy").headers.get("Cache-Control", "")


def test_public_page_for_a_signed_in_user_is_not_stored(client, login, make_user, unit):
    login(make_user("organiser", unit))
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_form_answers_are_not_stored(client):
    response = post(client, "/accessibility", {"description": "x"}, "/accessibility")
    assert response.status_code == 200  # re-shown with the error
    assert response.headers["Cache-Control"] == "no-store"


def test_hsts_only_where_served_over_tls(client, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/").headers  # development, tests
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost")
    production = create_app("production").test_client()
    response = production.get("/privacy")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


# Every response type: feeds, downloads, images, redirects and errors ----------------------

REPORT = "/reports/hagersten-alvsjo/2022/t2"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def world(app):
    """The access matrix's world; plain ids for the URLs below."""
    with app.app_context():
        built = build_world()
        return {
            "event": built.objects["public_event"].id,
            "draft": built.objects["draft_event"].id,
            "cycle": built.objects["award_cycle"].id,
        }


def _as(app, role: str):
    client = app.test_client()
    if role != "anonymous":
        login = {"email": f"{role}@example.org", "password": WORLD_PASSWORD}
        assert post(client, "/login", login, token_from="/login").status_code == 302
    return client


#: (role, path, content type, download file ending or None, a staff response?)
DOWNLOADS = [
    ("anonymous", lambda w: "/feeds/events.ics", "text/calendar", None, False),
    ("anonymous", lambda w: "/feeds/units/hagersten-alvsjo.ics", "text/calendar", None, False),
    ("anonymous", lambda w: f"/feeds/private/{FEED_TOKEN}.ics", "text/calendar", None, False),
    ("anonymous", lambda w: f"/events/{w['event']}.ics", "text/calendar", ".ics", False),
    ("organiser", lambda w: f"/events/{w['draft']}.ics", "text/calendar", ".ics", True),
    ("officer", lambda w: f"{REPORT}.docx", DOCX, ".docx", True),
    ("officer", lambda w: f"{REPORT}.md", "text/markdown", ".md", True),
    ("officer", lambda w: f"{REPORT}.csv", "text/csv", ".csv", True),
    ("officer", lambda w: f"{REPORT}/chart.png", "image/png", None, True),
    ("city", lambda w: "/reports/city/2022/t2.docx", DOCX, ".docx", True),
    ("award_admin", lambda w: f"/manage/awards/{w['cycle']}/protocol.docx", DOCX, ".docx", True),
    ("award_admin", lambda w: f"/manage/awards/{w['cycle']}/redacted.csv", "text/csv", ".csv", True),
    ("organiser", lambda w: f"/manage/events/{w['event']}/registrations.csv", "text/csv", ".csv", True),
]  # fmt: skip


@pytest.mark.parametrize(
    ("role", "path", "content_type", "ending", "staff"),
    DOWNLOADS,
    ids=[
        f"{role}:{ct.split('/')[-1][:12]}:{i}" for i, (role, _p, ct, _e, _s) in enumerate(DOWNLOADS)
    ],
)
def test_every_response_type_carries_its_headers(
    app, world, role, path, content_type, ending, staff
):
    response = _as(app, role).get(path(world))
    assert response.status_code == 200
    _assert_security_headers(response)
    mimetype, options = parse_options_header(response.headers["Content-Type"])
    assert mimetype == content_type
    if content_type.startswith("text/"):
        # Exactly one charset: a repeated parameter is what a careless mimetype gives.
        assert response.headers["Content-Type"].count("charset=") == 1
        assert options["charset"].lower() == "utf-8"
    disposition = response.headers.get("Content-Disposition", "")
    if ending:
        kind, params = parse_options_header(disposition)
        assert kind == "attachment" and params["filename"].endswith(ending)
    cache = response.headers.get("Cache-Control", "")
    if staff:
        assert cache == "no-store", "a staff response must never be stored"
    else:
        assert "no-store" not in cache and cache.endswith("max-age=900")
    if "private" in path(world) or path(world).endswith(f"{world['draft']}.ics"):
        assert not cache.startswith("public"), "a personal or draft feed in a shared cache"


def test_redirects_carry_security_headers(app, world):
    anonymous = _as(app, "anonymous").get("/manage/events/")
    assert anonymous.status_code == 302 and anonymous.location.startswith("/login?next=")
    _assert_security_headers(anonymous)
    staff = _as(app, "organiser")
    moved = post(staff, "/logout", token_from="/profile")
    assert moved.status_code == 302
    _assert_security_headers(moved)
    assert moved.headers["Cache-Control"] == "no-store"


def test_too_large_a_request_is_a_413_page_with_headers(app, client):
    body = b"description=" + b"x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    response = client.post(
        "/accessibility", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert response.content_type == "text/html; charset=utf-8"
    assert "För stor begäran" in response.get_data(as_text=True)
    _assert_security_headers(response)


def test_405_on_a_staff_route_is_not_stored(app, world):
    response = _as(app, "organiser").get("/logout")
    assert response.status_code == 405
    assert response.headers["Cache-Control"] == "no-store"
    _assert_security_headers(response)


# Cookies -------------------------------------------------------------------------------


def _set_cookie(response, name: str) -> dict[str, str]:
    """The named cookie's attributes from Set-Cookie, lower-cased keys ('' for flags)."""
    for header in response.headers.getlist("Set-Cookie"):
        first, *attributes = (part.strip() for part in header.split(";"))
        if first.split("=", 1)[0] == name:
            pairs = (a.split("=", 1) + [""] for a in attributes)
            return {k.lower(): v for k, v, *_ in pairs}
    raise AssertionError(f"no Set-Cookie for {name}")


def test_production_cookies_are_secure_httponly_lax(monkeypatch):
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost")
    production = create_app("production")
    config = production.config
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]
    assert config["SESSION_COOKIE_HTTPONLY"] and config["REMEMBER_COOKIE_HTTPONLY"]
    assert config["SESSION_COOKIE_SAMESITE"] == config["REMEMBER_COOKIE_SAMESITE"] == "Lax"
    assert config["PERMANENT_SESSION_LIFETIME"] == timedelta(hours=12)
    assert config["REMEMBER_COOKIE_DURATION"] == timedelta(days=14)
    # The session cookie a production page sets (the login form's CSRF token) says so too.
    cookie = _set_cookie(production.test_client().get("/login"), "session")
    assert {"secure", "httponly"} <= cookie.keys() and cookie["samesite"] == "Lax"


def test_session_and_remember_cookies_as_configured(app, client, make_user, unit, monkeypatch):
    # The production flags, on the test app: both cookies are written per request from config.
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    monkeypatch.setitem(app.config, "REMEMBER_COOKIE_SECURE", True)
    user = make_user("organiser", unit)
    login = {"email": user.email, "password": WORLD_PASSWORD, "remember": "y"}
    response = post(client, "/login", login, token_from="/login")
    assert response.status_code == 302
    session = _set_cookie(response, "session")
    assert {"secure", "httponly"} <= session.keys() and session["samesite"] == "Lax"
    assert "expires" not in session  # ends with the browser; the server also stops at 12 h
    remember = _set_cookie(response, "remember_token")
    assert {"secure", "httponly"} <= remember.keys() and remember["samesite"] == "Lax"
    expires = parsedate_to_datetime(remember["expires"])
    assert abs(expires - datetime.now(UTC) - timedelta(days=14)) < timedelta(minutes=5)


def test_a_session_older_than_its_lifetime_is_not_accepted(app, client, make_user, unit, login):
    login(make_user("organiser", unit))
    assert client.get("/profile").status_code == 200
    later = time.time() + app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() + 60
    with pytest.MonkeyPatch.context() as clock:
        clock.setattr(TimestampSigner, "get_timestamp", lambda self: int(later))
        response = client.get("/profile")
    assert response.status_code == 302 and response.location.startswith("/login")


def test_the_session_is_rotated_at_login(app, make_user, unit):
    """Session fixation: nothing of the cookie from before the login works after it."""
    user = make_user("organiser", unit)
    victim = app.test_client()
    before = csrf_token(victim, "/login")
    planted = victim.get_cookie("session").value
    login = {"email": user.email, "password": WORLD_PASSWORD, "csrf_token": before}
    assert victim.post("/login", data=login).status_code == 302
    assert victim.get_cookie("session").value != planted
    # The token from before the login no longer passes: the session's secret is new.
    refused = victim.post("/accessibility", data={"csrf_token": before, "description": "x"})
    assert refused.status_code == 400
    # Whoever planted the old cookie is still anonymous.
    attacker = app.test_client()
    attacker.set_cookie("session", planted)
    assert attacker.get("/profile").status_code == 302
