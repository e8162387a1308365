"""The access matrix: every endpoint in the app, every role, status and data."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests
from app.extensions import limiter
from tests.access import ROLES, Route
from tests.conftest import csrf_token, post
from tests.proof import snapshot
from tests.world import PASSWORD, build_plain_world


def all_routes() -> list[Route]:
    routes = []
    for info in pkgutil.iter_modules(tests.__path__):
        if info.ispkg:
            try:
                module = importlib.import_module(f"tests.{info.name}.access")
            except ModuleNotFoundError:
                continue
            routes.extend(module.ROUTES)
    return routes


def test_every_endpoint_is_in_the_access_table(app):
    listed = {route.endpoint for route in all_routes()}
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(endpoints - listed) == [], "routes without an access entry"
    assert sorted(listed - endpoints) == [], "access entries for routes that do not exist"


@pytest.fixture
def world(app):
    with app.app_context():
        return build_plain_world()


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        response = post(
            client,
            "/login",
            {"email": world.users[role].email, "password": PASSWORD},
            token_from="/login",
        )
        assert response.status_code == 302
    failures = []
    for route in all_routes():
        if route.post_only or route.url is None:
            continue
        url = route.url(world)
        response = client.get(url)
        response.close()
        expected = route.status_for(role)
        if response.status_code != expected:
            failures.append(f"{route.endpoint} {url}: {response.status_code} != {expected}")
            continue
        if response.status_code == 200 and route.must_not_contain:
            body = response.get_data(as_text=True)
            for text in route.must_not_contain(world):
                if text in body:
                    failures.append(f"{route.endpoint} {url}: shows {text!r} to {role}")
    assert failures == []


# The write matrix ---------------------------------------------------------------------

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
#: A refused request: these statuses, or Flask-Login's redirect to the login page (which
#: carries `next`; a form that succeeds may also lead to /login, e.g. a new password).
REFUSED = {400, 401, 403, 404, 405, 409}


def test_every_write_endpoint_has_a_post_entry(app):
    writes = {
        rule.endpoint for rule in app.url_map.iter_rules() if WRITE_METHODS & set(rule.methods)
    }
    covered = {route.endpoint for route in all_routes() if route.post_url is not None}
    assert sorted(writes - covered) == [], "endpoints accepting POST without a POST entry"
    assert sorted(covered - writes) == [], "POST entries for endpoints that take no POST"


def _refused(response) -> bool:
    location = response.headers.get("Location", "")
    return response.status_code in REFUSED or (
        response.status_code == 302 and location.startswith("/login?next=")
    )


def signed_in_client(app, world, role):
    client = app.test_client()
    if role != "anonymous":
        login = {"email": world.users[role].email, "password": PASSWORD}
        response = post(client, "/login", login, token_from="/login")
        assert response.status_code == 302
    token = csrf_token(client, "/login" if role == "anonymous" else "/profile")
    return client, token, client.get_cookie("session")


def _check_post(app, client, route, world, role, token, baseline) -> str | None:
    """POST once; None when status and effect on the database are as the table says.

    The database is put back to `baseline` afterwards, so each POST meets the same world.
    """
    url = route.post_url(world)
    response = client.post(url, data={**route.post_data(world), "csrf_token": token})
    response.close()
    with app.app_context():
        after = snapshot.take()
        changes = snapshot.differences(baseline, after)
        if changes:
            snapshot.restore(baseline, after)
            assert snapshot.differences(baseline, snapshot.take()) == [], "restore failed"
    expected = route.post_status_for(role)
    where = f"{route.endpoint} POST {url} as {role}"
    if response.status_code != expected:
        return f"{where}: {response.status_code} != {expected} ({response.location})"
    if _refused(response):
        return f"{where}: refused but changed {changes}" if changes else None
    # An entry in the audit log alone is not the change the form is for.
    real = [line for line in changes if not line.startswith("audit_entry:")]
    if role in route.post_same:
        return f"{where}: should change nothing but did {real}" if real else None
    return None if real else f"{where}: accepted ({response.status_code}) but nothing changed"


@pytest.mark.parametrize("role", ROLES)
def test_write_matrix(app, world, role):
    client, token, session_cookie = signed_in_client(app, world, role)
    with app.app_context():
        baseline = snapshot.take()
    failures = []
    for route in all_routes():
        if route.post_url is None:
            continue
        limiter.reset()  # the matrix sends more than a person would; limits are tested elsewhere
        if session_cookie is not None:  # the same session before every request
            client.set_cookie("session", session_cookie.value)
        failures.append(_check_post(app, client, route, world, role, token, baseline))
    failures = [f for f in failures if f]
    assert not failures, "\n".join(failures)
