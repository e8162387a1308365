"""The access matrix: every endpoint in the app, every role, status and data."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import tests
from tests.access import ROLES, Route
from tests.conftest import post
from tests.world import PASSWORD, build_world


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
        world = build_world()
        # Keep plain values: the objects' session ends with this context.
        world.users = {name: _Plain(id=u.id, email=u.email) for name, u in world.users.items()}
        world.objects = {name: _Plain(**_columns(o)) for name, o in world.objects.items()}
        world.unit = _Plain(**_columns(world.unit))
        world.other_unit = _Plain(**_columns(world.other_unit))
    return world


class _Plain:
    def __init__(self, **values):
        self.__dict__.update(values)


def _columns(obj) -> dict:
    return {c.key: getattr(obj, c.key) for c in obj.__mapper__.column_attrs}


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
