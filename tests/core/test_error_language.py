"""Domain errors speak the reader's language: every message a service raises is a lazy
translation with an English text, and the English interface shows it in English."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from babel.messages.pofile import read_po

from tests.conftest import post

APP = Path(__file__).parents[2] / "app"
#: The modules whose errors are shown to people on pages (CLI-only modules and the pure
#: recurrence and import readers excepted).
SERVICES = (
    "accounts/services.py",
    "awards/services/common.py",
    "awards/services/decisions.py",
    "awards/services/jury.py",
    "awards/services/nomination.py",
    "awards/services/screening.py",
    "awards/services/setup.py",
    "dialogue/services.py",
    "directory/services.py",
    "events/services.py",
    "reports/services.py",
)


def raised_messages(path: Path) -> list[tuple[int, ast.expr]]:
    """(line, first argument) of every `raise SomethingError(...)` in the module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name.endswith("Error") or name == "StaleAnswer":
                found.append((node.lineno, node.exc.args[0]))
    return found


@pytest.mark.nodb
@pytest.mark.parametrize("module", SERVICES)
def test_every_raised_message_is_a_translation_with_english_text(module):
    catalogue = read_po((APP / "translations/en/LC_MESSAGES/messages.po").open("rb"), locale="en")
    english = {m.id: m.string for m in catalogue if m.id}
    for line, arg in raised_messages(APP / module):
        if isinstance(arg, ast.Name | ast.Attribute) or (
            isinstance(arg, ast.Call) and getattr(arg.func, "id", "") in ("str", "_")
        ):
            continue  # a message made elsewhere (passed on, or translated at once)
        assert isinstance(arg, ast.Call) and getattr(arg.func, "id", "") == "_l", (
            f"{module}:{line} raises an untranslated message"
        )
        text = arg.args[0].value
        assert english.get(text), f"{module}:{line} has no English for {text!r}"


def test_the_english_interface_shows_a_service_error_in_english(
    client, login, make_user, unit, make_event
):
    monday = datetime(2030, 6, 3, 6, 0, tzinfo=UTC)
    series = make_event(unit, title="Sommar", starts_at=monday, ends_at=monday + timedelta(hours=3),
                        rrule="FREQ=WEEKLY;COUNT=2")  # fmt: skip
    login(make_user("organiser", unit))
    client.get("/language/en")
    url = f"/manage/events/{series.id}/move-date?date={quote(monday.isoformat())}"
    data = {"date": monday.isoformat(), "new_date": "2030-06-10", "start_time": "09:00",
            "end_time": "10:00", "venue": "0", "reason": "Clash"}  # fmt: skip
    response = post(client, f"/manage/events/{series.id}/move-date", data, token_from=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "The event already has a date then: Monday" in html
    assert "Evenemanget har redan ett datum" not in html
