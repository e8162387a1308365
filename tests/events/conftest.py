"""Fixtures for the organiser pages: an organiser, venues, and a valid form payload."""

from __future__ import annotations

import pytest

from app.accounts.models import Role
from app.directory.models import Organisation, OrganisationKind, Venue
from app.extensions import db
from tests.conftest import saved


@pytest.fixture
def organiser(make_user, unit):
    return make_user(Role.ORGANISER, unit, email="olle@example.org")


@pytest.fixture
def make_venue(app):
    def make(slug: str = "alvsjo-torg", name: str = "Älvsjö torg") -> Venue:
        with app.app_context():
            venue = Venue(name=name, slug=slug, postal_code="125 30")
            db.session.add(venue)
            return saved(venue)

    return make


@pytest.fixture
def venue(make_venue):
    return make_venue()


@pytest.fixture
def citycon(app):
    with app.app_context():
        org = Organisation(name="Citycon", slug="citycon", kind=OrganisationKind.PROPERTY_OWNER)
        db.session.add(org)
        return saved(org)


def form_data(**overrides) -> dict:
    """A valid new-event form: a one-off breakfast 2030-03-05 kl. 8.00–9.30."""
    data = {
        "title": "Frukostmöte om kompetensförsörjning",
        "kind": "breakfast_meeting",
        "theme": "Kompetensförsörjning",
        "description": "Vi pratar om rekrytering.",
        "start_date": "2030-03-05",
        "start_time": "08:00",
        "end_time": "09:30",
        "venue": "0",
        "organiser": "0",
        "support_kind": "",
        "repeat": "none",
        "waiting_list": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def errors(response) -> list[tuple[str, str]]:
    """The (field id, message) pairs a form page shows, for assertion messages."""
    import re

    html = response.get_data(as_text=True)
    return re.findall(
        r'id="([\w-]+)-error"><span class="visually-hidden">[^<]*</span>([^<]*)', html
    )
