"""Path tricks on every route with a parameter: 400 or 404, never a 5xx, never another object.

The routes come from `app.url_map`, so a new route is tried without anyone listing it.
Each parameter in turn gets a hostile value while the others keep a value that names a
real object of the world, so the trick reaches the view and not only the router.
"""

from __future__ import annotations

import re

import pytest
from werkzeug.exceptions import NotFound

from app.accounts import services as accounts
from app.accounts.models import Role
from app.extensions import db
from tests.conftest import csrf_token, post
from tests.world import PASSWORD, build_world

TRICKS = [
    "%00",
    "1%00",
    "..%2f..%2fetc%2fpasswd",
    "%2e%2e/",
    "..",
    "-1",
    "0",
    str(2**31),
    str(2**70),
    "1.5",
    "%ff%fe",
    "a" * 5000,
]

#: A value naming a real object of the world, by parameter name.
SANE = {
    "unit_slug": "hagersten-alvsjo",
    "slug": "hagersten-alvsjo",
    "year": "2022",
    "period": "t2",
    "month": "12",
    "week": "10",
    "token": "world-cancel-token-0123456789abcdef",
    "filename": "css/torget.css",
}

#: Routes that answer an unknown value with something other than 404, and why.
OTHER_ANSWERS = {
    # An unknown or broken reset link sends the person back to ask for a new one (a value
    # with a slash in it matches no route: 404).
    "accounts.reset_password": {302, 404},
    # The static files: Werkzeug's safe_join refuses traversal with 404 (and a bad path 400).
    "static": {400, 404},
}

PARAM = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")


def _url(rule: str, trick_at: int, trick: str) -> str:
    parts = iter(range(100))

    def fill(match: re.Match) -> str:
        name = match.group(2)
        return trick if next(parts) == trick_at else SANE.get(name, "1")

    return PARAM.sub(fill, rule)


def _cases(app) -> list[tuple[str, str, str]]:
    cases = []
    for rule in app.url_map.iter_rules():
        for i, _match in enumerate(PARAM.finditer(rule.rule)):
            for trick in TRICKS:
                cases.append((rule.endpoint, sorted(rule.methods), _url(rule.rule, i, trick)))
    return cases


#: Routes only a juror may open; everyone else is refused before the lookup.
JUROR_ROUTES = {"awards.jury_candidate", "awards.declare"}


@pytest.fixture
def clients(app):
    """Who may open every page of the world, so access checks never hide what the lookup
    does: a site administrator who is also the unit's admin and a city officer; and a juror."""
    with app.app_context():
        world = build_world()
        root = accounts.create_user(
            None, "root@example.org", "Rot", PASSWORD, is_site_admin=True, is_city_officer=True
        )
        accounts.add_membership(None, root, world.unit.id, Role.ADMIN)
        db.session.commit()
    return {
        "root": _signed_in(app, "root@example.org"),
        "juror": _signed_in(app, "juror_a@example.org"),
    }


def _signed_in(app, email: str):
    client = app.test_client()
    response = post(client, "/login", {"email": email, "password": PASSWORD}, token_from="/login")
    assert response.status_code == 302
    return client, csrf_token(client, "/profile")


def _answer(client, token: str, methods, url: str) -> int:
    method = "GET" if "GET" in methods else "POST"
    data = {"csrf_token": token} if method == "POST" else None
    # Werkzeug answers the double slash a decoded %2f leaves with a 308 to the merged path;
    # follow it (same method and body) to what the route itself says.
    response = client.open(url, method=method, data=data)
    response.close()
    if response.status_code == 308:
        response = client.open(response.location, method=method, data=data)
        response.close()
    return response.status_code


def test_every_parameterised_route_is_tried(app):
    endpoints = {endpoint for endpoint, _m, _u in _cases(app)}
    assert {"events.show_event", "awards.jury_candidate", "reports.edit_answer"} <= endpoints


def test_path_tricks(app, clients):
    failures = []
    for endpoint, methods, url in _cases(app):
        client, token = clients["juror" if endpoint in JUROR_ROUTES else "root"]
        status = _answer(client, token, methods, url)
        if status not in OTHER_ANSWERS.get(endpoint, {400, 404}):
            failures.append(f"{endpoint} {url[:120]}: {status}")
    assert not failures, "\n".join(sorted(set(failures)))


@pytest.mark.parametrize("name", ["\x00", "1\x00", "a\x1fb", "\x7f"])
def test_names_in_paths_refuse_control_characters(app, name):
    """On PostgreSQL a NUL in a compared text is an error (a 500 once); the router stops it
    on every database."""
    adapter = app.url_map.bind("localhost")
    with pytest.raises(NotFound):
        adapter.match(f"/feeds/units/{name}.ics")
    assert adapter.match("/feeds/units/hägersten-älvsjö.ics")[0] == "feeds.unit"


#: Query arguments the pages read; each request gives all of them one hostile value.
QUERY_KEYS = ("date", "from", "to", "venue", "unit", "kind", "page", "next", "status", "q")
QUERY_VALUES = ("%00", "%ff%fe", "-1", str(2**70), "a" * 3000)


def test_hostile_query_strings_never_give_a_5xx(app, clients):
    failures = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        path = PARAM.sub(lambda m: SANE.get(m.group(2), "1"), rule.rule)
        client, _token = clients["juror" if rule.endpoint in JUROR_ROUTES else "root"]
        for value in QUERY_VALUES:
            query = "&".join(f"{key}={value}" for key in QUERY_KEYS)
            response = client.get(f"{path}?{query}")
            response.close()
            if response.status_code >= 500:
                failures.append(f"{rule.endpoint} {path}?…={value[:20]}: {response.status_code}")
    assert not failures, "\n".join(failures)
