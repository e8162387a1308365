"""Decisions, reopening, the embargo until the ceremony, and the announcement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.awards import queries
from app.awards.models import AwardCycle, Decision, Phase, Score
from app.extensions import db
from tests.awards.test_jury import setup_candidates
from tests.awards.world import CEREMONY
from tests.conftest import post

CITATION = "Ett bageri som har gett Älvsjö torg liv från tidig morgon."


def decide(client, award, candidate_id, citation=CITATION, category=None):
    path = f"/manage/awards/categories/{category or award.category_a}/decision"
    return post(
        client, path, {"candidate": str(candidate_id), "citation": citation}, token_from=path
    )


def decisions(app) -> list[Decision]:
    with app.app_context():
        rows = db.session.scalars(select(Decision)).all()
        for row in rows:
            db.session.expunge(row)
        return rows


def test_the_administrator_sees_the_ranking_and_decides_a_locked_winner(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    with app.app_context():
        for cid in criteria:
            db.session.add(
                Score(
                    juror_id=award.users["juror_a"].id,
                    candidate_id=a1,
                    criterion_id=cid,
                    value=4,
                    comment=f"Stark på {cid}",
                )
            )
        db.session.commit()
    login(award.users["award_admin"])
    page = client.get(f"/manage/awards/categories/{award.category_a}/decision").get_data(
        as_text=True
    )
    assert "Alfabageriet AB" in page and "4,00" in page
    assert f"Stark på {criteria[0]}" in page
    assert "Andra Alfa AB" not in page.split("<caption>")[1].split("</table>")[0]
    response = decide(client, award, a1)
    assert response.status_code == 302
    [row] = decisions(app)
    assert row.locked and row.candidate_id == a1 and row.citation == CITATION
    again = decide(client, award, a1, "Ny motivering som ersätter den gamla.")
    assert again.status_code == 409
    assert decisions(app)[0].citation == CITATION


def _score(app, award, candidate_id, criteria, values, juror="juror_a"):
    with app.app_context():
        for cid, value in zip(criteria, values, strict=True):
            db.session.add(
                Score(
                    juror_id=award.users[juror].id,
                    candidate_id=candidate_id,
                    criterion_id=cid,
                    value=value,
                )
            )
        db.session.commit()


def test_the_ranking_names_its_method_and_writes_decimals_as_the_reader_does(
    app, client, award, login
):
    a1, _, _, criteria = setup_candidates(app, award)
    # Gott ledarskap weighs 2, the other two 1: (2·5 + 4 + 3) / 4 = 4.25.
    _score(app, award, a1, criteria, (5, 4, 3))
    login(award.users["award_admin"])
    path = f"/manage/awards/categories/{award.category_a}/decision"
    page = client.get(path).get_data(as_text=True)
    assert "Sammanvägning: viktat medelvärde." in page
    row = page.split("Alfabageriet AB")[1].split("</tr>")[0]
    assert '<td data-label="Poäng">4,25</td>' in row and "4.25" not in page
    client.get("/language/en")
    page = client.get(path).get_data(as_text=True)
    assert "Aggregation: weighted mean." in page
    assert ">4.25</td>" in page.split("Alfabageriet AB")[1].split("</tr>")[0]


def test_a_median_ranking_says_what_it_is_the_median_of(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        cycle.aggregation, cycle.normalise = "median", True
        db.session.commit()
    _score(app, award, a1, criteria, (4, 4, 4))
    login(award.users["award_admin"])
    page = client.get(f"/manage/awards/categories/{award.category_a}/decision").get_data(
        as_text=True
    )
    assert (
        "Sammanvägning: median av juryledamöternas viktade medelvärden, "
        "normaliserat per juryledamot." in page
    )


def test_a_decision_on_an_ineligible_candidate_is_refused(app, client, award, login):
    _, a2, b1, _ = setup_candidates(app, award)
    login(award.users["award_admin"])
    response = decide(client, award, a2)
    assert response.status_code == 409
    assert "inte bedömd som behörig" in response.get_data(as_text=True)
    assert decide(client, award, b1).status_code == 404  # another category's candidate
    assert decide(client, award, 99999).status_code == 404
    assert decide(client, award, "abc").status_code == 400
    assert decide(client, award, "1", citation="").status_code == 400
    assert decisions(app) == []


def test_reopening_needs_a_logged_reason(app, client, award, login):
    a1, *_ = setup_candidates(app, award)
    login(award.users["award_admin"])
    decide(client, award, a1)
    path = f"/manage/awards/categories/{award.category_a}/decision"
    assert post(client, f"{path}/reopen", {"reason": ""}, token_from=path).status_code == 400
    assert decisions(app)[0].locked
    assert (
        post(client, f"{path}/reopen", {"reason": "Fel i underlaget"}, token_from=path).status_code
        == 302
    )
    row = decisions(app)[0]
    assert not row.locked and row.reopen_reason == "Fel i underlaget"
    with app.app_context():
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.decision_reopened")
        )
        assert entry.details["reason"] == "Fel i underlaget"
    assert decide(client, award, a1, "En ny motivering.").status_code == 302
    assert decisions(app)[0].locked


@pytest.mark.parametrize("role", ["juror_a", "organiser"])
def test_others_cannot_decide_or_reopen(app, client, award, login, role):
    a1, *_ = setup_candidates(app, award)
    login(award.users[role])
    assert decide(client, award, a1).status_code == 403
    path = f"/manage/awards/categories/{award.category_a}/decision"
    assert post(client, f"{path}/reopen", {"reason": "x"}).status_code == 403
    assert decisions(app) == []


def test_where_the_cycle_says_so_the_partner_decides_unless_conflicted(app, client, award, login):
    a1, _, b1, _ = setup_candidates(app, award)
    with app.app_context():
        db.session.get(AwardCycle, award.cycle_id).partner_decides = True
        db.session.commit()
    login(award.users["juror_b"])
    assert decide(client, award, a1).status_code == 404  # not their category
    other = app.test_client()
    login(award.users["juror_a"], on=other)
    path = f"/jury/candidates/{a1}"
    post(
        other,
        f"{path}/declaration",
        {"has_conflict": "yes", "ground": "own_interest"},
        token_from=path,
    )
    assert decide(other, award, a1).status_code == 403  # a declared conflict keeps them out
    with app.app_context():
        db.session.execute(db.text("UPDATE award_conflict SET ruling = 'rejected'"))
        db.session.commit()
    assert decide(other, award, a1).status_code == 302


def _public_urls(award, ceremony_id):
    return [
        "/",
        f"{award.public}/",
        f"{award.public}/nominate",
        f"/events/{ceremony_id}",
        f"/events/{ceremony_id}.ics",
        "/events/",
        "/calendar/list",
        "/feeds/events.ics",
        "/feeds/",
    ]


def test_winners_are_embargoed_until_the_ceremony_starts(app, client, award, login, frozen):
    a1, *_ = setup_candidates(app, award)
    admin = login(award.users["award_admin"], on=app.test_client())
    decide(admin, award, a1)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        cycle.phase = Phase.DECIDED
        ceremony_id = cycle.ceremony_event_id
        db.session.commit()
    frozen(CEREMONY - timedelta(seconds=1))
    for url in _public_urls(award, ceremony_id):
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.get_data(as_text=True)
        assert "Alfabageriet" not in body, url
        assert CITATION not in body, url
    with app.app_context():
        assert queries.winners_for_event(ceremony_id, CEREMONY - timedelta(seconds=1)) == []
    frozen(CEREMONY)
    page = client.get(f"{award.public}/").get_data(as_text=True)
    assert "Vinnare" in page and "Alfabageriet AB" in page and CITATION in page
    with app.app_context():
        [winner] = queries.winners_for_event(ceremony_id, CEREMONY)
        assert winner["company_name"] == "Alfabageriet AB" and winner["citation"] == CITATION


def test_a_reopened_decision_is_not_announced(app, client, award, login, frozen):
    a1, *_ = setup_candidates(app, award)
    login(award.users["award_admin"])
    decide(client, award, a1)
    path = f"/manage/awards/categories/{award.category_a}/decision"
    post(client, f"{path}/reopen", {"reason": "Omprövning"}, token_from=path)
    with app.app_context():
        db.session.get(AwardCycle, award.cycle_id).phase = Phase.DECIDED
        db.session.commit()
    frozen(CEREMONY + timedelta(hours=1))
    assert "Alfabageriet" not in client.get(f"{award.public}/").get_data(as_text=True)


def test_a_sole_trader_winner_is_masked(app, client, award, frozen):
    from tests.awards.world import nominate

    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        candidate, _ = nominate(
            cycle, cycle.categories[0], "Frisör Fia", "640823-3234", eligible=True
        )
        db.session.add(
            Decision(
                category_id=cycle.categories[0].id, candidate_id=candidate.id, citation=CITATION
            )
        )
        cycle.phase = Phase.DECIDED
        db.session.commit()
        frozen(CEREMONY)
        [winner] = queries.winners(db.session.get(AwardCycle, award.cycle_id), CEREMONY)
        assert winner["org_number"] == "640823-****"


def test_phase_changes_are_logged_and_checked(app, client, award, login, frozen):
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    assert (
        post(
            client,
            f"{award.public[:0]}/manage/awards/{award.cycle_id}/phase",
            {"phase": "archived"},
            token_from=page,
        ).status_code
        == 400
    )
    # The call is open for three more weeks: closing it now must be confirmed.
    response = post(
        client,
        f"/manage/awards/{award.cycle_id}/phase",
        {"phase": "screening", "confirm_early_close": "y"},
        token_from=page,
    )
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(AwardCycle, award.cycle_id).phase == Phase.SCREENING
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.phase_changed")
        )
        assert entry.details == {
            "before": "nominations_open",
            "after": "screening",
            "by": "person",
            "closed_early": True,
        }
    other = login(award.users["organiser"], on=app.test_client())
    assert (
        post(other, f"/manage/awards/{award.cycle_id}/phase", {"phase": "judging"}).status_code
        == 403
    )


def test_the_clock_command_stores_date_driven_phases(app, runner, award, frozen):
    frozen(CEREMONY - timedelta(days=1))
    result = runner.invoke(args=["awards", "advance"])
    assert result.exit_code == 0, result.output
    assert "nominations_open → screening" in result.output
    with app.app_context():
        assert db.session.get(AwardCycle, award.cycle_id).phase == Phase.SCREENING
        assert (
            db.session.scalar(
                select(func.count()).where(AuditEntry.action == "awards.phase_changed")
            )
            == 1
        )
    assert "0 omgångar" in runner.invoke(args=["awards", "advance"]).output


def test_the_partner_juror_finds_the_decision_page_when_the_partner_decides(
    app, client, award, login
):
    setup_candidates(app, award)
    login(award.users["juror_a"])
    link = f"/manage/awards/categories/{award.category_a}/decision"
    assert link not in client.get("/jury/").get_data(as_text=True)
    with app.app_context():
        db.session.get(AwardCycle, award.cycle_id).partner_decides = True
        db.session.commit()
    assert link in client.get("/jury/").get_data(as_text=True)
    assert client.get(link).status_code == 200
