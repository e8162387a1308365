"""The award's pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.awards.models import ConflictDeclaration, Decision, Phase
from app.extensions import db
from tests.awards.world import assign, make_cycle, nominate
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


#: What a person types into the nomination form's text fields.
NOMINATION = {
    "company_name": "Exempelbageriet i Älvsjö AB",
    "org_number": "556036-0793",
    "address": "Älvsjö torg 1",
    "postal_code": "125 30",
    "contact_name": "Karin Bagare",
    "contact_email": "karin@example.se",
    "contact_phone": "08-508 210 83",
    "motivation": "Ett bageri som har gett torget liv och anställt unga från området i år.",
    "nominator_name": "Nils Nominerare",
    "nominator_email": "nils@example.org",
}


@pytest.fixture
def open_cycle(app, unit):
    """A cycle open now (the real clock: the browser talks to a live server)."""
    now = datetime.now(UTC)
    with app.app_context():
        make_cycle(
            unit,
            year=now.year,
            open_at=now - timedelta(days=3),
            close_at=now + timedelta(days=10),
            ceremony_at=now + timedelta(days=40),
        )
        db.session.commit()
        return f"/awards/{unit.slug}/{now.year}"


def test_the_award_page_with_winners_is_accessible(app, unit, live_server, page):
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(
            unit,
            year=2022,
            phase=Phase.DECIDED,
            open_at=now - timedelta(days=90),
            close_at=now - timedelta(days=60),
            ceremony_at=now - timedelta(days=1),
        )
        candidate, _ = nominate(
            cycle, cycle.categories[0], "Exempelbageriet i Älvsjö AB", "556036-0793", eligible=True
        )
        db.session.add(
            Decision(
                category_id=cycle.categories[0].id,
                candidate_id=candidate.id,
                citation="Ett bageri som ger torget liv.",
            )
        )
        db.session.commit()
    response = page.goto(f"{live_server}/awards/{unit.slug}/2022/")
    assert response.status == 200
    assert "Exempelbageriet i Älvsjö AB" in page.locator("main").inner_text()
    assert_accessible(page)


def test_the_nomination_form_and_its_error_state_are_accessible(live_server, page, open_cycle):
    response = page.goto(live_server + open_cycle + "/nominate")
    assert response.status == 200
    assert_accessible(page)
    page.locator("#org_number").fill("556036-0794")
    page.locator("#motivation").fill("För kort")
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#org_number").get_attribute("aria-invalid") == "true"
    assert page.locator("#org_number").input_value() == "556036-0794"
    assert_accessible(page)


def test_a_person_nominates_and_sees_the_receipt(app, live_server, page, open_cycle):
    page.goto(live_server + open_cycle + "/nominate")
    page.locator("#category").select_option(label="Årets lokala nyföretag")
    for field, value in NOMINATION.items():
        page.locator(f"#{field}").fill(value)
    page.locator("#relation").select_option("customer")
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    assert "Tack för din nominering" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_the_juror_pages_are_accessible(app, unit, make_user, live_server, page):
    juror = make_user(Role.JUROR, unit, email="jury@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(
            unit,
            year=2031,
            phase=Phase.JUDGING,
            open_at=now - timedelta(days=40),
            close_at=now - timedelta(days=10),
            ceremony_at=now + timedelta(days=30),
        )
        candidate, _ = nominate(
            cycle, cycle.categories[0], "Exempelbageriet i Älvsjö AB", "556036-0793", eligible=True
        )
        assign(cycle.categories[0], juror)
        db.session.commit()
        candidate_id = candidate.id
        # The same category decided in an earlier cycle: history, listed apart and read-only.
        old = make_cycle(
            unit,
            year=2027,
            phase=Phase.DECIDED,
            open_at=now - timedelta(days=4 * 365),
            close_at=now - timedelta(days=4 * 365 - 30),
            ceremony_at=now - timedelta(days=4 * 365 - 60),
        )
        old_candidate, _ = nominate(
            old, old.categories[0], "Gamla Bageriet AB", "556703-7485", eligible=True
        )
        assign(old.categories[0], juror)
        db.session.commit()
        old_id = old_candidate.id
    browser_login(page, live_server, juror.email, PASSWORD)
    page.goto(f"{live_server}/jury/")
    main = page.locator("main").inner_text()
    assert "Exempelbageriet i Älvsjö AB" in main and "Avgjorda omgångar" in main
    assert main.index("Årets lokala nyföretag 2031") < main.index("Årets lokala nyföretag 2027")
    assert_accessible(page)
    page.goto(f"{live_server}/jury/candidates/{old_id}")
    assert page.locator("main form").count() == 0
    assert_accessible(page)
    page.goto(f"{live_server}/jury/candidates/{candidate_id}")
    assert_accessible(page)
    page.locator("input[name=has_conflict][value=no]").check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert page.locator("input[name^=score_]").count() == 3
    assert_accessible(page)
    with app.app_context():
        assert db.session.scalars(select(ConflictDeclaration)).one().has_conflict is False


def test_the_administrators_pages_are_accessible(app, unit, make_user, live_server, page):
    admin = make_user(Role.AWARD_ADMIN, unit, email="prisadmin@example.org")
    juror = make_user(Role.JUROR, unit, email="jury@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(
            unit,
            year=2031,
            phase=Phase.JUDGING,
            open_at=now - timedelta(days=40),
            close_at=now - timedelta(days=10),
            ceremony_at=now + timedelta(days=30),
        )
        candidate, _ = nominate(
            cycle, cycle.categories[0], "Exempelbageriet i Älvsjö AB", "556036-0793", eligible=True
        )
        nominate(cycle, cycle.categories[0], "Exempelbageriet Älvsjö", "556036-0793")
        assign(cycle.categories[0], juror)
        db.session.add(
            ConflictDeclaration(
                candidate_id=candidate.id,
                juror_id=juror.id,
                has_conflict=True,
                ground="own_interest",
                ruling="pending",
            )
        )
        db.session.commit()
        ids = (cycle.id, candidate.id, cycle.categories[0].id)
    browser_login(page, live_server, admin.email, PASSWORD)
    for path in (
        "/manage/awards/",
        f"/manage/awards/{ids[0]}/",
        f"/manage/awards/{ids[0]}/candidates",
        f"/manage/awards/{ids[0]}/settings",
        f"/manage/awards/candidates/{ids[1]}",
        f"/manage/awards/categories/{ids[2]}/decision",
    ):
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert_accessible(page)
    page.goto(f"{live_server}/manage/awards/candidates/{ids[1]}")
    page.locator("input[name=eligible][value=no]").check()
    page.locator("form.award-form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)


def test_closing_nominations_early_asks_first_and_is_accessible(
    app, unit, make_user, live_server, page
):
    admin = make_user(Role.AWARD_ADMIN, unit, email="prisadmin@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(
            unit,
            year=2033,
            open_at=now - timedelta(days=3),
            close_at=now + timedelta(days=10),
            ceremony_at=now + timedelta(days=40),
        )
        db.session.commit()
        cycle_id = cycle.id
    browser_login(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/manage/awards/{cycle_id}/")
    assert "stängs den direkt" in page.locator("main").inner_text()
    assert_accessible(page)
    page.locator("#phase").select_option("screening")
    page.locator("form[action$='/phase'] button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("#confirm_early_close").get_attribute("aria-invalid") == "true"
    assert_accessible(page)
    page.locator("#confirm_early_close").check()
    page.locator("form[action$='/phase'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "Fasen är ändrad" in page.locator("main").inner_text()
    page.goto(f"{live_server}/awards/{unit.slug}/2033/nominate")
    assert "Nomineringen stängdes i förtid" in page.locator("main").inner_text()


def test_lifting_the_embargo_is_accessible_with_its_errors(app, unit, make_user, live_server, page):
    admin = make_user(Role.AWARD_ADMIN, unit, email="prisadmin@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(
            unit,
            year=2032,
            phase=Phase.DECIDED,
            open_at=now - timedelta(days=90),
            close_at=now - timedelta(days=60),
            ceremony_at=now + timedelta(days=30),
        )
        db.session.commit()
        cycle_id = cycle.id
    browser_login(page, live_server, admin.email, PASSWORD)
    page.goto(f"{live_server}/manage/awards/{cycle_id}/")
    assert_accessible(page)
    assert page.goto(f"{live_server}/manage/awards/{cycle_id}/embargo").status == 200
    assert_accessible(page)
    page.get_by_role("button", name="Häv embargot och visa vinnarna").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert_accessible(page)
