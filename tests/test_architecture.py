"""The shape of `app/`: dependencies point one way, pure modules need no framework.

Read from the source (every import, also those inside functions; only `TYPE_CHECKING`
blocks are left out, as they never run), so a hidden import cannot make a circle.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.nodb

APP = Path(__file__).resolve().parent.parent / "app"
#: The composition root: it imports every feature, so no feature may import it.
ROOT = {"app.factory", "app.wiring"}
#: Modules of plain Python logic: importable with Flask, SQLAlchemy, WTForms, Werkzeug and
#: Jinja uninstalled, and therefore unit-tested without an app.
PURE = (
    "app.accounts.passwords",
    "app.awards.scoring",
    "app.core.deadline",
    "app.core.formatting",
    "app.core.markup",
    "app.core.swedish",
    "app.core.spreadsheet",
    "app.core.window",
    "app.dialogue.flow",
    "app.dialogue.wording",
    "app.core.word",
    "app.events.calendar",
    "app.events.recurrence",
    "app.events.titles",
    "app.events.warnings",
    "app.feeds.ical",
    "app.feeds.importer",
    "app.policy.areas",
    "app.policy.facts",
    "app.registrations.ical",
    "app.reports.diffing",
    "app.reports.drafting",
    "app.reports.export.chart",
    "app.reports.export.document",
    "app.reports.export.docx",
    "app.reports.export.text",
    "app.reports.form_text",
    "app.reports.periods",
)
FRAMEWORKS = ("flask", "flask_", "sqlalchemy", "wtforms", "werkzeug", "jinja2")


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
    return name.removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """Every `app.` module `path` imports, wherever in the file, except for type checking."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for inner in ast.walk(node)
    }
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return {name for name in found if name == "app" or name.startswith("app.")}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and (APP / parts[1]).is_dir()) else module


MODULES = {_module_name(path): _imports(path) for path in APP.rglob("*.py")}


def package_graph() -> dict[str, dict[str, set[str]]]:
    """package -> package it imports -> the modules that do it."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for module, imported in MODULES.items():
        for target in imported:
            if target in MODULES or target.rsplit(".", 1)[0] in MODULES:
                source, goal = _package(module), _package(target)
                if source != goal and goal != "app":
                    graph[source][goal].add(f"{module} -> {target}")
    return graph


def circles(graph) -> list[list[str]]:
    """The strongly connected groups of more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for goal in graph.get(node, {}):
            if goal not in index:
                visit(goal)
                low[node] = min(low[node], low[goal])
            elif goal in stack:
                low[node] = min(low[node], index[goal])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                found.append(sorted(group))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_the_reader_of_the_graph_sees_a_circle():
    graph = {"a": {"b": {"a.x -> b.y"}}, "b": {"c": {"b.y -> c.z"}}, "c": {"a": {"c.z -> a.x"}}}
    assert circles(graph) == [["a", "b", "c"]]
    assert circles({"a": {"b": set()}, "b": {}}) == []


def test_no_package_imports_one_that_imports_it_back():
    graph = package_graph()
    found = circles(graph)
    detail = [
        line
        for group in found
        for a in group
        for b in group
        for line in sorted(graph[a].get(b, ()))
    ]
    assert not found, "\n".join(detail)


def test_events_know_neither_the_report_nor_the_award_nor_registrations():
    graph = package_graph()
    assert not {"reports", "awards", "registrations"} & set(graph["events"])


def test_the_report_reads_features_and_no_feature_reads_the_report():
    graph = package_graph()
    readers = {package for package, imported in graph.items() if "reports" in imported}
    assert readers <= {"demo", *ROOT}


def test_only_the_package_itself_reaches_the_composition_root():
    importers = {
        module
        for module, imported in MODULES.items()
        if imported & ROOT and module not in ROOT | {"app"}
    }
    assert not importers


def test_pure_modules_load_without_any_web_or_database_framework():
    program = f"""
import importlib, sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {FRAMEWORKS!r} or name.startswith('flask_'):
            raise ImportError('not for a pure module: ' + name)
sys.meta_path.insert(0, Refuse())
for name in {PURE!r}:
    importlib.import_module(name)
"""
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=APP.parent, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_pure_list_names_real_modules():
    assert set(PURE) <= set(MODULES)


#: The rooms of a feature; each is one module or, once it grows, a package split by audience.
ROOMS = ("models", "forms", "views", "services", "permissions", "queries", "cli")


@pytest.mark.parametrize(
    "feature", sorted(p.name for p in APP.iterdir() if (p / "__init__.py").exists())
)
def test_each_room_is_a_module_or_a_package_never_beside_a_split_of_it(feature):
    folder = APP / feature
    names = {p.stem for p in folder.glob("*.py")} | {p.name for p in folder.iterdir() if p.is_dir()}
    for room in ROOMS:
        assert not ((folder / f"{room}.py").exists() and (folder / room).is_dir()), room
        split = {n for n in names if n.startswith(f"{room}_") or n.endswith(f"_{room}")}
        assert not split, f"{feature}: {sorted(split)} split {room} by size; use a {room}/ package"


def test_the_architecture_map_lists_packages_in_the_order_they_may_import():
    """docs/architecture.md's table lists packages bottom-up; each imports only earlier ones."""
    text = (APP.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    order = re.findall(r"^\| `app/(\w+)/` \|", text, flags=re.MULTILINE)
    packages = {_package(module) for module in MODULES if module.count(".") > 1}
    assert sorted(order) == sorted(packages), "every package has one line in the map"
    graph = package_graph()
    upward = [
        f"{source} -> {goal}"
        for source, goals in graph.items()
        if source in order
        for goal in goals
        if goal in order and order.index(goal) > order.index(source)
    ]
    assert not upward, "a package imports one listed after it; fix the code or the map"
