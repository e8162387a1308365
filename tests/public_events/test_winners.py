"""The ceremony event's public page names the award winners, but not before it starts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.awards import clock
from app.awards.models import AwardCycle, Decision, Phase
from app.directory.models import Organisation, OrganisationKind
from app.events.models import Event
from app.extensions import db
from tests.awards.world import CEREMONY, make_cycle, nominate
from tests.conftest import count_queries, post

CITATIONS = (
    "Alfabageriet har gett torget liv varje morgon och anställt unga från området.",
    "Betaverkstaden har tagit fram en ny cykel som lagas av sina egna ägare.",
)


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the award's clock; `frozen(at)` moves it."""
    state = {"now": CEREMONY - timedelta(days=30)}
    monkeypatch.setattr(clock, "now", lambda: state["now"])
    return lambda at: state.update(now=at)


def _decided_cycle(app, unit, winners: int) -> int:
    """A decided cycle with `winners` locked decisions; returns the ceremony event's id."""
    with app.app_context():
        sbr = Organisation(
            name="Stockholm Business Region", slug="sbr", kind=OrganisationKind.CITY_COMPANY
        )
        db.session.add(sbr)
        db.session.flush()
        cycle = make_cycle(unit, partners=(sbr.id, None), phase=Phase.DECIDED)
        companies = (("Alfabageriet AB", "556677-8899"), ("Betaverkstaden AB", "559999-0000"))
        for category, (name, number), citation in list(
            zip(cycle.categories, companies, CITATIONS, strict=True)
        )[:winners]:
            candidate, _ = nominate(cycle, category, name, number, eligible=True)
            db.session.add(
                Decision(category_id=category.id, candidate_id=candidate.id, citation=citation)
            )
        db.session.commit()
        return cycle.ceremony_event_id


def test_nothing_about_winners_before_the_ceremony_starts(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=2)
    frozen(CEREMONY - timedelta(seconds=1))
    response = client.get(f"/events/{event_id}")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Företagsdialog med mingelmässa" in body
    for hidden in ("Pristagare", "Alfabageriet", "Betaverkstaden", *CITATIONS):
        assert hidden not in body


def test_the_page_names_winners_categories_and_citations_once_started(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=2)
    frozen(CEREMONY)
    body = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Pristagare" in body
    assert "Årets lokala nyföretag" in body and "Alfabageriet AB" in body
    assert "Årets lokala innovativa företag" in body and "Betaverkstaden AB" in body
    assert CITATIONS[0] in body and CITATIONS[1] in body
    assert "Kategorins partner: Stockholm Business Region" in body
    assert body.index("Alfabageriet AB") < body.index("Betaverkstaden AB")  # category order


def test_an_unlocked_decision_is_not_named(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=2)
    with app.app_context():
        decision = db.session.scalar(db.select(Decision).where(Decision.citation == CITATIONS[1]))
        decision.locked, decision.reopen_reason = False, "Omprövning efter jävsanmälan"
        db.session.commit()
    frozen(CEREMONY + timedelta(hours=1))
    body = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Alfabageriet AB" in body
    assert "Betaverkstaden" not in body and CITATIONS[1] not in body


def test_a_cycle_still_judging_names_nobody_after_the_start(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=1)
    with app.app_context():
        db.session.scalar(db.select(AwardCycle)).phase = Phase.JUDGING
        db.session.commit()
    frozen(CEREMONY + timedelta(hours=1))
    body = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert "Pristagare" not in body and "Alfabageriet" not in body


def test_another_event_shows_no_winners(app, client, unit, make_event, frozen):
    _decided_cycle(app, unit, winners=2)
    other = make_event(unit, title="Frukostmöte om kompetensförsörjning")
    frozen(CEREMONY + timedelta(days=1))
    body = client.get(f"/events/{other.id}").get_data(as_text=True)
    assert "Frukostmöte om kompetensförsörjning" in body
    assert "Pristagare" not in body and "Alfabageriet" not in body


def _page_queries(app, client, event_id: int, winners: int) -> int:
    client.get(f"/events/{event_id}")  # warm caches outside the count
    with count_queries(app) as counted:
        body = client.get(f"/events/{event_id}").get_data(as_text=True)
    assert body.count('class="award-winner"') == winners
    return counted()


def test_the_query_count_does_not_grow_with_the_winners(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=1)
    frozen(CEREMONY)
    one = _page_queries(app, client, event_id, 1)
    with app.app_context():
        cycle = db.session.scalar(db.select(AwardCycle))
        candidate, _ = nominate(
            cycle, cycle.categories[1], "Betaverkstaden AB", "559999-0000", eligible=True
        )
        db.session.add(
            Decision(
                category_id=cycle.categories[1].id, candidate_id=candidate.id, citation=CITATIONS[1]
            )
        )
        db.session.commit()
    assert _page_queries(app, client, event_id, 2) == one


def test_the_page_shown_again_with_form_errors_keeps_the_winners(app, client, unit, frozen):
    event_id = _decided_cycle(app, unit, winners=1)
    with app.app_context():
        db.session.get(Event, event_id).registration_enabled = True
        db.session.commit()
    frozen(CEREMONY)
    data = {"name": "Anna", "email": "inte-en-adress", "organisation": ""}
    response = post(client, f"/events/{event_id}/register", data, token_from=f"/events/{event_id}")
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Alfabageriet AB" in body and CITATIONS[0] in body
