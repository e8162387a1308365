"""Keyboard-only journeys: register, nominate, declare and score with Tab, Enter and Space.

No mouse and no filling by selector: each field is reached with Tab and typed into. Every
element that takes focus must show it; a failed submit puts focus on the error summary, and
its first link puts focus in the first field in error.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.awards.models import AwardCycle, ConflictDeclaration, Nomination, Phase, Score
from app.extensions import db
from app.registrations.models import Registration
from tests.awards.world import assign, make_cycle, nominate
from tests.browser.axe import assert_accessible, browser_login
from tests.browser.test_awards import NOMINATION
from tests.conftest import PASSWORD
from tests.registrations.world import open_event
from tests.reports.world import open_period, setup_questions

pytestmark = pytest.mark.browser

#: What has focus, and whether it shows: the element matches `:focus-visible` (or focus is on
#: a part inside it, like a date field's picker button) and an outline or ring is drawn.
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const inside = !el.matches(":focus") && el.matches(":focus-within");
  return {
    id: el.id, tag: el.tagName.toLowerCase(), type: el.type || "",
    name: (el.getAttribute("href") || el.innerText || el.value || "").trim().slice(0, 80),
    visible: (el.matches(":focus-visible") || inside) && (outline || style.boxShadow !== "none"),
  };
}"""

#: Enough Tab presses to cross any page of the app; a journey that needs more is a finding.
MAX_TABS = 80


def focused(page) -> dict:
    """The focused element, asserting that its focus is visible."""
    found = page.evaluate(FOCUSED)
    assert found is not None, "focus was lost to the page body"
    assert found["visible"], f"focus is not visible on {found}"
    return found


def tab(page, back: bool = False) -> dict:
    page.keyboard.press("Shift+Tab" if back else "Tab")
    return focused(page)


def tab_to_button(page, name: str) -> None:
    """Tab forward until the button `name` has focus."""
    for _ in range(MAX_TABS):
        now = tab(page)
        if now["tag"] == "button" and now["name"] == name:
            return
    pytest.fail(f"the button {name!r} is not reachable with Tab")


def tab_to_link(page, text: str) -> None:
    """Tab forward until a link whose text contains `text` has focus."""
    for _ in range(MAX_TABS):
        now = tab(page)
        if now["tag"] == "a" and text in page.evaluate("document.activeElement.innerText"):
            return
    pytest.fail(f"the link {text!r} is not reachable with Tab")


#: The focused select's option labels and the index chosen now.
SELECT_STATE = """() => ({
  labels: [...document.activeElement.options].map(o => o.label),
  index: document.activeElement.selectedIndex,
})"""


def enter(page, now: dict, value: str) -> None:
    """Type `value` into the focused field; in a select, arrow to the option labelled `value`."""
    if now["tag"] == "select":
        state = page.evaluate(SELECT_STATE)
        steps = state["labels"].index(value) - state["index"]
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowDown" if steps > 0 else "ArrowUp")
        assert page.evaluate(SELECT_STATE)["index"] == state["labels"].index(value), value
        return
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(value)


def fill_by_tab(page, values: dict[str, str], button: str, key: str | None = "Enter") -> None:
    """From the current focus, Tab through the form typing each value, then press `key` on
    the button (or stop there when `key` is None)."""
    pending = dict(values)
    now = focused(page)
    for _ in range(MAX_TABS):
        if now["id"] in pending:
            enter(page, now, pending.pop(now["id"]))
        if now["tag"] == "button" and now["name"] == button:
            assert not pending, f"fields not reached with Tab: {sorted(pending)}"
            if key:
                with page.expect_navigation():
                    page.keyboard.press(key)
            return
        now = tab(page)
    pytest.fail(f"the button {button!r} is not reachable with Tab")


def submit_and_expect_errors(page, button: str) -> str:
    """Press the button with Enter; focus lands on the error summary; one Tab, one Enter,
    and focus is in the first field in error. Returns that field's id."""
    tab_to_button(page, button)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement?.id === 'error-summary'")
    focused(page)
    assert_accessible(page)
    link = tab(page)
    assert link["tag"] == "a" and link["name"].startswith("#"), link
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement?.tagName !== 'A'")
    field = focused(page)
    assert "#" + field["id"] == link["name"], f"the link {link['name']} left focus on {field}"
    invalid = "document.activeElement.closest('.field-error, fieldset[aria-describedby$=-error]')"
    assert page.evaluate(f"!!{invalid}"), f"{field} is not marked as in error"
    return field["id"]


def test_a_person_registers_with_the_keyboard(app, live_server, page, unit, make_event):
    event = open_event(make_event, unit, rrule="FREQ=WEEKLY;COUNT=3")
    page.goto(f"{live_server}/events/{event.id}")
    assert submit_and_expect_errors(page, "Anmäl mig") == "name"
    date = tab(page, back=True)  # Shift+Tab: the date list comes before the name
    assert date["id"] == "date"
    enter(page, date, page.evaluate(SELECT_STATE)["labels"][1])  # the second date
    values = {"name": "Anna Andersson", "email": "anna@example.org", "organisation": "Annas Bageri"}
    fill_by_tab(page, values, "Anmäl mig", key=None)
    assert tab(page, back=True)["id"] == "organisation"
    assert tab(page)["name"] == "Anmäl mig"
    with page.expect_navigation():
        page.keyboard.press("Space")  # a button takes Space as well as Enter
    assert "Du är anmäld" in page.locator(".flashes").inner_text()
    with app.app_context():
        stored = db.session.scalars(select(Registration)).one()
        assert (stored.name, stored.email, stored.event_id) == (
            "Anna Andersson",
            "anna@example.org",
            event.id,
        )
        assert stored.occurrence_start > event.starts_at  # the second date, chosen with arrows


def test_a_person_nominates_with_the_keyboard(app, live_server, page, unit):
    now = datetime.now(UTC)
    with app.app_context():
        make_cycle(unit, year=now.year, open_at=now - timedelta(days=3),
                   close_at=now + timedelta(days=10), ceremony_at=now + timedelta(days=40))  # fmt: skip
        db.session.commit()
    page.goto(f"{live_server}/awards/{unit.slug}/{now.year}/nominate")
    first = submit_and_expect_errors(page, "Skicka nomineringen")
    values = {"category": "Årets lokala nyföretag", **NOMINATION, "relation": "Kund"}
    names = list(values)
    # Focus is in the first field in error; the fields before it were not in error.
    fill_by_tab(page, {k: values[k] for k in names[names.index(first) :]}, "Skicka nomineringen")
    assert "Tack för din nominering" in page.locator("h1").inner_text()
    with app.app_context():
        stored = db.session.scalars(select(Nomination)).one()
        assert (stored.company_name, stored.relation.value) == (
            "Exempelbageriet i Älvsjö AB",
            "customer",
        )


def test_a_juror_declares_and_scores_with_the_keyboard(app, live_server, page, unit, make_user):
    juror = make_user(Role.JUROR, unit, email="jury@example.org")
    now = datetime.now(UTC)
    with app.app_context():
        cycle = make_cycle(unit, year=2031, phase=Phase.JUDGING, open_at=now - timedelta(days=40),
                           close_at=now - timedelta(days=10), ceremony_at=now + timedelta(days=30))  # fmt: skip
        nominate(cycle, cycle.categories[0], "Exempelbageriet i Älvsjö AB", "556036-0793",
                 eligible=True)  # fmt: skip
        assign(cycle.categories[0], juror)
        db.session.commit()
    page.goto(f"{live_server}/login")
    tab(page)  # the skip link comes first
    credentials = {"email": juror.email, "password": PASSWORD}
    fill_by_tab(page, credentials, "Logga in")
    page.goto(f"{live_server}/jury/")
    tab_to_link(page, "Exempelbageriet i Älvsjö AB")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert submit_and_expect_errors(page, "Lämna jävsdeklarationen") == "has_conflict-0"
    page.keyboard.press("Space")  # the first answer: no conflict
    fill_by_tab(page, {}, "Lämna jävsdeklarationen")
    assert "Din jävsdeklaration är sparad." in page.locator(".flashes").inner_text()

    first = submit_and_expect_errors(page, "Spara poängen")
    assert first.startswith("score_")
    scores = page.locator("input[name^=score_]").evaluate_all("els => els.map(e => e.id)")
    fill_by_tab(page, dict.fromkeys(scores, "4"), "Spara poängen")
    assert "Dina poäng är sparade." in page.locator(".flashes").inner_text()
    with app.app_context():
        assert db.session.scalars(select(ConflictDeclaration)).one().has_conflict is False
        assert sorted(s.value for s in db.session.scalars(select(Score))) == [4] * len(scores)


def tab_through(page) -> int:
    """Tab from the top to the end of the page; every stop must show its focus."""
    for seen in range(MAX_TABS * 2):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement === document.body") and seen:
            return seen  # past the last element: focus left the page
        focused(page)
    pytest.fail(f"more than {MAX_TABS * 2} tab stops on {page.url}")


def test_every_tab_stop_on_the_staff_forms_shows_focus(app, live_server, page, unit, make_user):
    with app.app_context():
        make_cycle(unit, year=2031)
        db.session.commit()
        cycle_id = db.session.scalars(select(AwardCycle)).one().id
    question_ids = setup_questions(app, unit)
    open_period(app, unit)
    admin = make_user(Role.ADMIN, unit, email="chef@example.org")
    browser_login(page, live_server, admin.email, PASSWORD)
    for path in (
        "/manage/events/new",
        f"/manage/awards/{cycle_id}/settings",
        f"/reports/{unit.slug}/2022/t2/questions/{question_ids[0]}",
    ):
        page.goto(live_server + path)
        assert tab_through(page) > 10, path


def test_every_tab_stop_on_the_public_pages_shows_focus(live_server, page, unit, make_event):
    make_event(unit, title="Frukostmöte")
    for path in ("/", "/events/", "/calendar/", "/accessibility", "/password/reset"):
        page.goto(live_server + path)
        assert tab_through(page) > 5, path
