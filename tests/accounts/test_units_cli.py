"""`flask units create` and `list`: a fresh deployment gets its units without the demo."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from app.units.models import Unit, UnitKind


def test_create_and_list_units(app, runner):
    result = runner.invoke(
        args=[
            "units",
            "create",
            "bromma",
            "--name",
            "Bromma stadsdelsnämnd",
            "--short-name",
            "Bromma",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Skapade Bromma stadsdelsnämnd (bromma)." in result.output
    result = runner.invoke(
        args=[
            "units",
            "create",
            "svenska-bostader",
            "--name",
            "Svenska Bostäder",
            "--kind",
            "company_board",
        ]
    )
    assert result.exit_code == 0, result.output
    with app.app_context():
        units = {u.slug: u for u in db.session.scalars(select(Unit))}
        assert units["bromma"].short_name == "Bromma" and units["bromma"].kind == UnitKind.COUNCIL
        assert units["svenska-bostader"].short_name == "Svenska Bostäder"
        assert units["svenska-bostader"].kind == UnitKind.COMPANY_BOARD
        assert (
            db.session.scalar(select(func.count()).where(AuditEntry.action == "unit.create")) == 2
        )
    listing = runner.invoke(args=["units", "list"]).output
    assert "bromma" in listing and "company_board" in listing
    # The unit is usable at once: an account can be given a role in it.
    result = runner.invoke(
        args=["users", "create", "a@example.org", "--unit", "bromma", "--role", "admin"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bromma", "--name", "X"], "ingen giltig kortadress"),
        (["bro mma", "--name", "X"], "ingen giltig kortadress"),
        (["-bromma", "--name", "X"], "No such option"),
        (["b" * 101, "--name", "X"], "ingen giltig kortadress"),
        (["bromma", "--name", " "], "Namnet måste finnas"),
        (["bromma", "--name", "N" * 201], "högst 200 tecken"),
        (["bromma", "--name", "X", "--kind", "kommun"], "Invalid value"),
        (["bromma"], "Missing option '--name'"),
    ],
)
def test_bad_units_are_explained_and_not_stored(app, runner, args, message):
    result = runner.invoke(args=["units", "create", *args])
    assert result.exit_code != 0
    assert message in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Unit.id))) == 0


def test_a_taken_slug_is_refused(app, runner, unit):
    result = runner.invoke(args=["units", "create", unit.slug, "--name", "Dubblett"])
    assert result.exit_code != 0 and "Det finns redan en enhet" in result.output
    with app.app_context():
        assert db.session.scalar(select(func.count(Unit.id))) == 1
