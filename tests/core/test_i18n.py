"""Swedish first; the English catalogue is complete and the footer switch works."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.conftest import post

ROOT = Path(__file__).parents[2]
CATALOGUE = ROOT / "app/translations/en/LC_MESSAGES/messages.po"
TEMPLATE = ROOT / "app/translations/messages.pot"


def _read(path: Path):
    with path.open("rb") as source:
        return read_po(source)


@pytest.mark.nodb
def test_every_msgid_in_the_english_catalogue_is_translated():
    catalogue = _read(CATALOGUE)
    untranslated = [
        m.id
        for m in catalogue
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == [] and fuzzy == []


@pytest.mark.nodb
def test_the_catalogue_covers_the_extracted_template():
    catalogue = {m.id for m in _read(CATALOGUE) if m.id}
    template = {m.id for m in _read(TEMPLATE) if m.id}
    assert sorted(template - catalogue, key=str) == []


@pytest.mark.nodb
def test_placeholders_survive_translation():
    import re

    for message in _read(CATALOGUE):
        if message.id and isinstance(message.id, str):
            wanted = sorted(re.findall(r"%\(\w+\)s", message.id))
            assert sorted(re.findall(r"%\(\w+\)s", message.string)) == wanted, message.id


def test_swedish_is_the_default(client):
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html and "Logga in" in html
    assert "In English" in html


def test_switching_to_english_shows_english_and_back(client):
    response = client.get("/language/en?next=/login")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("lang="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    html = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Skip to content" in html and "Sign in" in html and "Password" in html
    assert "Hoppa till innehållet" not in html
    assert "På svenska" in html
    client.get("/language/sv?next=/login")
    assert "Hoppa till innehållet" in client.get("/login").get_data(as_text=True)


def test_english_error_pages_and_form_errors(client):
    client.get("/language/en")
    assert "Page not found" in client.get("/finns-inte").get_data(as_text=True)
    html = post(client, "/login", {"email": "", "password": ""}, "/login").get_data(as_text=True)
    assert "Enter your e-mail address." in html


@pytest.mark.parametrize("lang", ["de", "%20", "en-GB", "x" * 1000])
def test_unknown_languages_are_not_found_and_change_nothing(client, lang):
    response = client.get(f"/language/{lang}?next=/login")
    assert response.status_code == 404
    assert response.headers.getlist("Set-Cookie") == []
    assert '<html lang="sv">' in client.get("/").get_data(as_text=True)


def test_the_way_back_stays_on_this_site(client):
    response = client.get("/language/en?next=//evil.example")
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_forcing_a_locale_inside_a_request_translates_templates(app):
    from flask import render_template_string
    from flask_babel import force_locale

    source = "{{ _('Logga in') }} / {{ _('Hanterad %(date)s', date='1 mars') }}"
    with app.test_request_context("/"):
        assert render_template_string(source) == "Logga in / Hanterad 1 mars"
        with force_locale("en"):
            assert render_template_string(source) == "Sign in / Handled 1 mars"
        assert render_template_string(source) == "Logga in / Hanterad 1 mars"


def test_a_public_page_gives_an_anonymous_visitor_no_session(client):
    """The language switch is a link: pages without a form need no session cookie."""
    response = client.get("/privacy")
    assert 'href="/language/en?next=/privacy"' in response.get_data(as_text=True)
    assert response.headers.getlist("Set-Cookie") == []
