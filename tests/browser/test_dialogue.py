"""The dialogue's pages in a browser: lists, forms and their error states pass axe, at desk
and phone width, and a need is taken through its steps with the keyboard's buttons."""

from __future__ import annotations

from datetime import date

import pytest

from app.accounts.models import Role
from app.directory.models import Organisation, OrganisationKind
from app.extensions import db
from tests.browser.axe import assert_accessible, browser_login
from tests.browser.test_coverage import assert_shown_with_errors, send
from tests.browser.test_narrow import _fits
from tests.conftest import PASSWORD
from tests.dialogue.world import make_contact, make_need

pytestmark = pytest.mark.browser


def test_contacts_and_needs_pages_with_their_errors(
    app, live_server, page, unit, other_unit, make_user
):
    officer = make_user(Role.OFFICER, unit)
    with app.app_context():
        contact_id = make_contact(unit.id).id
        need_id = make_need(unit.id, raised_on=date(2020, 1, 1), owner_id=officer.id).id
        db.session.commit()
    browser_login(page, live_server, officer.email, PASSWORD)
    base = f"{live_server}/manage/dialogue/{unit.slug}"
    page.goto(f"{live_server}/manage/dialogue/")
    assert page.url == f"{base}/contacts/"
    assert_accessible(page)
    page.goto(f"{base}/contacts/new")
    assert_accessible(page)
    page.locator("#topic").fill("")
    send(page, "Spara")
    assert_shown_with_errors(page, "topic")
    page.goto(f"{base}/contacts/{contact_id}")
    assert_accessible(page)
    page.locator("#kind").select_option("routed_question")
    send(page, "Spara")
    assert_shown_with_errors(page, "authority")
    page.goto(f"{base}/needs/")
    assert page.get_by_text("Försenad").count() == 1
    assert_accessible(page)
    page.goto(f"{base}/needs/new")
    assert_accessible(page)
    page.locator("#description").fill("")
    send(page, "Spara")
    assert_shown_with_errors(page, "description")
    page.goto(f"{base}/needs/{need_id}")
    assert_accessible(page)
    page.locator("#step-status").select_option("fed_back")
    page.locator("#step-feedback").fill("")
    send(page, "Spara steget")
    assert_shown_with_errors(page, "step-feedback")
    page.locator("#step-feedback").fill("Vi hittade en lokal via fastighetsägaren.")
    send(page, "Spara steget")
    assert page.locator("dd", has_text="Vi hittade en lokal via fastighetsägaren.").is_visible()
    page.locator("#description").fill("")
    send(page, "Spara")
    assert_shown_with_errors(page, "description")
    page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/contacts/", "/needs/", f"/needs/{need_id}"):
        page.goto(base + path)
        assert_accessible(page)


def test_a_site_admin_chooses_the_unit(app, live_server, page, unit, other_unit, make_user):
    admin = make_user(Role.ADMIN, unit, is_site_admin=True)
    browser_login(page, live_server, admin.email, PASSWORD)
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server}/manage/dialogue/")
        assert page.get_by_role("link", name="Bromma stadsdelsnämnd").is_visible()
        assert_accessible(page)
        assert _fits(page, width) is None


def test_the_type_ahead_suggests_organisations_from_the_register(
    app, live_server, page, unit, make_user
):
    officer = make_user(Role.OFFICER, unit)
    with app.app_context():
        db.session.add(
            Organisation(name="Citycon", slug="citycon", kind=OrganisationKind.PROPERTY_OWNER)
        )
        db.session.commit()
    browser_login(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}/manage/dialogue/{unit.slug}/contacts/new")
    page.locator("#add_organisation").press_sequentially("Cityc")
    page.locator("#organisation-suggestions option").first.wait_for(state="attached", timeout=5000)
    assert (
        page.locator("#organisation-suggestions option").first.get_attribute("value") == "Citycon"
    )
    page.locator("#topic").fill("Besök hos centrumägaren")
    page.locator("#add_organisation").fill("Citycon")
    send(page, "Spara")
    assert page.url.endswith("/contacts/")
    assert page.get_by_role("cell", name="Citycon").is_visible()
