"""The organisation list import in a browser: the page, a dry run's result and a refused file
pass axe."""

from __future__ import annotations

import pytest

from app.accounts.models import Role
from tests.browser.axe import assert_accessible, browser_login
from tests.browser.test_coverage import assert_shown_with_errors, send
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_list_import_with_a_dry_run_and_a_refused_file(
    live_server, page, unit, make_user, tmp_path
):
    organiser = make_user(Role.ORGANISER, unit)
    browser_login(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server}/manage/organisations/import")
    assert_accessible(page)
    good = tmp_path / "lista.csv"
    good.write_text("namn;organisationsnummer\nAlfabageriet AB;556036-0793\nFel AB;556036-0794\n")
    page.locator("#file").set_input_files(str(good))
    send(page, "Läs in")
    assert page.get_by_text("Provläsning: inget har sparats").is_visible()
    assert_accessible(page)
    bad = tmp_path / "fel.csv"
    bad.write_text("firma,nummer\n")
    page.locator("#file").set_input_files(str(bad))
    send(page, "Läs in")
    assert_shown_with_errors(page, "file")
