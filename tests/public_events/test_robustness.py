"""No input gives a 500: odd query strings, paths and form values on the public pages."""

from __future__ import annotations

import pytest

from tests.conftest import post
from tests.registrations.world import open_event, registrations

ODD = [
    "",
    "%00",
    "x" * 10000,
    "-1",
    "0001-01-01",
    "9999-12-31",
    "2022-02-30",
    "%F0%9F%98%80",
    "<script>",
    "1e309",
    "[]",
    "%ff%fe",
]


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize("key", ["from", "to", "kind", "venue", "unit", "page", "_scheme"])
def test_event_list_never_fails(client, key, value):
    response = client.get(f"/events/?{key}={value}")
    assert response.status_code == 200
    assert "<script>" not in response.get_data(as_text=True)


@pytest.mark.parametrize("value", ODD)
def test_calendar_list_never_fails(client, value):
    assert client.get(f"/calendar/list?from={value}").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/calendar/0/0",
        "/calendar/2022/-1",
        "/calendar/99999999999/1",
        "/calendar/x/y",
        "/calendar/2022/week/99999999999",
        "/events/-1",
        "/events/0",
        "/registrations/cancel/%00",
        "/registrations/cancel/" + "a" * 3000,
    ],
)
def test_odd_paths_are_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("value", ODD)
@pytest.mark.parametrize("field", ["name", "email", "organisation", "date", "website"])
def test_registration_form_never_fails(app, client, unit, make_event, monkeypatch, field, value):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "1000 per minute")
    event = open_event(make_event, unit)
    data = {"name": "Anna", "email": "anna@example.org", field: value}
    response = post(client, f"/events/{event.id}/register", data, token_from=f"/events/{event.id}")
    assert response.status_code in (302, 422)
    assert len(registrations(app)) <= 1
