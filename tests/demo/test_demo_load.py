"""`flask demo load`: the seed's demo, idempotent, refused in production."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from app.accounts.models import Membership, Role, User
from app.accounts.passwords import verify_password
from app.directory.models import Organisation, Venue
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from app.units.models import Unit

DEMO_EMAILS = {
    "admin@example.org",
    "organiser@example.org",
    "officer@example.org",
    "award-admin@example.org",
    "juror.sbr@example.org",
    "juror.almi@example.org",
    "city@example.org",
    "organiser@bromma.example.org",
}

#: Tables whose every column must be identical after a second load.
CHECKSUMMED = (Unit, User, Membership, Organisation, Venue, FocusArea, ReportQuestion)


def _snapshot(app) -> tuple[dict[str, int], dict[str, str]]:
    """Row counts of every table and a checksum of the foundation's tables."""
    with app.app_context():
        counts = {
            table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables
        }
        sums = {}
        for model in CHECKSUMMED:
            columns = list(model.__table__.columns)
            rows = db.session.execute(select(*columns).order_by(*model.__table__.primary_key))
            digest = hashlib.sha256(repr([tuple(row) for row in rows]).encode())
            sums[model.__tablename__] = digest.hexdigest()
    return counts, sums


def _load(runner, *args):
    result = runner.invoke(args=["demo", "load", *args])
    assert result.exit_code == 0, result.output
    return result


def test_demo_load_twice_changes_nothing(app, runner):
    first = _load(runner)
    assert "Demodata är på plats." in first.output
    counts, sums = _snapshot(app)
    _load(runner)
    assert _snapshot(app) == (counts, sums)
    assert counts["user_account"] >= len(DEMO_EMAILS)
    assert counts["organisation"] >= 20 and counts["venue"] >= 5
    assert counts["focus_area"] == 4


def test_demo_has_both_units_every_role_and_the_seed_questions(app, runner):
    _load(runner)
    with app.app_context():
        slugs = set(db.session.scalars(select(Unit.slug)))
        assert {"hagersten-alvsjo", "bromma"} <= slugs
        users = {u.email: u for u in db.session.scalars(select(User))}
        assert set(users) >= DEMO_EMAILS  # later parts of the demo add jurors
        assert all(verify_password(u.password_hash, "demo") for u in users.values())
        assert users["city@example.org"].is_city_officer
        hagersten = db.session.scalar(select(Unit).where(Unit.slug == "hagersten-alvsjo"))
        roles = {r for u in users.values() for r in u.roles_in(hagersten.id)}
        assert roles == set(Role)
        questions = db.session.scalars(
            select(ReportQuestion)
            .where(ReportQuestion.unit_id == hagersten.id, ReportQuestion.year == 2022)
            .order_by(ReportQuestion.position)
        ).all()
        assert [q.position for q in questions] == list(range(1, 9))
        assert all(q.focus_area_id for q in questions)


def test_demo_password_can_be_chosen(app, runner):
    _load(runner, "--password", "ett annat lösenord")
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "admin@example.org"))
        assert verify_password(user.password_hash, "ett annat lösenord")


def test_demo_users_can_sign_in(app, runner, client):
    from tests.conftest import post

    _load(runner)
    for email in sorted(DEMO_EMAILS):
        signed_in = app.test_client()
        response = post(signed_in, "/login", {"email": email, "password": "demo"}, "/login")
        assert response.status_code == 302, email
        assert signed_in.get("/profile").status_code == 200, email


@pytest.mark.nodb
def test_demo_load_is_refused_in_production(monkeypatch):
    from app import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    monkeypatch.setenv("DATABASE_URL", "sqlite://")
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://localhost")
    production = create_app("production")
    result = production.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code != 0
    assert "Demodata laddas inte i produktion" in result.output


def test_the_summary_is_not_buried_in_log_lines(app, runner, caplog):
    import logging

    caplog.set_level(logging.INFO)
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert not [r for r in caplog.records if r.name.startswith("app.audit")]
    assert logging.getLogger("app.audit").level == logging.NOTSET  # put back afterwards
    assert result.output.splitlines()[0].startswith("Grund:")


def test_make_run_takes_a_port():
    from pathlib import Path

    makefile = (Path(__file__).parents[2] / "Makefile").read_text()
    assert "PORT ?= 5000" in makefile and "--port $(PORT)" in makefile


def test_the_2022_annual_report_speaks_of_companies_reached_routed_and_heard(app, runner):
    from app.reports.models import Answer, ReportPeriod
    from app.reports.periods import PeriodKind

    _load(runner)
    with app.app_context():
        period = db.session.scalars(
            select(ReportPeriod).filter_by(year=2022, kind=PeriodKind.VB)
        ).one()
        answers = {
            a.question.position: a.text
            for a in db.session.scalars(select(Answer).filter_by(period_id=period.id))
        }
    assert "Förvaltningen gjorde två företagsbesök, sex möten och ett samtal med" in answers[1]
    assert "Niam (Fruängens centrum)" in answers[1]
    assert "Fyra frågor från näringsidkare lotsades till rätt instans i staden" in answers[2]
    assert "3 av 4 har fått återkoppling, i median efter 21 dagar." in answers[8]
