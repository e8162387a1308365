"""Changing and removing categories, criteria and jurors once they are set up."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.awards.models import AwardCategory, AwardCycle, Criterion, JurorAssignment, Score
from app.extensions import db
from tests.awards.test_jury import count, setup_candidates
from tests.awards.world import assign
from tests.conftest import post


def _category(app, category_id):
    with app.app_context():
        category = db.session.get(AwardCategory, category_id)
        return None if category is None else (category.name, category.partner_id)


def _general_criterion(app, award) -> int:
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        return next(c.id for c in cycle.criteria if c.category_id is None and not c.screening_only)


def _score(app, award, candidate, criterion) -> None:
    with app.app_context():
        juror = award.users["juror_a"].id
        db.session.add(
            Score(juror_id=juror, candidate_id=candidate, criterion_id=criterion, value=3)
        )
        db.session.commit()


def _category_form(name="Nytt namn", partner=0, **extra) -> dict:
    return {"name": name, "partner": str(partner), "description": "", "eligibility": "", **extra}


def _criterion_form(app, criterion_id, **changes) -> dict:
    with app.app_context():
        c = db.session.get(Criterion, criterion_id)
        data = {
            "name": c.name,
            "description": c.description,
            "weight": str(c.weight),
            "category": str(c.category_id or 0),
            "scale_max": str(c.scale_max),
        }
    return {**data, **changes}


def test_a_category_is_renamed_and_the_change_logged(app, client, award, login):
    login(award.users["award_admin"])
    path = f"/manage/awards/categories/{award.category_a}"
    _, partner = _category(app, award.category_a)
    page = client.get(path)
    assert page.status_code == 200 and "Ta bort kategorin" in page.get_data(as_text=True)
    data = _category_form("Årets unga företag", partner, eligibility="Högst tre år")
    response = post(client, path, data, token_from=path)
    assert response.status_code == 302
    assert _category(app, award.category_a) == ("Årets unga företag", partner)
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.category_updated")
        )
        assert "name" in entry.details["changed"] and "eligibility" in entry.details["changed"]


def test_a_name_taken_in_the_cycle_comes_back_beside_the_field(app, client, award, login):
    login(award.users["award_admin"])
    before = _category(app, award.category_a)
    with app.app_context():
        taken = db.session.get(AwardCategory, award.category_b).name
    path = f"/manage/awards/categories/{award.category_a}"
    response = post(client, path, _category_form(taken, before[1]), token_from=path)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "redan en kategori med det namnet" in html and f'value="{taken}"' in html
    assert _category(app, award.category_a) == before


def test_the_partner_stays_once_jurors_are_on_the_category(app, client, award, login):
    setup_candidates(app, award)  # juror A is on category A
    login(award.users["award_admin"])
    before = _category(app, award.category_a)
    path = f"/manage/awards/categories/{award.category_a}"
    response = post(client, path, _category_form(before[0], 0), token_from=path)
    assert response.status_code == 409
    assert "Ta bort dem innan du byter partner" in response.get_data(as_text=True)
    assert _category(app, award.category_a) == before


def test_only_an_unused_category_is_deleted(app, client, award, login):
    setup_candidates(app, award)  # both categories have nominations
    login(award.users["award_admin"])
    path = f"/manage/awards/categories/{award.category_a}"
    refused = post(client, path + "/delete", {}, token_from=path)
    assert refused.status_code == 409
    assert "har nomineringar" in refused.get_data(as_text=True)
    assert _category(app, award.category_a) is not None
    with app.app_context():
        empty = AwardCategory(cycle_id=award.cycle_id, name="Tom kategori", position=9)
        db.session.add(empty)
        db.session.flush()
        db.session.add(Criterion(cycle_id=award.cycle_id, category_id=empty.id, name="Eget"))
        db.session.commit()
        empty_id = empty.id
    path = f"/manage/awards/categories/{empty_id}"
    response = post(client, path + "/delete", {}, token_from=path)
    assert response.status_code == 302
    assert _category(app, empty_id) is None
    assert count(app, Criterion, Criterion.name == "Eget") == 0  # its own criteria go with it


def test_a_criterion_keeps_its_weight_once_scored_but_may_be_reworded(app, client, award, login):
    a1, _, _, _ = setup_candidates(app, award)
    criterion = _general_criterion(app, award)
    _score(app, award, a1, criterion)
    login(award.users["award_admin"])
    path = f"/manage/awards/criteria/{criterion}"
    heavier = _criterion_form(app, criterion, weight="3")
    refused = post(client, path, heavier, token_from=path)
    assert refused.status_code == 409
    assert "kan inte ändras" in refused.get_data(as_text=True)
    assert 'value="3"' in refused.get_data(as_text=True)  # what was typed stays
    reworded = _criterion_form(app, criterion, name="Lokal förankring och samverkan")
    assert post(client, path, reworded, token_from=path).status_code == 302
    with app.app_context():
        saved = db.session.get(Criterion, criterion)
        assert saved.name == "Lokal förankring och samverkan" and saved.weight != 3


def test_before_judging_a_criterion_is_reweighted_and_deleted(app, client, award, login):
    criterion = _general_criterion(app, award)  # the cycle is open for nominations
    login(award.users["award_admin"])
    path = f"/manage/awards/criteria/{criterion}"
    assert (
        post(
            client, path, _criterion_form(app, criterion, weight="2.5"), token_from=path
        ).status_code
        == 302
    )
    with app.app_context():
        assert db.session.get(Criterion, criterion).weight == 2.5
    assert post(client, path + "/delete", {}, token_from=path).status_code == 302
    assert count(app, Criterion, Criterion.id == criterion) == 0


def test_a_scored_criterion_is_not_deleted(app, client, award, login):
    a1, _, _, _ = setup_candidates(app, award)
    criterion = _general_criterion(app, award)
    _score(app, award, a1, criterion)
    login(award.users["award_admin"])
    path = f"/manage/awards/criteria/{criterion}"
    assert post(client, path + "/delete", {}, token_from=path).status_code == 409
    assert count(app, Criterion, Criterion.id == criterion) == 1
    assert count(app, Score) == 1


def _assignment(app, category_id, user) -> int | None:
    with app.app_context():
        return db.session.scalar(
            select(JurorAssignment.id).where(
                JurorAssignment.category_id == category_id, JurorAssignment.user_id == user.id
            )
        )


def test_a_juror_who_has_not_started_is_removed(app, client, award, login):
    with app.app_context():
        assign(db.session.get(AwardCategory, award.category_a), award.users["juror_c"])
        db.session.commit()
    assignment = _assignment(app, award.category_a, award.users["juror_c"])
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    assert "Ta bort" in client.get(page).get_data(as_text=True)
    response = post(client, f"/manage/awards/jurors/{assignment}/remove", {}, token_from=page)
    assert response.status_code == 302
    assert _assignment(app, award.category_a, award.users["juror_c"]) is None


def test_a_juror_who_has_scored_stays(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    _score(app, award, a1, criteria[0])
    assignment = _assignment(app, award.category_a, award.users["juror_a"])
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    response = post(client, f"/manage/awards/jurors/{assignment}/remove", {}, token_from=page)
    assert response.status_code == 409
    assert "Utse en ersättare" in response.get_data(as_text=True)
    assert _assignment(app, award.category_a, award.users["juror_a"]) == assignment


@pytest.mark.parametrize("who", ["anonymous", "organiser", "juror_a", "other_admin"])
def test_only_the_units_award_administrator_changes_the_set_up(
    app, client, award, login, make_user, other_unit, who
):
    with app.app_context():
        assign(db.session.get(AwardCategory, award.category_a), award.users["juror_c"])
        db.session.commit()
    assignment = _assignment(app, award.category_a, award.users["juror_c"])
    criterion = _general_criterion(app, award)
    if who == "other_admin":
        login(make_user(Role.AWARD_ADMIN, other_unit, email="annan@example.org"))
    elif who != "anonymous":
        login(award.users[who])
    expected = 302 if who == "anonymous" else 403
    before = _category(app, award.category_a)
    requests = [
        (f"/manage/awards/categories/{award.category_a}", _category_form("Kapad")),
        (f"/manage/awards/categories/{award.category_a}/delete", {}),
        (f"/manage/awards/criteria/{criterion}", _criterion_form(app, criterion, name="Kapad")),
        (f"/manage/awards/criteria/{criterion}/delete", {}),
        (f"/manage/awards/jurors/{assignment}/remove", {}),
    ]
    for url, data in requests:
        response = post(client, url, data, token_from="/")
        assert response.status_code == expected, url
        if who == "anonymous":
            assert "/login" in response.headers["Location"]
    assert client.get(requests[0][0]).status_code == expected
    assert _category(app, award.category_a) == before
    assert count(app, Criterion, Criterion.id == criterion, Criterion.name != "Kapad") == 1
    assert _assignment(app, award.category_a, award.users["juror_c"]) == assignment
