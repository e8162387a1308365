"""Screening, merging, jäv and scoring: who may do what, and what is stored."""

from __future__ import annotations

import re
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.awards.models import (
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    ConflictRuling,
    Criterion,
    JurorAssignment,
    Nomination,
    Phase,
    Score,
    Screening,
)
from app.extensions import db
from tests.awards.world import NOW, assign, make_cycle, nominate
from tests.conftest import PASSWORD, post


def setup_candidates(app, award, phase=Phase.JUDGING):
    """Eligible candidates A1 (cat. A) and B1 (cat. B), ineligible A2; jurors A and B assigned."""
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        cycle.phase = phase
        a, b = cycle.categories
        a1, _ = nominate(cycle, a, "Alfabageriet AB", "556036-0793", eligible=True)
        a2, _ = nominate(cycle, a, "Andra Alfa AB", "556703-7485", eligible=False)
        b1, _ = nominate(cycle, b, "Betaverkstaden AB", "212000-0142", eligible=True)
        assign(a, award.users["juror_a"])
        assign(b, award.users["juror_b"])
        criteria = [
            c.id for c in cycle.criteria if not c.screening_only and c.category_id in (None, a.id)
        ]
        db.session.commit()
        return a1.id, a2.id, b1.id, criteria


def scores(criteria, value=4):
    data = {}
    for cid in criteria:
        data[f"score_{cid}"] = str(value)
        data[f"comment_{cid}"] = "Bra"
    return data


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def declare(client, candidate_id, conflict=False, ground=""):
    path = f"/jury/candidates/{candidate_id}"
    return post(
        client,
        f"{path}/declaration",
        {"has_conflict": "yes" if conflict else "no", "ground": ground, "note": ""},
        token_from=path,
    )


# -- screening and merging ---------------------------------------------------------------


def test_screening_records_each_check_and_the_verdict(app, client, award, login):
    a1, *_ = setup_candidates(app, award, Phase.SCREENING)
    login(award.users["award_admin"])
    with app.app_context():
        general = [c.id for c in db.session.get(AwardCycle, award.cycle_id).general_criteria]
    path = f"/manage/awards/candidates/{a1}"
    response = post(client, path, {"eligible": "no", "reason": ""}, token_from=path)
    assert response.status_code == 400
    assert "Skriv varför" in response.get_data(as_text=True)
    data = {"eligible": "no", "reason": "Verksamt i Solna"}
    data.update({f"met_{general[0]}": "y", f"note_{general[0]}": "Kontrollerat"})
    response = post(client, path, data, token_from=path)
    assert response.status_code == 302
    with app.app_context():
        screening = db.session.scalar(select(Screening).where(Screening.candidate_id == a1))
        assert not screening.eligible and screening.reason == "Verksamt i Solna"
        checks = {c.criterion_id: (c.met, c.note) for c in screening.checks}
        assert checks[general[0]] == (True, "Kontrollerat")
        assert all(not met for cid, (met, _) in checks.items() if cid != general[0])
        assert db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.candidate_screened")
        )


@pytest.mark.parametrize("role", ["organiser", "juror_a"])
def test_only_the_award_administrator_screens(app, client, award, login, role):
    a1, *_ = setup_candidates(app, award)
    login(award.users[role])
    path = f"/manage/awards/candidates/{a1}"
    assert client.get(path).status_code == 403
    response = post(client, path, {"eligible": "yes"}, token_from="/")
    assert response.status_code == 403


def test_anonymous_is_sent_to_login_and_unknown_ids_are_404(app, client, award, login):
    setup_candidates(app, award)
    response = client.get("/manage/awards/candidates/1")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    login(award.users["award_admin"])
    for path in (
        "/manage/awards/candidates/99999",
        "/manage/awards/99999/",
        "/manage/awards/categories/99999/decision",
    ):
        assert client.get(path).status_code == 404


def test_duplicates_are_suggested_and_merged_by_hand(app, client, award, login):
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        a = cycle.categories[0]
        first, _ = nominate(cycle, a, "Exempelbageriet i Älvsjö AB", "556036-0793")
        second, _ = nominate(cycle, a, "Exempelbageriet Älvsjö", "556703-7485")
        db.session.commit()
        first_id, second_id = first.id, second.id
    login(award.users["award_admin"])
    html = client.get(f"/manage/awards/{award.cycle_id}/candidates").get_data(as_text=True)
    assert "Möjliga dubbletter" in html and "liknande namn" in html
    path = f"/manage/awards/candidates/{first_id}"
    response = post(client, f"{path}/merge", {"other": str(second_id)}, token_from=path)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Candidate, second_id) is None
        assert (
            db.session.scalar(select(func.count()).where(Nomination.candidate_id == first_id)) == 2
        )
    # ...and split again by hand.
    with app.app_context():
        nomination_id = db.session.scalars(
            select(Nomination.id).order_by(Nomination.id.desc())
        ).first()
    response = post(
        client, f"/manage/awards/nominations/{nomination_id}/split", {}, token_from=path
    )
    assert response.status_code == 302
    assert count(app, Candidate) == 2


def test_merging_across_categories_or_after_scoring_is_refused(app, client, award, login):
    a1, a2, b1, criteria = setup_candidates(app, award)
    login(award.users["award_admin"])
    path = f"/manage/awards/candidates/{a1}"
    response = post(client, f"{path}/merge", {"other": str(b1)}, token_from=path)
    assert response.status_code == 400
    with app.app_context():
        db.session.add(
            Score(
                juror_id=award.users["juror_a"].id,
                candidate_id=a2,
                criterion_id=criteria[0],
                value=3,
            )
        )
        db.session.commit()
    response = post(client, f"{path}/merge", {"other": str(a2)}, token_from=path)
    assert response.status_code == 409
    assert "redan bedömts" in response.get_data(as_text=True)
    assert count(app, Candidate) == 3


# -- jurors see only their categories ----------------------------------------------------


def test_jurors_see_only_eligible_candidates_of_their_categories(app, client, award, login):
    a1, a2, b1, _ = setup_candidates(app, award)
    login(award.users["juror_a"])
    html = client.get("/jury/").get_data(as_text=True)
    assert "Alfabageriet AB" in html
    assert "Andra Alfa AB" not in html and "Betaverkstaden AB" not in html
    assert client.get(f"/jury/candidates/{b1}").status_code == 404
    assert client.get(f"/jury/candidates/{a2}").status_code == 404
    assert client.get("/jury/candidates/99999").status_code == 404
    page = client.get(f"/jury/candidates/{a1}").get_data(as_text=True)
    assert "Alfabageriet AB" in page
    assert "Nina Nominerare" not in page and "nina.nominerare@example.se" not in page
    assert "Betaverkstaden" not in page


def test_another_categorys_juror_cannot_declare_or_score(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_b"])
    assert declare(client, a1).status_code == 404
    response = post(client, f"/jury/candidates/{a1}", scores(criteria), token_from="/jury/")
    assert response.status_code == 404
    assert count(app, ConflictDeclaration) == 0 and count(app, Score) == 0


# -- jäv -------------------------------------------------------------------------------


def test_scoring_needs_a_declaration_first(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_a"])
    path = f"/jury/candidates/{a1}"
    assert 'name="has_conflict"' in client.get(path).get_data(as_text=True)
    response = post(client, path, scores(criteria), token_from=path)
    assert response.status_code == 403
    assert "jävsdeklaration" in response.get_data(as_text=True)
    assert count(app, Score) == 0


def test_no_conflict_then_scores_are_saved_once_and_updated(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_a"])
    assert declare(client, a1).status_code == 302
    assert declare(client, a1).status_code == 409  # declared once
    path = f"/jury/candidates/{a1}"
    assert post(client, path, scores(criteria, 4), token_from=path).status_code == 302
    assert post(client, path, scores(criteria, 5), token_from=path).status_code == 302
    with app.app_context():
        rows = db.session.scalars(select(Score)).all()
        assert len(rows) == len(criteria) and {r.value for r in rows} == {5}


@pytest.mark.parametrize("value", ["0", "6", "-1", "abc", "99999999999999999999", ""])
def test_a_score_outside_the_scale_is_refused(app, client, award, login, value):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_a"])
    declare(client, a1)
    path = f"/jury/candidates/{a1}"
    response = post(
        client, path, scores(criteria) | {f"score_{criteria[0]}": value}, token_from=path
    )
    assert response.status_code == 400
    assert "Ge ett heltal mellan 1 och 5" in response.get_data(as_text=True)
    assert count(app, Score) == 0


def test_the_scoring_form_shows_each_criterions_weight_and_what_the_scale_means(
    app, client, award, login
):
    a1, _, _, criteria = setup_candidates(app, award)
    with app.app_context():
        db.session.get(Criterion, criteria[1]).weight = 1.5
        db.session.commit()
    login(award.users["juror_a"])
    declare(client, a1)
    page = client.get(f"/jury/candidates/{a1}").get_data(as_text=True)
    assert "viktat medelvärde" in page
    legends = re.findall(r"<legend>(.*?)</legend>", page, re.S)
    assert [" ".join(legend.split()) for legend in legends] == [
        "Gott ledarskap (vikt 2)",
        "Kreativitet och företagsamhet (vikt 1,5)",
        "God tillväxtpotential (vikt 1)",
    ]
    anchors = "1 = uppfyller inte kriteriet, 5 = uppfyller kriteriet helt."
    for cid in criteria:
        hint = re.search(rf'<p class="hint" id="score_{cid}-hint">(.*?)</p>', page, re.S)
        assert anchors in hint.group(1)
        assert re.search(rf'<input[^>]*aria-describedby="score_{cid}-hint"[^>]*id="score_{cid}"|'
                         rf'<input[^>]*id="score_{cid}"[^>]*aria-describedby="score_{cid}-hint"',
                         page)  # fmt: skip


@pytest.mark.parametrize("closed", ["phase", "deadline"])
def test_a_score_after_judging_closed_is_refused(app, client, award, login, closed):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_a"])
    declare(client, a1)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        if closed == "phase":
            cycle.phase = Phase.DECIDED
        else:
            cycle.judging_deadline_at = NOW - timedelta(minutes=1)
        db.session.commit()
    path = f"/jury/candidates/{a1}"
    response = post(client, path, scores(criteria), token_from=path)
    assert response.status_code == 409
    said = "Omgången är avgjord" if closed == "phase" else "Bedömningen är stängd"
    assert said in response.get_data(as_text=True)
    assert count(app, Score) == 0


def test_a_declared_conflict_keeps_the_juror_out_until_ruled(app, client, award, login, make_user):
    a1, _, _, criteria = setup_candidates(app, award)
    juror_a = award.users["juror_a"]
    with app.app_context():  # another juror's score, which a conflicted juror must not see
        assign(db.session.get(AwardCycle, award.cycle_id).categories[0], award.users["juror_c"])
        for cid in criteria:
            db.session.add(
                Score(
                    juror_id=award.users["juror_c"].id,
                    candidate_id=a1,
                    criterion_id=cid,
                    value=2,
                    comment="Hemlig kommentar",
                )
            )
        db.session.commit()
    login(juror_a)
    assert declare(client, a1, conflict=True, ground="").status_code == 400
    assert count(app, ConflictDeclaration) == 0
    assert declare(client, a1, conflict=True, ground="own_interest").status_code == 302
    path = f"/jury/candidates/{a1}"
    page = client.get(path).get_data(as_text=True)
    assert "väntar" in page or "inte prövat" in page
    assert "Övriga juryledamöters poäng" not in page
    assert post(client, path, scores(criteria), token_from=path).status_code == 403
    assert count(app, Score, Score.juror_id == juror_a.id) == 0
    # The administrator confirms the conflict: still out, and a substitute is assigned.
    admin = app.test_client()
    login(award.users["award_admin"], on=admin)
    with app.app_context():
        declaration_id = db.session.scalar(select(ConflictDeclaration.id))
    cycle_page = f"/manage/awards/{award.cycle_id}/"
    assert "Anmält jäv" in admin.get(cycle_page).get_data(as_text=True)
    response = post(
        admin,
        f"/manage/awards/conflicts/{declaration_id}",
        {"ruling": "confirmed", "note": "Delägare"},
        token_from=cycle_page,
    )
    assert response.status_code == 302
    assert post(client, path, scores(criteria), token_from=path).status_code == 403
    with app.app_context():
        declaration = db.session.get(ConflictDeclaration, declaration_id)
        assert declaration.ruling == ConflictRuling.CONFIRMED and declaration.ruled_at == NOW


def test_a_conflict_ruled_away_lets_the_juror_score(app, client, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    login(award.users["juror_a"])
    declare(client, a1, conflict=True, ground="special_circumstance")
    with app.app_context():
        declaration = db.session.scalar(select(ConflictDeclaration))
        declaration.ruling = ConflictRuling.REJECTED
        db.session.commit()
    path = f"/jury/candidates/{a1}"
    assert post(client, path, scores(criteria), token_from=path).status_code == 302
    assert count(app, Score) == len(criteria)


@pytest.mark.parametrize("role", ["juror_a", "organiser"])
def test_only_administrators_rule_on_conflicts(app, client, award, login, role):
    a1, *_ = setup_candidates(app, award)
    with app.app_context():
        db.session.add(
            ConflictDeclaration(
                candidate_id=a1,
                juror_id=award.users["juror_a"].id,
                has_conflict=True,
                ground="own_interest",
                ruling=ConflictRuling.PENDING,
            )
        )
        db.session.commit()
        declaration_id = db.session.scalar(select(ConflictDeclaration.id))
    login(award.users[role])
    response = post(client, f"/manage/awards/conflicts/{declaration_id}", {"ruling": "rejected"})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.get(ConflictDeclaration, declaration_id).ruling == ConflictRuling.PENDING


def test_assigning_a_substitute_mails_them(app, client, award, login, outbox):
    setup_candidates(app, award)
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    data = {
        "user": str(award.users["juror_c"].id),
        "substitute_for": str(award.users["juror_a"].id),
    }
    response = post(
        client, f"/manage/awards/categories/{award.category_a}/jurors", data, token_from=page
    )
    assert response.status_code == 302
    with app.app_context():
        row = db.session.scalar(
            select(JurorAssignment).where(JurorAssignment.user_id == award.users["juror_c"].id)
        )
        assert row.substitute_for_id == award.users["juror_a"].id
    assert outbox()[-1]["To"] == "jury.c@example.org"
    assert "Årets lokala nyföretag" in outbox()[-1].get_content()
    again = post(
        client, f"/manage/awards/categories/{award.category_a}/jurors", data, token_from=page
    )
    assert again.status_code == 409
    organiser = post(
        client,
        f"/manage/awards/categories/{award.category_a}/jurors",
        {"user": str(award.users["organiser"].id)},
        token_from=page,
    )
    assert organiser.status_code == 400


# -- parallel saves -----------------------------------------------------------------------


def test_parallel_saves_of_the_same_score_leave_one_row_and_no_error(app, award, login):
    a1, _, _, criteria = setup_candidates(app, award)
    with app.app_context():
        db.session.add(
            ConflictDeclaration(
                candidate_id=a1, juror_id=award.users["juror_a"].id, has_conflict=False
            )
        )
        db.session.commit()
    path = f"/jury/candidates/{a1}"
    first = login(award.users["juror_a"], on=app.test_client())
    token = _token(first, path)
    cookie = first.get_cookie("session")
    clients = []
    for _ in range(8):  # one signed-in browser session, eight requests at once
        c = app.test_client()
        c.set_cookie(cookie.key, cookie.value)
        clients.append((c, {"csrf_token": token} | scores(criteria, 3)))
    barrier = threading.Barrier(len(clients))
    statuses = []

    def save(c, data):
        barrier.wait()
        statuses.append(c.post(path, data=data).status_code)

    threads = [threading.Thread(target=save, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert statuses == [302] * len(clients)
    assert count(app, Score) == len(criteria)


def _token(client, path):
    from tests.conftest import csrf_token

    return csrf_token(client, path)


def test_the_jury_page_query_count_does_not_grow_with_candidates(app, client, award, login):
    from tests.conftest import count_queries

    setup_candidates(app, award)
    login(award.users["juror_a"])
    with count_queries(app) as few:
        client.get("/jury/")
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        for n in range(6):
            nominate(cycle, cycle.categories[0], f"Extra {n} AB", "556036-0793", eligible=True)
        db.session.commit()
    with count_queries(app) as many:
        html = client.get("/jury/").get_data(as_text=True)
    assert "Extra 5 AB" in html
    assert many() == few()


__all__ = ["Criterion", "PASSWORD"]


@pytest.mark.parametrize("page", ["cycle", "candidates", "decision"])
def test_administrator_pages_do_not_grow_queries_with_candidates(app, client, award, login, page):
    from tests.conftest import count_queries

    a1, *_ = setup_candidates(app, award)
    with app.app_context():  # one of each row kind first, so eager loads run in both counts
        db.session.add(
            ConflictDeclaration(
                candidate_id=a1,
                juror_id=award.users["juror_a"].id,
                has_conflict=True,
                ground="own_interest",
                ruling=ConflictRuling.PENDING,
            )
        )
        db.session.commit()
    login(award.users["award_admin"])
    url = {
        "cycle": f"/manage/awards/{award.cycle_id}/",
        "candidates": f"/manage/awards/{award.cycle_id}/candidates",
        "decision": f"/manage/awards/categories/{award.category_a}/decision",
    }[page]
    with count_queries(app) as few:
        assert client.get(url).status_code == 200
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        for n in range(5):
            candidate, _ = nominate(
                cycle, cycle.categories[0], f"Extra {n} AB", "556036-0793", eligible=True
            )
            db.session.add(
                ConflictDeclaration(
                    candidate_id=candidate.id,
                    juror_id=award.users["juror_a"].id,
                    has_conflict=True,
                    ground="own_interest",
                    ruling=ConflictRuling.PENDING,
                )
            )
        db.session.commit()
    with count_queries(app) as many:
        html = client.get(url).get_data(as_text=True)
    assert "Extra 4 AB" in html
    assert many() == few()


def test_the_screening_page_shows_the_nominators_relation_in_swedish(app, client, award, login):
    a1, *_ = setup_candidates(app, award)
    login(award.users["award_admin"])
    html = client.get(f"/manage/awards/candidates/{a1}").get_data(as_text=True)
    assert "Nina Nominerare" in html and "(Kund)" in html


def test_parallel_declarations_leave_one_row_and_no_error(app, award, login):
    a1, *_ = setup_candidates(app, award)
    path = f"/jury/candidates/{a1}"
    first = login(award.users["juror_a"], on=app.test_client())
    token = _token(first, path)
    cookie = first.get_cookie("session")
    statuses = []
    barrier = threading.Barrier(6)

    def send():
        c = app.test_client()
        c.set_cookie(cookie.key, cookie.value)
        barrier.wait()
        data = {"csrf_token": token, "has_conflict": "no", "ground": "", "note": ""}
        statuses.append(c.post(f"{path}/declaration", data=data).status_code)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(statuses)[0] == 302 and set(statuses) <= {302, 409}
    assert count(app, ConflictDeclaration) == 1


def test_the_profile_page_lists_a_jurors_categories(app, client, award, login):
    setup_candidates(app, award)
    login(award.users["juror_a"])
    html = client.get("/profile").get_data(as_text=True)
    assert "Juryuppdrag" in html and "Årets lokala nyföretag, Årets lokala företag 2030" in html
    assert "Årets lokala innovativa företag" not in html
    other = login(award.users["organiser"], on=app.test_client())
    assert "Juryuppdrag" not in other.get("/profile").get_data(as_text=True)


@pytest.mark.parametrize("who", ["juror_b", "organiser", "award_admin", "nobody"])
def test_a_substitute_stands_in_only_for_a_juror_of_that_category(app, client, award, login, who):
    """juror_b judges category B, the others no category at all: none can be stood in for in A."""
    setup_candidates(app, award)
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    target = 999_999 if who == "nobody" else award.users[who].id
    data = {"user": str(award.users["juror_c"].id), "substitute_for": str(target)}
    response = post(
        client, f"/manage/awards/categories/{award.category_a}/jurors", data, token_from=page
    )
    assert response.status_code == 400
    assert "måste vara juryledamot i kategorin" in response.get_data(as_text=True)
    assert count(app, JurorAssignment, JurorAssignment.user_id == award.users["juror_c"].id) == 0


# -- decided cycles are history ------------------------------------------------------------


def decided_history(app, award):
    """Juror A also judged the same category in a decided 2026 cycle; returns its candidate
    and its scored criteria."""
    with app.app_context():
        old = make_cycle(
            award.unit,
            year=2026,
            phase=Phase.DECIDED,
            open_at=NOW - timedelta(days=4 * 365),
            close_at=NOW - timedelta(days=4 * 365 - 30),
            ceremony_at=NOW - timedelta(days=4 * 365 - 60),
        )
        category = old.categories[0]
        candidate, _ = nominate(old, category, "Gamla Bageriet AB", "556703-7485", eligible=True)
        assign(category, award.users["juror_a"])
        criteria = [
            c.id
            for c in old.criteria
            if not c.screening_only and c.category_id in (None, category.id)
        ]
        db.session.commit()
        return candidate.id, criteria


def test_the_jury_home_puts_this_years_work_first_and_decided_cycles_apart(
    app, client, award, login
):
    a1, *_ = setup_candidates(app, award)
    old, _ = decided_history(app, award)
    login(award.users["juror_a"])
    page = client.get("/jury/").get_data(as_text=True)
    headings = [
        " ".join(re.sub(r"<[^>]+>", "", h).split())
        for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page, re.S)
    ]
    assert headings == [
        "Årets lokala nyföretag 2030",
        "Avgjorda omgångar",
        "Årets lokala nyföretag 2026",
    ]
    current, history = page.split("Avgjorda omgångar")
    assert "Kandidater att bedöma i Årets lokala nyföretag 2030" in current
    assert f"/jury/candidates/{a1}" in current and "Gamla Bageriet AB" not in current
    assert "Gamla Bageriet AB" in history and "Kandidater att bedöma" not in history
    assert f"/jury/candidates/{old}" in history


def test_a_decided_cycles_candidate_is_read_only_and_writes_to_it_are_refused(
    app, client, award, login
):
    old, criteria = decided_history(app, award)
    login(award.users["juror_a"])
    path = f"/jury/candidates/{old}"
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Gamla Bageriet AB" in html
    assert "Omgången är avgjord" in html
    assert 'method="post"' not in html.split("<main")[1]
    token_page = "/jury/"
    response = post(client, path, scores(criteria), token_from=token_page)
    assert response.status_code == 409
    assert "Omgången är avgjord" in response.get_data(as_text=True)
    assert post(client, path, {}, token_from=token_page).status_code == 409
    response = post(client, f"{path}/declaration", {"has_conflict": "no"}, token_from=token_page)
    assert response.status_code == 409
    assert count(app, Score) == 0 and count(app, ConflictDeclaration) == 0


def test_the_jury_services_refuse_a_decided_cycle_too(app, award):
    from app.awards import services
    from app.awards.services import AwardError

    old, criteria = decided_history(app, award)
    with app.app_context():
        candidate = db.session.get(Candidate, old)
        juror = award.users["juror_a"]
        with pytest.raises(AwardError, match="avgjord") as refused:
            services.declare_conflict(juror, candidate, False, None, "", NOW)
        assert refused.value.status == 409
        criterion = db.session.get(Criterion, criteria[0])
        with pytest.raises(AwardError, match="avgjord"):
            services.save_score(juror, candidate, criterion, 3, "", NOW, None)
    assert count(app, Score) == 0 and count(app, ConflictDeclaration) == 0
