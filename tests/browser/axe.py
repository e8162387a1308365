"""axe-core checks and a sign-in helper for the browser tests."""

from __future__ import annotations

from typing import NamedTuple

from axe_playwright_python.sync_playwright import Axe

#: WCAG 2.1 level A and AA, which the law (DOS-lagen) refers to.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()

#: The status of the document now shown: its navigation timing entry (0 if none).
_STATUS_JS = (
    "(() => { const e = performance.getEntriesByType('navigation')[0];"
    " return e ? e.responseStatus : 0; })()"
)


class Visit(NamedTuple):
    """One page axe-core passed: its path, HTTP status and whether it showed form errors."""

    path: str
    status: int
    shows_errors: bool


#: The pages axe-core passed during the current test (the browser conftest empties it).
visits: list[Visit] = []


def _record(page) -> None:
    path = page.evaluate("location.pathname")
    status = page.evaluate(_STATUS_JS)
    shows_errors = page.locator("#error-summary, [aria-invalid=true]").count() > 0
    visits.append(Visit(path, status, shows_errors))


def violations(page) -> list[dict]:
    """axe-core's WCAG 2.1 A/AA violations on the page as it is now."""
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    return _axe.run(page, options=options).response["violations"]


def describe(found: list[dict]) -> str:
    """One line per violation and an indented line per offending node."""
    lines = []
    for violation in found:
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']}")
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            lines.append(f"    {target}: {node.get('failureSummary', '').splitlines()[-1:]}")
    return "\n".join(lines)


def assert_accessible(page) -> None:
    """Fail, listing each violation's id, help and target nodes, unless axe finds none."""
    found = violations(page)
    assert not found, f"axe found {len(found)} violation(s) on {page.url}:\n{describe(found)}"
    _record(page)


def browser_login(page, base_url: str, email: str, password: str) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{base_url}/login")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, f"sign-in failed for {email}: still on {page.url}"
