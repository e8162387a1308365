"""Conditional requests, caching headers, private tokens and query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.extensions import db
from tests.conftest import count_queries, post
from tests.feeds.world import demo_like

FEEDS = [
    "/feeds/events.ics",
    "/feeds/units/hagersten-alvsjo.ics",
    "/feeds/venues/liljeholmstorget.ics",
    "/feeds/organisations/liljeholmens-foretagsgrupp.ics",
]


@pytest.mark.parametrize("path", FEEDS)
def test_headers_and_304(client, demo, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Content-Type"] == "text/calendar; charset=utf-8"
    etag = first.headers["ETag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    assert first.headers["Cache-Control"] == "public, max-age=900"
    assert first.headers["Last-Modified"]
    again = client.get(path, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    assert again.headers["ETag"] == etag
    since = client.get(path, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    other = client.get(path, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.data == first.data


def test_if_none_match_wins_over_if_modified_since(client, demo):
    first = client.get("/feeds/events.ics")
    response = client.get(
        "/feeds/events.ics",
        headers={"If-None-Match": '"old"', "If-Modified-Since": first.headers["Last-Modified"]},
    )
    assert response.status_code == 200


def test_etag_is_the_same_for_the_same_data_in_a_new_worker(client, demo):
    from app.feeds import cache

    first = client.get("/feeds/events.ics")
    cache.clear()
    second = client.get("/feeds/events.ics")
    assert second.headers["ETag"] == first.headers["ETag"] and second.data == first.data


def test_older_if_modified_since_gets_the_feed(client, demo):
    first = client.get("/feeds/events.ics")
    from werkzeug.http import http_date, parse_date

    older = http_date(parse_date(first.headers["Last-Modified"]) - timedelta(days=1))
    assert client.get("/feeds/events.ics", headers={"If-Modified-Since": older}).status_code == 200


def private_feed_url(client, app, login, user) -> str:
    login(user)
    response = post(client, "/feeds/token", token_from="/profile")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    start = html.index("http://localhost/feeds/private/")
    url = html[start : html.index('"', start)]
    assert "webcal://localhost/feeds/private/" in html
    return url.replace("http://localhost", "")


def test_private_feed_has_drafts_of_my_units(app, client, demo, make_user, login, unit):
    organiser = make_user("organiser", unit)
    path = private_feed_url(client, app, login, organiser)
    anonymous = app.test_client()
    response = anonymous.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, max-age=900"
    body = response.get_data(as_text=True)
    assert "Hemligt utkast" in body and "Sommar på torget" in body
    with app.app_context():
        user = db.session.get(User, organiser.id)
        token = path.rsplit("/", 1)[1].removesuffix(".ics")
        assert user.feed_token_hash and token not in user.feed_token_hash
        actions = db.session.scalars(select(AuditEntry.action)).all()
        assert "feed.token_issued" in actions


def test_private_feed_of_another_unit_has_no_drafts_of_mine(
    app, client, demo, make_user, login, other_unit
):
    path = private_feed_url(client, app, login, make_user("organiser", other_unit))
    body = app.test_client().get(path).get_data(as_text=True)
    assert "Hemligt utkast" not in body and "Sommar på torget" in body


def test_revoked_and_regenerated_tokens(app, client, demo, make_user, login, unit):
    organiser = make_user("organiser", unit)
    old = private_feed_url(client, app, login, organiser)
    new = post(client, "/feeds/token", token_from="/profile").get_data(as_text=True)
    assert app.test_client().get(old).status_code == 404
    start = new.index("/feeds/private/")
    newer = new[start : new.index('"', start)]
    assert app.test_client().get(newer).status_code == 200
    response = post(client, "/feeds/token/revoke", token_from="/profile")
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    assert app.test_client().get(newer).status_code == 404
    with app.app_context():
        assert db.session.get(User, organiser.id).feed_token_hash is None
        assert "feed.token_revoked" in db.session.scalars(select(AuditEntry.action)).all()
    assert "avstängd" in client.get("/profile").get_data(as_text=True)


def test_profile_shows_the_private_feed_section_to_staff_only(client, make_user, login, unit):
    login(make_user("organiser", unit))
    assert "Min privata kalender" in client.get("/profile").get_data(as_text=True)


def test_no_private_feed_for_a_user_without_roles(app, client, make_user, login):
    user = make_user()
    login(user)
    assert "Min privata kalender" not in client.get("/profile").get_data(as_text=True)
    assert post(client, "/feeds/token", token_from="/profile").status_code == 403
    with app.app_context():
        assert db.session.get(User, user.id).feed_token_hash is None


def test_inactive_users_feed_stops(app, client, demo, make_user, login, unit):
    organiser = make_user("organiser", unit)
    path = private_feed_url(client, app, login, organiser)
    with app.app_context():
        db.session.get(User, organiser.id).is_active = False
        db.session.commit()
    assert app.test_client().get(path).status_code == 404


def test_token_buttons_need_login(client):
    assert post(client, "/feeds/token").status_code == 302
    assert post(client, "/feeds/token/revoke").status_code == 302


def test_city_officer_private_feed_has_every_units_drafts(app, client, demo, make_user, login):
    path = private_feed_url(client, app, login, make_user(is_city_officer=True))
    assert "Hemligt utkast" in app.test_client().get(path).get_data(as_text=True)


@pytest.mark.parametrize("path", FEEDS + ["/feeds/series/{summer}.ics", "/events/{summer}.ics"])
def test_query_count_does_not_grow_with_events(app, client, make_event, unit, path):
    demo = demo_like(app, make_event, unit)
    path = path.format(summer=demo["summer"].id)

    def cold_count():
        from app.feeds import cache

        cache.clear()
        with count_queries(app) as n:
            assert client.get(path).status_code == 200
        return n()

    few = cold_count()
    start = demo["dialogue"].starts_at - timedelta(days=30)
    for i in range(15):
        make_event(
            unit,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            venue_id=demo["venue"].id,
            organiser_id=demo["org"].id,
            rrule="FREQ=WEEKLY;COUNT=5",
            title=f"Extra {i}",
            changes=[
                {"original_start": start + timedelta(weeks=1), "is_cancelled": True},
                {
                    "original_start": start + timedelta(weeks=2),
                    "starts_at": start + timedelta(weeks=2, hours=2),
                    "ends_at": start + timedelta(weeks=2, hours=3),
                    "venue_id": demo["hall"].id,
                },
            ],
        )
    assert cold_count() == few
    assert few <= 8
