"""Fixtures of the directory's tests."""

from __future__ import annotations

import pytest

from app.accounts.models import Role


@pytest.fixture
def organiser(make_user, unit):
    """An organiser of the unit: keeps the shared directory."""
    return make_user(Role.ORGANISER, unit)
