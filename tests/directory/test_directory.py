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
    ({"postal_code": "1253"}, "postal_code", "Skriv postnumret med fem siffror"),
    ({"postal_code": "x" * 10_000}, "postal_code", "Skriv postnumret med fem siffror"),
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
    ({"org_number": "556036-0794"}, "org_number", "kontrollsiffran är fel"),
    ({"org_number": "abc"}, "org_number", "bara innehålla siffror"),
    ({"org_number": "5" * 10_000}, "org_number", "Skriv numret som NNNNNN-NNNN."),
    ({"kind": "pirate"}, "kind", "Välj ett slag i listan."),
    ({"website": "javascript:alert(1)"}, "website", "Skriv en webbadress"),
    ({"website": "https://a b.se"}, "website", "Skriv en webbadress"),
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


# --- who owns a shared entry, and old addresses -------------------------------------------


def _owned_organisation(app, unit) -> Organisation:
    with app.app_context():
        org = Organisation(
            name="Stockholm Business Region",
            slug="stockholm-business-region",
            kind="city_company",
            owner_unit_id=unit.id,
        )
        db.session.add(org)
        db.session.commit()
        db.session.refresh(org)
        db.session.expunge(org)
        return org


def test_another_units_organiser_cannot_rename_a_shared_organisation(
    app, client, login, make_user, unit, other_unit
):
    """The attack: Bromma's organiser renamed Hägersten-Älvsjö's award partner "Hacked"."""
    org = _owned_organisation(app, unit)
    bromma = login(make_user(Role.ORGANISER, other_unit), on=app.test_client())
    page = bromma.get(f"/manage/organisations/{org.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert (
        "ägs av Hägersten-Älvsjö stadsdelsnämnd" in html
        and '<form method="post" class="stack"' not in html
    )
    data = {"name": "Hacked", "slug": "hacked", "kind": "city_company"}
    response = post(
        bromma, f"/manage/organisations/{org.id}", data, token_from="/manage/organisations/"
    )
    assert response.status_code == 403
    (stored,) = _rows(app, Organisation)
    assert stored.name == "Stockholm Business Region" and stored.slug == "stockholm-business-region"


def test_what_a_unit_adds_it_owns_and_edits(app, client, login, make_user, unit, other_unit):
    organiser = make_user(Role.ORGANISER, unit)
    login(organiser)
    post(client, "/manage/venues/new", VENUE, token_from="/manage/venues/new")
    (venue,) = _rows(app, Venue)
    assert venue.owner_unit_id == unit.id
    edited = post(
        client, f"/manage/venues/{venue.id}", dict(VENUE, name="Älvsjö torg (södra)"),
        token_from=f"/manage/venues/{venue.id}",
    )  # fmt: skip
    assert edited.status_code == 302
    other = login(make_user(Role.ORGANISER, other_unit), on=app.test_client())
    refused = post(
        other, f"/manage/venues/{venue.id}", dict(VENUE, name="X"), token_from="/manage/venues/"
    )
    assert refused.status_code == 403
    assert _rows(app, Venue)[0].name == "Älvsjö torg (södra)"


def test_a_site_admin_edits_any_entry(app, client, login, make_user, unit):
    org = _owned_organisation(app, unit)
    login(make_user(None, None, is_site_admin=True))
    data = {"name": "SBR", "slug": "stockholm-business-region", "kind": "city_company"}
    path = f"/manage/organisations/{org.id}"
    assert post(client, path, data, token_from=path).status_code == 302
    assert _rows(app, Organisation)[0].name == "SBR"


def test_a_renamed_slug_keeps_the_subscribers_feed_address(app, client, login, make_user, unit):
    org = _owned_organisation(app, unit)
    login(make_user(Role.ORGANISER, unit))
    path = f"/manage/organisations/{org.id}"
    data = {"name": "Stockholm Business Region", "slug": "sbr", "kind": "city_company"}
    assert post(client, path, data, token_from=path).status_code == 302
    subscriber = app.test_client()
    old = subscriber.get("/feeds/organisations/stockholm-business-region.ics?from=2026-01-01")
    assert old.status_code == 301
    assert old.headers["Location"] == "/feeds/organisations/sbr.ics?from=2026-01-01"
    assert subscriber.get(old.headers["Location"]).status_code == 200
    # The old slug stays reserved, and a second rename keeps both old addresses.
    assert post(client, "/manage/organisations/new", dict(ORG, slug="stockholm-business-region"),
                token_from="/manage/organisations/new").status_code == 200  # fmt: skip
    data["slug"] = "stockholm-business-region-ab"
    assert post(client, path, data, token_from=path).status_code == 302
    for slug in ("stockholm-business-region", "sbr"):
        moved = subscriber.get(f"/feeds/organisations/{slug}.ics")
        assert moved.headers["Location"] == "/feeds/organisations/stockholm-business-region-ab.ics"
    assert subscriber.get("/feeds/organisations/never-existed.ics").status_code == 404


def test_a_renamed_venue_keeps_its_feed_address(app, client, login, make_user, unit):
    login(make_user(Role.ORGANISER, unit))
    post(client, "/manage/venues/new", VENUE, token_from="/manage/venues/new")
    (venue,) = _rows(app, Venue)
    path = f"/manage/venues/{venue.id}"
    assert post(client, path, dict(VENUE, slug="alvsjo-torget"), token_from=path).status_code == 302
    moved = app.test_client().get("/feeds/venues/alvsjo-torg.ics")
    assert (
        moved.status_code == 301 and moved.headers["Location"] == "/feeds/venues/alvsjo-torget.ics"
    )


def test_an_organisations_web_address_is_taken_as_people_write_it(app, client, login, organiser):
    login(organiser)
    url = "/manage/organisations/new"
    response = post(client, url, dict(ORG, website="citycon.se"), token_from=url)
    assert response.status_code == 302, errors(response)
    (org,) = _rows(app, Organisation)
    assert org.website == "https://citycon.se"


def test_a_sole_traders_number_is_masked_in_the_list(app, client, login, organiser):
    login(organiser)
    url = "/manage/organisations/new"
    data = dict(ORG, org_number="19640823-3234", name="Enskilda firman", slug="enskilda-firman")
    assert post(client, url, data, token_from=url).status_code == 302
    listing = client.get("/manage/organisations/").get_data(as_text=True)
    assert "640823-****" in listing and "640823-3234" not in listing
