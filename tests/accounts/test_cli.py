"""`flask users create`: happy and error paths."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Membership, Role, User
from app.accounts.passwords import verify_password
from app.extensions import db


def _users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count(User.id)))


def test_create_user_with_a_role(app, runner, unit):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Ny.Person@Example.org",
            "--unit",
            unit.slug,
            "--role",
            "organiser",
            "--name",
            "Ny Person",
            "--password",
            "ett långt lösenord",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Skapade Ny.Person@Example.org." in result.output
    assert "Lösenord:" not in result.output  # it was given, so it is not echoed
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email_key == "ny.person@example.org"))
        assert user.name == "Ny Person"
        assert verify_password(user.password_hash, "ett långt lösenord")
        assert [(m.unit_id, m.role) for m in user.memberships] == [(unit.id, Role.ORGANISER)]


def test_create_without_password_prints_a_generated_one(app, runner, unit):
    result = runner.invoke(
        args=["users", "create", "a@example.org", "--unit", unit.slug, "--role", "juror"]
    )
    assert result.exit_code == 0, result.output
    password = result.output.split("Lösenord: ")[1].strip()
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.name == "a"
        assert verify_password(user.password_hash, password)


def test_existing_user_gets_the_role_added(app, runner, unit, make_user):
    user = make_user("organiser", unit)
    result = runner.invoke(
        args=["users", "create", user.email.upper(), "--unit", unit.slug, "--role", "officer"]
    )
    assert result.exit_code == 0, result.output
    assert "finns redan" in result.output
    assert _users(app) == 1
    with app.app_context():
        roles = set(db.session.scalars(select(Membership.role)))
    assert roles == {Role.ORGANISER, Role.OFFICER}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["x@example.org", "--unit", "finns-inte", "--role", "admin"], "Ingen enhet med slug"),
        (["x@example.org", "--unit", "hagersten-alvsjo", "--role", "kung"], "Invalid value"),
        (["inte-en-adress", "--unit", "hagersten-alvsjo", "--role", "admin"], "ingen e-post"),
        (["a@b@c", "--unit", "hagersten-alvsjo", "--role", "admin"], "ingen e-post"),
        (["x" * 250 + "@example.org", "--unit", "hagersten-alvsjo", "--role", "admin"], "ingen"),
        (["x@example.org", "--role", "admin"], "Ange både --unit och --role"),
        (["x@example.org", "--unit", "hagersten-alvsjo"], "Ange både --unit och --role"),
        (["x@example.org"], "Ange både --unit och --role"),
    ],
)
def test_errors_are_explained_and_change_nothing(app, runner, unit, args, message):
    result = runner.invoke(args=["users", "create", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert _users(app) == 0


@pytest.mark.parametrize(
    ("flag", "column"), [("--site-admin", "is_site_admin"), ("--city-officer", "is_city_officer")]
)
def test_site_wide_rights_without_a_unit(app, runner, flag, column):
    result = runner.invoke(args=["users", "create", "chef@example.org", flag])
    assert result.exit_code == 0, result.output
    assert "Lösenord:" in result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert getattr(user, column) is True and user.memberships == []
        from app.audit.models import AuditEntry

        assert db.session.scalar(
            select(AuditEntry.details).where(AuditEntry.action == "user.grant")
        ) == {"right": column}
