"""The foundation's pages in Chromium: axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import pytest

from app.accounts.models import Role
from tests.browser.axe import assert_accessible, browser_login
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/login", "/accessibility", "/privacy", "/password/reset"])
def test_public_pages_are_accessible(live_server, page, path):
    response = page.goto(live_server + path)
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)


def test_not_found_page_is_accessible(live_server, page):
    response = page.goto(live_server + "/no-such-page")
    assert response.status == 404
    assert "Sidan finns inte" in page.locator("h1").inner_text()
    assert_accessible(page)


def test_login_error_state_is_accessible(live_server, page):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").fill("nobody@example.org")
    page.locator("input[name=password]").fill("wrong password")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").is_visible()
    assert page.locator("input[name=password]").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_accessibility_form_error_state_is_accessible(live_server, page):
    page.goto(live_server + "/accessibility")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "Beskriv vad som inte fungerade." in page.locator("#error-summary").inner_text()
    assert page.locator("#description").get_attribute("aria-invalid") == "true"
    assert_accessible(page)


def test_signed_in_admin_pages_are_accessible(live_server, page, unit, make_user):
    admin = make_user(Role.ADMIN, unit, email="chef@example.org", is_site_admin=True)
    browser_login(page, live_server, admin.email, PASSWORD)
    assert_accessible(page)  # the page sign-in lands on for the role
    for path in ("/profile", "/admin/", f"/admin/users/{admin.id}", "/admin/users/new"):
        response = page.goto(live_server + path)
        assert response.status == 200, path
        assert_accessible(page)


def test_english_interface_is_accessible(live_server, page):
    page.goto(live_server + "/")
    page.get_by_role("link", name="In English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(live_server, page):
    page.goto(live_server + "/accessibility")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "skip-link" in focused
    assert page.locator(".skip-link").is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_focus_is_visible_on_links_and_buttons(live_server, page):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").focus()
    outline = page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' + "
        "getComputedStyle(document.activeElement).boxShadow"
    )
    assert outline.split()[0] != "none" or "rgb" in outline


@pytest.mark.parametrize(
    ("width", "zoom"),
    [(320, 1), (1280, 2)],  # a narrow phone; a desktop window at 200 % zoom
)
@pytest.mark.parametrize("path", ["/", "/login", "/accessibility", "/privacy", "/no-such-page"])
def test_pages_reflow_without_horizontal_scrolling(browser, live_server, path, width, zoom):
    """WCAG 1.4.10: content reflows at 320 CSS px; 200 % zoom is 640 CSS px on 1280."""
    context = browser.new_context(
        locale="sv-SE",
        viewport={"width": width // zoom, "height": 800 // zoom},
        device_scale_factor=zoom,
    )
    try:
        page = context.new_page()
        page.goto(live_server + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px/{zoom}x"
        assert page.locator("main").is_visible()
        assert page.get_by_role("link", name="In English").is_visible()
    finally:
        context.close()


def test_a_failed_submit_moves_focus_to_the_error_summary(live_server, page):
    page.goto(live_server + "/login")
    page.locator("input[name=email]").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")  # submit with the keyboard, both fields empty
    # autofocus is applied when the page next renders; wait for it (fails after the timeout).
    page.wait_for_function(
        "document.activeElement && document.activeElement.id === 'error-summary'"
    )
    page.keyboard.press("Tab")  # the first link in the summary leads to the first field
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#email"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#email"


def test_staff_pages_reflow_at_320_px(browser, live_server, unit, make_user):
    admin = make_user(Role.ADMIN, unit, email="smal@example.org", is_site_admin=True)
    context = browser.new_context(locale="sv-SE", viewport={"width": 320, "height": 700})
    try:
        page = context.new_page()
        browser_login(page, live_server, admin.email, PASSWORD)
        for path in ("/profile", "/admin/", f"/admin/users/{admin.id}"):
            page.goto(live_server + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
            assert_accessible(page)  # incl. wide tables: their scroll box is reachable
    finally:
        context.close()
