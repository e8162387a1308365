"""Setting up a cycle: dates and rules, categories, criteria."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.awards.models import AwardCategory, AwardCycle, Criterion, Phase, Score
from app.extensions import db
from tests.awards.test_jury import setup_candidates
from tests.conftest import post


def cycle_data(unit_id=None, **overrides):
    data = {
        "year": "2031",
        "title": "Årets lokala företag 2031",
        "description": "",
        "opens_on": "2031-09-15",
        "closes_on": "2031-10-29",
        "judging_until": "2031-11-10",
        "ceremony": "0",
        "aggregation": "median",
        "retention_months": "12",
    }
    if unit_id is not None:
        data["unit"] = str(unit_id)
    data.update(overrides)
    return data


def test_a_new_cycle_starts_as_a_draft_with_inclusive_dates(app, client, award, login):
    login(award.users["award_admin"])
    response = post(
        client, "/manage/awards/new", cycle_data(award.unit.id), token_from="/manage/awards/new"
    )
    assert response.status_code == 302
    with app.app_context():
        cycle = db.session.scalars(select(AwardCycle).where(AwardCycle.year == 2031)).one()
        assert cycle.phase == Phase.DRAFT and cycle.aggregation == "median"
        # The last day is inclusive: the window closes at midnight after 29 October, Stockholm time.
        assert cycle.nominations_close_at == datetime(2031, 10, 29, 23, 0, tzinfo=UTC)
        assert cycle.nominations_open_at == datetime(2031, 9, 14, 22, 0, tzinfo=UTC)
        assert db.session.scalar(
            select(AuditEntry.action).where(AuditEntry.action == "awards.cycle_created")
        )
    assert response.headers["Location"] == f"/manage/awards/{cycle.id}/settings"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'value="2031-10-29"' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"year": "2030"}, "redan en omgång"),
        ({"closes_on": "2031-09-01"}, "före öppningsdagen"),
        ({"opens_on": "15/9"}, "ÅÅÅÅ-MM-DD"),
        ({"year": "99999999999"}, "mellan 2000 och 2100"),
        ({"ceremony": "424242"}, "Välj ett evenemang"),
        ({"unit": "424242"}, "Välj en enhet"),
        ({"retention_months": "0"}, "mellan 1 och 120"),
    ],
)
def test_bad_cycle_settings_are_refused(app, client, award, login, overrides, message):
    login(award.users["award_admin"])
    response = post(
        client,
        "/manage/awards/new",
        cycle_data(award.unit.id, **overrides),
        token_from="/manage/awards/new",
    )
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AwardCycle)) == 1


def test_settings_are_changed_and_logged(app, client, award, login):
    login(award.users["award_admin"])
    path = f"/manage/awards/{award.cycle_id}/settings"
    page = client.get(path).get_data(as_text=True)
    assert 'value="Årets lokala företag 2030"' in page
    response = post(
        client,
        path,
        cycle_data(year="2030", title="Nytt namn", partner_decides="y"),
        token_from=path,
    )
    assert response.status_code == 302
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        assert cycle.title == "Nytt namn" and cycle.partner_decides
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.cycle_updated")
        )
        assert "title" in entry.details["changed"]


def test_categories_and_criteria_are_added(app, client, award, login):
    login(award.users["award_admin"])
    path = f"/manage/awards/{award.cycle_id}/settings"
    data = {
        "category-name": "Årets lokala företagare",
        "category-partner": "0",
        "category-eligibility": "",
    }
    assert (
        post(
            client, f"/manage/awards/{award.cycle_id}/categories", data, token_from=path
        ).status_code
        == 302
    )
    assert (
        post(
            client, f"/manage/awards/{award.cycle_id}/categories", data, token_from=path
        ).status_code
        == 409
    )
    bad = dict(data, **{"category-name": "Ny", "category-partner": "99999"})
    refused = post(client, f"/manage/awards/{award.cycle_id}/categories", bad, token_from=path)
    assert refused.status_code == 400
    # The settings page comes back with the message beside the field and what was typed.
    html = refused.get_data(as_text=True)
    assert "Välj en partner i listan." in html and 'value="Ny"' in html
    criterion = {
        "criterion-name": "Hållbarhet",
        "criterion-category": "0",
        "criterion-weight": "1.5",
        "criterion-scale_max": "5",
    }
    assert (
        post(
            client, f"/manage/awards/{award.cycle_id}/criteria", criterion, token_from=path
        ).status_code
        == 302
    )
    heavy = dict(criterion, **{"criterion-weight": "0"})
    assert (
        post(
            client, f"/manage/awards/{award.cycle_id}/criteria", heavy, token_from=path
        ).status_code
        == 400
    )
    with app.app_context():
        assert (
            db.session.scalar(select(func.count()).where(AwardCategory.cycle_id == award.cycle_id))
            == 3
        )
        added = db.session.scalar(select(Criterion).where(Criterion.name == "Hållbarhet"))
        assert added.weight == 1.5 and added.category_id is None


def test_no_criterion_is_added_once_judging_has_started(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    with app.app_context():
        db.session.add(
            Score(
                juror_id=award.users["juror_a"].id,
                candidate_id=a1,
                criterion_id=criteria[0],
                value=3,
            )
        )
        db.session.commit()
    login(award.users["award_admin"])
    path = f"/manage/awards/{award.cycle_id}/settings"
    data = {
        "criterion-name": "Sent",
        "criterion-category": "0",
        "criterion-weight": "1",
        "criterion-scale_max": "5",
    }
    response = post(client, f"/manage/awards/{award.cycle_id}/criteria", data, token_from=path)
    assert response.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(Criterion).where(Criterion.name == "Sent")) is None


@pytest.mark.parametrize("role", ["organiser", "juror_a"])
def test_only_administrators_set_up_cycles(app, client, award, login, role):
    login(award.users[role])
    assert client.get("/manage/awards/new").status_code == 403
    path = f"/manage/awards/{award.cycle_id}/settings"
    assert post(client, path, cycle_data(title="Kapad")).status_code == 403
    with app.app_context():
        assert db.session.get(AwardCycle, award.cycle_id).title == "Årets lokala företag 2030"
