"""The report pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation; the editor works."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest

from app.accounts.models import Role
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD
from tests.reports.world import add_outcome, link_event, local, open_period, setup_questions

pytestmark = pytest.mark.browser
BASE = "/reports/hagersten-alvsjo/2022/t2"


@pytest.fixture
def report(app, unit, make_event):
    qids = setup_questions(app, unit)
    start = local(2022, 6, 11, 12)
    event = make_event(
        unit,
        title="Sommar på torget",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    link_event(app, event.id, qids[:1])
    add_outcome(app, event.id, start.astimezone(UTC), attendance=40, needs=["safety"])
    open_period(app, unit)
    return qids


def test_report_page_is_accessible(live_server, page, unit, make_user, report):
    officer = make_user(Role.OFFICER, unit)
    browser_login(page, live_server, officer.email, PASSWORD)
    for path in ("/reports/", f"{BASE}/", f"{BASE}/settings"):
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert_accessible(page)
    assert page.goto(f"{live_server}{BASE}/").ok
    assert page.locator(".report-chart img").evaluate("img => img.naturalWidth") > 0


def test_edit_page_takes_the_draft_and_saves_accessibly(live_server, page, unit, make_user, report):
    officer = make_user(Role.OFFICER, unit)
    browser_login(page, live_server, officer.email, PASSWORD)
    page.goto(f"{live_server}{BASE}/questions/{report[0]}")
    assert_accessible(page)
    assert "vid tre tillfällen" in page.locator(".draft-text").inner_text()
    page.get_by_role("button", name="Använd utkastet som svar").click()
    page.wait_for_load_state()
    text = page.locator("textarea[name=text]").input_value()
    assert text.startswith("Sommar på torget genomfördes vid tre tillfällen")
    page.locator("textarea[name=text]").fill(text + " Tillägg av handläggaren.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_load_state()
    assert "Svaret är sparat." in page.locator(".flashes").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server}{BASE}/questions/{report[0]}/history")
    assert "Tillägg av handläggaren." in page.locator("main").inner_text()
    assert_accessible(page)


def test_error_and_conflict_states_are_accessible(live_server, page, unit, make_user, report):
    officer = make_user(Role.OFFICER, unit)
    browser_login(page, live_server, officer.email, PASSWORD)
    url = f"{live_server}{BASE}/questions/{report[1]}"
    page.goto(url)
    # Another officer saves first: this page's version is now stale.
    other = page.context.new_page()
    other.goto(url)
    other.locator("textarea[name=text]").fill("Den andras text.")
    other.get_by_role("button", name="Spara", exact=True).click()
    other.wait_for_load_state()
    page.locator("textarea[name=text]").fill("Min text.")
    page.get_by_role("button", name="Spara", exact=True).click()
    page.wait_for_load_state()
    assert "Svaret har ändrats av någon annan" in page.locator("#error-summary").inner_text()
    assert page.locator("textarea[name=text]").input_value() == "Min text."
    assert_accessible(page)


def test_city_compilation_and_question_template_are_accessible(
    live_server, page, unit, make_user, report
):
    city = make_user(is_city_officer=True)
    browser_login(page, live_server, city.email, PASSWORD)
    assert page.goto(f"{live_server}/reports/city/2022/t2/").status == 200
    assert_accessible(page)
    page.context.clear_cookies()
    admin = make_user(Role.ADMIN, unit)
    browser_login(page, live_server, admin.email, PASSWORD)
    for path in (
        "/reports/hagersten-alvsjo/questions/2022/",
        f"/reports/hagersten-alvsjo/questions/2022/{report[0]}",
    ):
        assert page.goto(live_server + path).status == 200
        assert_accessible(page)
