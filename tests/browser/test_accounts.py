"""The signed-in user's own password page, as it first shows and with errors."""

from __future__ import annotations

import pytest

from app.accounts.models import Role
from tests.browser.axe import assert_accessible, browser_login
from tests.browser.test_coverage import assert_shown_with_errors, send
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_change_password_page_and_its_errors(live_server, page, unit, make_user):
    user = make_user(Role.ORGANISER, unit, email="byter@example.org")
    browser_login(page, live_server, user.email, PASSWORD)
    page.goto(f"{live_server}/profile")
    page.locator("main").get_by_role("link", name="Byt lösenord").click()
    page.wait_for_load_state()
    assert page.url.endswith("/profile/password")
    assert_accessible(page)
    page.locator("#current").fill("fel lösenord")
    page.locator("#password").fill("ett långt nytt lösenord")
    page.locator("#confirm").fill("ett långt nytt lösenord")
    send(page, "Byt lösenord")
    assert_shown_with_errors(page, "current")
    assert page.locator("#current").input_value() == ""  # a password is never sent back
