"""The tests keep one shape in every folder, as the code does: a feature's folder holds its
tests, `access.py` (its rows of the access matrix), `world.py` (builders of rows, and the
feature's part of the matrix's world), `conftest.py` (fixtures more than one module uses), and
nothing else but the few named helpers below."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

TESTS = Path(__file__).parent
APP = TESTS.parent / "app"
#: The rooms of a tests folder.
ROOMS = {"__init__", "conftest", "access", "world"}
#: Modules that are tools of their folder, not builders of rows, and why they stand alone.
TOOLS = {
    "browser/axe.py": "runs axe-core in the page and records what it passed",
    "browser/inventory.py": "the table of which browser test passes axe on each page",
    "documents/printing.py": "renders a .docx to PDF with LibreOffice",
    "feeds/expansion.py": "expands a feed with an independent iCalendar library",
    "proof/fuzz.py": "Hypothesis strategies of hostile input",
    "proof/snapshot.py": "takes and restores every table for the write matrix",
}
#: Folders whose feature has pages: each lists its routes in `access.py`.
FEATURES = sorted(
    p.parent.name for p in APP.glob("*/views.py") if (TESTS / p.parent.name).is_dir()
) + sorted(p.parent.parent.name for p in APP.glob("*/views/__init__.py"))


def _folders() -> list[Path]:
    return sorted(p for p in TESTS.iterdir() if (p / "__init__.py").exists())


def test_no_loose_helpers_beside_the_rooms():
    loose = [
        str(p.relative_to(TESTS))
        for folder in _folders()
        for p in folder.glob("*.py")
        if not p.stem.startswith("test_")
        and p.stem not in ROOMS
        and str(p.relative_to(TESTS)) not in TOOLS
    ]
    assert loose == [], "builders go in world.py, fixtures in conftest.py"


@pytest.mark.parametrize("feature", FEATURES)
def test_every_feature_with_pages_lists_its_routes(feature):
    assert (TESTS / feature / "access.py").exists()


def _fixtures(path: Path) -> dict[str, str]:
    """Each fixture a module defines, by name, as its syntax tree (names and code only)."""
    return {
        node.name: ast.dump(ast.Module(body=node.body, type_ignores=[]))
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.FunctionDef)
        and any("fixture" in ast.unparse(d) for d in node.decorator_list)
    }


@pytest.mark.parametrize("folder", [p.name for p in _folders()])
def test_a_fixture_is_written_once_per_folder(folder):
    """The same fixture in two modules of a folder belongs in its conftest.py."""
    seen: dict[str, str] = {}
    twice = []
    for path in sorted((TESTS / folder).glob("test_*.py")):
        for name, body in _fixtures(path).items():
            if body in seen:
                twice.append(f"{name} in {path.name} is {seen[body]}")
            seen.setdefault(body, f"{name} in {path.name}")
    assert twice == []


def test_the_shape_test_sees_every_folder():
    assert {"awards", "dialogue", "events", "registrations", "reports"} <= set(FEATURES)
    assert len(_folders()) >= 15
