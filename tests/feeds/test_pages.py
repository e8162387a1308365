"""The feed list, the subscribe partial on event pages and the token page."""

from __future__ import annotations

from flask import render_template_string

from app.events.models import Event
from app.extensions import db
from tests.feeds.world import demo_like


def test_feed_list_shows_every_feed_with_webcal_links(client, app, make_event, unit):
    demo_like(app, make_event, unit)
    html = client.get("/feeds/").get_data(as_text=True)
    assert "Kalenderflöden" in html
    for path in (
        "/feeds/events.ics",
        "/feeds/units/hagersten-alvsjo.ics",
        "/feeds/venues/liljeholmstorget.ics",
        "/feeds/organisations/liljeholmens-foretagsgrupp.ics",
    ):
        assert f'href="webcal://localhost{path}"' in html
        assert f"http://localhost{path}" in html
    for program in ("Outlook", "Google Kalender", "Apple Kalender"):
        assert program in html
    assert '<th scope="row">Liljeholmstorget</th>' in html


def test_subscribe_partial_on_an_event(app, make_event, unit):
    demo = demo_like(app, make_event, unit)
    with app.test_request_context("/"), app.app_context():
        event = db.session.get(Event, demo["summer"].id)
        html = render_template_string('{% include "feeds/_subscribe.html" %}', event=event)
    assert f'href="webcal://localhost/feeds/series/{event.id}.ics"' in html
    assert f'href="/events/{event.id}.ics"' in html
    assert 'href="webcal://localhost/feeds/venues/liljeholmstorget.ics"' in html
    assert "Prenumerera på Sommar på torget" in html
    assert "Google Kalender" in html and "Outlook" in html and "Apple Kalender" in html


def test_subscribe_partial_without_event_renders_nothing(app):
    with app.test_request_context("/"):
        assert render_template_string('{% include "feeds/_subscribe.html" %}').strip() == ""


def test_public_event_page_includes_the_links(client, app, make_event, unit):
    demo = demo_like(app, make_event, unit)
    response = client.get(f"/events/{demo['summer'].id}")
    if response.status_code == 200:  # the public event page is part of the events pages
        assert f"webcal://localhost/feeds/series/{demo['summer'].id}.ics" in response.get_data(
            as_text=True
        )
