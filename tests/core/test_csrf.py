"""Every state-changing route refuses a request without a CSRF token."""

from __future__ import annotations

import re

import pytest

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
