"""Two first nominations of one company at the same moment gather into one candidate."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from app.awards import services
from app.awards.models import AwardCategory, AwardCycle, Candidate, Nomination, Relation
from app.extensions import db
from tests.awards.world import NOW

pytestmark = pytest.mark.postgres  # SQLite takes one writer at a time: no race to lose


def _data(nominator: str) -> dict:
    return {
        "company_name": "Torgkaféet AB", "org_number": "556036-0793",
        "address": "Hägerstensvägen 100", "postal_code": "126 49",
        "contact_name": "Karin Kafé", "contact_email": "karin@example.se",
        "contact_phone": "+46850821083", "motivation": "Kaféet har blivit torgets vardagsrum och har anställt fyra unga i år.",
        "nominator_name": nominator, "nominator_email": f"{nominator.lower()}@example.se",
        "nominator_phone": "", "relation": Relation.CUSTOMER,
    }  # fmt: skip


def _nominate(app, award, nominator: str, stored: threading.Event, go_on: threading.Event):
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        category = db.session.get(AwardCategory, award.category_a)
        services.submit_nomination(cycle, category, _data(nominator), NOW)
        stored.set()
        go_on.wait(timeout=20)  # the transaction stays open until the test lets it commit
        db.session.commit()


def test_the_second_first_nomination_waits_and_joins_the_first_candidate(app, award):
    first_stored, second_stored = threading.Event(), threading.Event()
    release_first, release_second = threading.Event(), threading.Event()
    release_second.set()
    first = threading.Thread(
        target=_nominate, args=(app, award, "Anna", first_stored, release_first)
    )
    second = threading.Thread(
        target=_nominate, args=(app, award, "Bertil", second_stored, release_second)
    )
    first.start()
    assert first_stored.wait(timeout=20)  # Anna's candidate is flushed, not yet committed
    second.start()
    # Bertil's nomination cannot decide whether the company is new while Anna's is open.
    assert not second_stored.wait(timeout=1)
    release_first.set()
    first.join(timeout=20)
    second.join(timeout=20)
    assert second_stored.is_set()
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Candidate)) == 1
        assert db.session.scalar(select(func.count()).select_from(Nomination)) == 2
