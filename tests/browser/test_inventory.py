"""The axe inventory covers every page, every form's error state and the error pages.

Built from `app.url_map`: a new GET endpoint that renders HTML, or a new form, fails here
until `inventory.py` names the browser test that runs axe-core on it. No browser needed.
"""

from __future__ import annotations

import importlib

import pytest

from tests.browser import inventory

pytestmark = pytest.mark.nodb  # reads the URL map and the tables; no rows, no browser


def test_every_html_page_has_an_axe_visit(app):
    pages = inventory.html_pages(app)
    assert sorted(pages - inventory.PAGES.keys()) == [], "pages without an axe visit"
    assert sorted(inventory.PAGES.keys() - pages) == [], "listed, but not an HTML page"


def test_every_form_has_an_axe_visit_in_its_error_state(app):
    listed = inventory.FORM_ERRORS.keys() | inventory.NO_FORM_ERRORS.keys()
    assert sorted(inventory.forms(app) - listed) == [], "forms without an error-state visit"
    forms = inventory.forms(app) | {"events.list_events"}  # its filters: a GET form with errors
    assert sorted(listed - forms) == [], "listed, but no such form"
    assert not inventory.FORM_ERRORS.keys() & inventory.NO_FORM_ERRORS.keys()


def test_the_error_pages_have_axe_visits():
    assert set(inventory.ERROR_PAGES) >= {400, 403, 404, 503, inventory.OUTAGE_FORM}


def _all_test_ids() -> set[str]:
    return (
        set(inventory.PAGES.values())
        | set(inventory.FORM_ERRORS.values())
        | set(inventory.ERROR_PAGES.values())
    )


@pytest.mark.parametrize("test_id", sorted(_all_test_ids()))
def test_each_credited_test_exists(request, test_id):
    """A misspelt id would never be checked at run time: it must name a real test."""
    module_file, name = test_id.split("::")
    function, _, param = name.partition("[")
    module = importlib.import_module(f"tests.browser.{module_file.removesuffix('.py')}")
    assert callable(getattr(module, function, None)), f"{test_id}: no such test function"
    collected = {
        item.nodeid.split("tests/browser/", 1)[-1]
        for item in request.session.items
        if item.nodeid.split("tests/browser/", 1)[-1].split("[")[0] == f"{module_file}::{function}"
    }
    if param and collected:  # the function was collected: its parameter id must be one of them
        assert test_id in collected, f"{test_id}: collected only {sorted(collected)}"
