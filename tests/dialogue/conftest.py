"""Fixtures of the dialogue's tests: a unit with its staff, and the other unit's organiser."""

from __future__ import annotations

import pytest

from app.accounts.models import Role


@pytest.fixture
def officer(make_user, unit):
    return make_user(role=Role.OFFICER, unit=unit)


@pytest.fixture
def stranger(make_user, other_unit):
    """An organiser of another unit."""
    return make_user(role=Role.ORGANISER, unit=other_unit)
