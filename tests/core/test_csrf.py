"""Every state-changing route refuses a request without a CSRF token."""

from __future__ import annotations

import re

import pytest

from tests.proof import snapshot
from tests.test_access import all_routes, signed_in_client
from tests.world import build_plain_world

SAMPLE_VALUES = {"int": "1", "string": "x", "path": "x", "default": "x"}


def post_urls(app) -> list[str]:
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.methods or not ({"POST", "PUT", "PATCH", "DELETE"} & rule.methods):
            continue
        url = rule.rule
        for converter, _name in re.findall(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>", rule.rule):
            value = SAMPLE_VALUES.get(converter or "default", "1")
            url = re.sub(r"<[^>]+>", value, url, count=1)
        urls.append(url)
    return sorted(set(urls))


def test_there_are_post_routes(app):
    assert "/login" in post_urls(app)
    assert "/logout" in post_urls(app)


def test_every_post_route_requires_csrf(app, client):
    failures = []
    for url in post_urls(app):
        response = client.post(url, data={"anything": "1"})
        if response.status_code != 400:
            failures.append(f"{url}: {response.status_code}")
    assert failures == []


@pytest.mark.parametrize("url", ["/login", "/accessibility"])
def test_csrf_error_page_is_swedish(client, url):
    response = client.post(url, data={"email": "a@example.org"})
    assert response.status_code == 400
    assert "säkerhetskod" in response.get_data(as_text=True)


@pytest.fixture
def world(app):
    with app.app_context():
        return build_plain_world()


@pytest.mark.parametrize("role", ["anonymous", "organiser", "award_admin", "juror_a", "admin"])
@pytest.mark.parametrize("token", ["missing", "another session's"])
def test_the_write_matrix_bodies_need_the_sessions_token(app, world, role, token):
    """The write matrix's plausible POSTs, by a role that may send them, without this
    session's token: every one refused with 400, and not one row changed."""
    client, _own, _cookie = signed_in_client(app, world, role)
    foreign = signed_in_client(app, world, "officer")[1] if token != "missing" else None
    with app.app_context():
        before = snapshot.take()
    failures = []
    for route in all_routes():
        if route.post_url is None:
            continue
        data = route.post_data(world)
        if foreign:
            data["csrf_token"] = foreign
        response = client.post(route.post_url(world), data=data)
        if response.status_code != 400:
            failures.append(f"{route.endpoint}: {response.status_code}")
    with app.app_context():
        assert snapshot.differences(before, snapshot.take()) == []
    assert failures == []
