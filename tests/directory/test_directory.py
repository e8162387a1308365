"""Venues and organisations in the UI: validation, uniqueness, permissions, audit."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.directory.models import Organisation, Venue
from app.extensions import db
from tests.conftest import post
from tests.events.conftest import errors

VENUE = {"name": "Älvsjö torg", "slug": "alvsjo-torg", "address": "Älvsjö torg",
         "postal_code": "12530", "district_area": "Älvsjö", "latitude": "59,2786",
         "longitude": "18.0106"}  # fmt: skip
ORG = {"name": "Citycon", "slug": "citycon", "kind": "property_owner",
       "org_number": "5560360793", "website": "https://www.citycon.com"}  # fmt: skip


@pytest.fixture
def organiser(make_user, unit):
    return make_user(Role.ORGANISER, unit)


def _rows(app, model) -> list:
    with app.app_context():
        rows = db.session.scalars(select(model)).all()
        db.session.expunge_all()
        return rows


def test_create_and_edit_a_venue(app, client, login, organiser):
    login(organiser)
    response = post(client, "/manage/venues/new", VENUE, token_from="/manage/venues/new")
    assert response.status_code == 302, errors(response)
    assert response.headers["Location"] == "/manage/venues/"
    (venue,) = _rows(app, Venue)
    assert venue.postal_code == "125 30" and venue.latitude == pytest.approx(59.2786)
    assert "Platsen är sparad." in client.get("/manage/venues/").get_data(as_text=True)
    url = f"/manage/venues/{venue.id}"
    assert 'value="59.2786"' in client.get(url).get_data(as_text=True)
    response = post(
        client, url, dict(VENUE, name="Älvsjö torg (norra)", latitude=""), token_from=url
    )
    assert response.status_code == 302
    (venue,) = _rows(app, Venue)
    assert venue.name == "Älvsjö torg (norra)" and venue.latitude is None
    with app.app_context():
        actions = db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "Venue")
            .order_by(AuditEntry.id)
        )
        assert list(actions) == ["venue.create", "venue.update"]


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"slug": "Älvsjö Torg"}, "slug", "Bara små bokstäver"),
    ({"slug": "a" * 10_000}, "slug", "Högst 100 tecken."),
    ({"postal_code": "1253"}, "postal_code", "Skriv postnumret som NNN NN"),
    ({"postal_code": "x" * 10_000}, "postal_code", "Skriv postnumret som NNN NN"),
    ({"latitude": "91"}, "latitude", "Ange ett tal mellan -90 och 90."),
    ({"latitude": "nan"}, "latitude", "Ange ett tal mellan -90 och 90."),
    ({"longitude": "1e400"}, "longitude", "Ange ett tal mellan -180 och 180."),
    ({"longitude": "öster"}, "longitude", "Ange ett tal mellan -180 och 180."),
    ({"name": "x" * 10_000}, "name", "Högst 200 tecken."),
    ({"name": ""}, "name", "Fyll i ett namn."),
])  # fmt: skip
def test_bad_venue_input(app, client, login, organiser, change, field, message):
    login(organiser)
    data = dict(VENUE, **change)
    response = post(client, "/manage/venues/new", data, token_from="/manage/venues/new")
    assert response.status_code == 200
    assert any(f == field and message in m for f, m in errors(response)), errors(response)
    assert 'value="Älvsjö"' in response.get_data(as_text=True)
    assert _rows(app, Venue) == []


def test_slugs_are_unique(app, client, login, organiser):
    login(organiser)
    post(client, "/manage/venues/new", VENUE, token_from="/manage/venues/new")
    response = post(
        client, "/manage/venues/new", dict(VENUE, name="Annan"), token_from="/manage/venues/new"
    )
    assert ("slug", "Kortadressen används redan av en annan plats.") in errors(response)
    assert len(_rows(app, Venue)) == 1


def test_create_an_organisation_with_a_normalised_number(app, client, login, organiser):
    login(organiser)
    url = "/manage/organisations/new"
    response = post(client, url, ORG, token_from=url)
    assert response.status_code == 302, errors(response)
    (org,) = _rows(app, Organisation)
    assert org.org_number == "556036-0793" and org.kind.value == "property_owner"
    edit = f"/manage/organisations/{org.id}"
    page = client.get(edit).get_data(as_text=True)
    assert 'value="property_owner" selected' in page or 'selected value="property_owner"' in page
    response = post(client, edit, dict(ORG, org_number="", website=""), token_from=edit)
    assert response.status_code == 302
    (org,) = _rows(app, Organisation)
    assert org.org_number is None and org.website is None


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"org_number": "556036-0794"}, "org_number", "Organisationsnumret är inte giltigt."),
    ({"org_number": "abc"}, "org_number", "Organisationsnumret är inte giltigt."),
    ({"org_number": "5" * 10_000}, "org_number", "Skriv numret som NNNNNN-NNNN."),
    ({"kind": "pirate"}, "kind", "Välj ett slag i listan."),
    ({"website": "javascript:alert(1)"}, "website", "Skriv en hel adress"),
    ({"slug": "-citycon"}, "slug", "Bara små bokstäver"),
])  # fmt: skip
def test_bad_organisation_input(app, client, login, organiser, change, field, message):
    login(organiser)
    url = "/manage/organisations/new"
    response = post(client, url, dict(ORG, **change), token_from=url)
    assert response.status_code == 200
    assert any(f == field and message in m for f, m in errors(response)), errors(response)
    assert _rows(app, Organisation) == []


@pytest.mark.parametrize(("role", "status"), [(None, 302), ("officer", 403), ("juror", 403),
                                              ("award_admin", 403)])  # fmt: skip
def test_only_arrangers_change_the_directory(app, client, login, make_user, unit, role, status):
    if role:
        login(make_user(role, unit))
    from tests.conftest import csrf_token

    token = csrf_token(client)
    for url, data in (("/manage/venues/new", VENUE), ("/manage/organisations/new", ORG)):
        response = client.post(url, data=dict(data, csrf_token=token))
        assert response.status_code == status
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Venue)) == 0
        assert db.session.scalar(select(func.count()).select_from(Organisation)) == 0


def test_another_units_organiser_may_edit_shared_venues(app, client, login, make_user, other_unit):
    login(make_user(Role.ORGANISER, other_unit))
    response = post(client, "/manage/venues/new", VENUE, token_from="/manage/venues/new")
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/manage/venues/999999", f"/manage/organisations/{2**70}"])
def test_unknown_ids_are_404(client, login, organiser, path):
    login(organiser)
    assert client.get(path).status_code == 404
