"""Fixtures for the award: a cycle with partners, jurors and a frozen clock."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from app.accounts.models import Role
from app.awards import clock
from app.directory.models import Organisation, OrganisationKind
from app.extensions import db
from tests.awards.world import NOW, make_cycle
from tests.conftest import saved


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the award's clock: `frozen(at)`; starts at NOW."""
    state = {"now": NOW}
    monkeypatch.setattr(clock, "now", lambda: state["now"])

    def set_to(at):
        state["now"] = at

    return set_to


@dataclass
class Award:
    unit: object
    cycle_id: int
    category_a: int
    category_b: int
    users: dict = field(default_factory=dict)
    year: int = 2030

    @property
    def public(self) -> str:
        return f"/awards/{self.unit.slug}/{self.year}"


@pytest.fixture
def award(app, unit, make_user, frozen):
    """An open cycle in `unit` (categories A: SBR, B: ALMI) and a user per role."""
    with app.app_context():
        sbr = Organisation(
            name="Stockholm Business Region", slug="sbr", kind=OrganisationKind.CITY_COMPANY
        )
        almi = Organisation(name="ALMI", slug="almi", kind=OrganisationKind.PARTNER)
        db.session.add_all([sbr, almi])
        db.session.flush()
        cycle = make_cycle(unit, partners=(sbr.id, almi.id))
        ids = (cycle.id, cycle.categories[0].id, cycle.categories[1].id, sbr.id, almi.id)
        db.session.commit()
    users = {
        "award_admin": make_user(Role.AWARD_ADMIN, unit, email="prisadmin@example.org"),
        "juror_a": make_user(Role.JUROR, unit, email="jury.a@example.org", organisation_id=ids[3]),
        "juror_b": make_user(Role.JUROR, unit, email="jury.b@example.org", organisation_id=ids[4]),
        "juror_c": make_user(Role.JUROR, unit, email="jury.c@example.org", organisation_id=ids[3]),
        "organiser": make_user(Role.ORGANISER, unit, email="arr@example.org"),
    }
    return Award(unit=unit, cycle_id=ids[0], category_a=ids[1], category_b=ids[2], users=users)


__all__ = ["saved"]
