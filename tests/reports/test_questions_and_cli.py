"""The report template (questions per year), the demo and the command line."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.db import utcnow
from app.demo import foundation, seed_2022
from app.demo import reports as demo_reports
from app.extensions import db
from app.policy.models import ReportQuestion
from app.reports.models import Answer, AnswerStatus, PeriodStatus, ReportPeriod
from app.reports.periods import PeriodKind
from tests.conftest import post
from tests.reports.world import focus_areas, open_period, setup_questions

QUESTIONS = "/reports/hagersten-alvsjo/questions"


@pytest.fixture
def admin(make_user, unit):
    return make_user(Role.ADMIN, unit)


def questions(app, unit_id, year):
    with app.app_context():
        rows = db.session.scalars(
            select(ReportQuestion)
            .filter_by(unit_id=unit_id, year=year)
            .order_by(ReportQuestion.position)
        )
        return [(q.position, q.text) for q in rows]


def test_admin_adds_and_edits_questions(app, unit, admin, login, client):
    with app.app_context():
        area = focus_areas()[2].id
        db.session.commit()
    login(admin)
    url = f"{QUESTIONS}/2023/"
    response = post(
        client, url, {"focus_area": area, "text": "  Hur sker platssamverkan?  "}, token_from=url
    )
    assert response.status_code == 302
    assert questions(app, unit.id, 2023) == [(1, "Hur sker platssamverkan?")]
    with app.app_context():
        qid = db.session.scalar(select(ReportQuestion.id))
    edit = f"{QUESTIONS}/2023/{qid}"
    assert (
        post(client, edit, {"focus_area": area, "text": "Ny lydelse?"}, token_from=edit).status_code
        == 302
    )
    assert questions(app, unit.id, 2023) == [(1, "Ny lydelse?")]
    bad = post(client, edit, {"focus_area": area, "text": "x" * 3000}, token_from=edit)
    assert bad.status_code == 400
    assert "Frågan får vara högst 2 000 tecken." in bad.get_data(as_text=True)
    assert questions(app, unit.id, 2023) == [(1, "Ny lydelse?")]
    with app.app_context():
        assert (
            db.session.scalar(select(func.count(AuditEntry.id)).filter_by(action="question.save"))
            == 2
        )


def test_copy_last_years_questions_once(app, unit, admin, login, client):
    setup_questions(app, unit, 2022)
    login(admin)
    url = f"{QUESTIONS}/2023/"
    response = post(client, f"{QUESTIONS}/2023/copy", {}, token_from=url)
    assert response.status_code == 302
    assert [t for _p, t in questions(app, unit.id, 2023)] == [
        t for _p, t in questions(app, unit.id, 2022)
    ]
    again = post(client, f"{QUESTIONS}/2023/copy", {}, token_from=url, follow_redirects=True)
    assert "Året har redan frågor." in again.get_data(as_text=True)
    assert len(questions(app, unit.id, 2023)) == 2


def test_a_question_with_answers_cannot_be_deleted(app, unit, admin, login, client):
    qids = setup_questions(app, unit, 2022)
    open_period(app, unit)
    login(admin)
    response = post(
        client,
        f"{QUESTIONS}/2022/{qids[0]}/delete",
        {},
        token_from=f"{QUESTIONS}/2022/",
        follow_redirects=True,
    )
    assert "Frågan har redan svar i en rapport" in response.get_data(as_text=True)
    assert len(questions(app, unit.id, 2022)) == 2


def test_an_unused_question_is_deleted(app, unit, admin, login, client):
    qids = setup_questions(app, unit, 2024)
    login(admin)
    assert (
        post(
            client, f"{QUESTIONS}/2024/{qids[1]}/delete", {}, token_from=f"{QUESTIONS}/2024/"
        ).status_code
        == 302
    )
    assert len(questions(app, unit.id, 2024)) == 1


def test_another_units_question_is_404_and_officers_may_not_edit(
    app, unit, other_unit, admin, make_user, login, client
):
    other_qids = setup_questions(app, other_unit, 2022)
    login(admin)
    assert client.get(f"{QUESTIONS}/2022/{other_qids[0]}").status_code == 404
    assert client.get(f"{QUESTIONS}/99999999999/").status_code == 404
    officer_client = app.test_client()
    login(make_user(Role.OFFICER, unit), on=officer_client)
    assert officer_client.get(f"{QUESTIONS}/2022/").status_code == 403


def test_demo_has_t2_word_for_word_and_drafts_elsewhere_and_loads_twice(app):
    with app.app_context():
        foundation.load(password="demo", echo=lambda *_: None)
        demo_reports.load(password="demo", echo=lambda *_: None)
        db.session.commit()
        counts = [
            db.session.scalar(select(func.count()).select_from(t)) for t in (ReportPeriod, Answer)
        ]
        demo_reports.load(password="demo", echo=lambda *_: None)
        db.session.commit()
        assert [
            db.session.scalar(select(func.count()).select_from(t)) for t in (ReportPeriod, Answer)
        ] == counts
        periods = {(p.year, p.kind): p for p in db.session.scalars(select(ReportPeriod))}
        t2 = periods[(2022, PeriodKind.T2)]
        assert t2.status == PeriodStatus.SUBMITTED
        answers = db.session.scalars(
            select(Answer)
            .join(ReportQuestion)
            .where(Answer.period_id == t2.id)
            .order_by(ReportQuestion.position)
        ).all()
        assert [a.text for a in answers] == [q[2] for q in seed_2022.QUESTIONS_2022]
        assert {a.status for a in answers} == {AnswerStatus.FINAL}
        vb = periods[(2022, PeriodKind.VB)]
        assert vb.status == PeriodStatus.OPEN
        # VB takes the drafts from the events; without a draft it keeps T2's final text.
        t2_text = {a.question_id: a.text for a in answers}
        for a in vb.answers:
            assert a.status == AnswerStatus.DRAFT
            assert a.text == (a.draft or t2_text[a.question_id])
        assert len(periods) == 4  # T1, T2, VB 2022 and this year's
        this_year = next(p for (year, _k), p in periods.items() if year != 2022)
        assert this_year.status == PeriodStatus.OPEN
        if utcnow().timetuple().tm_yday > 3:  # meetings held earlier this year
            assert any(a.draft for a in this_year.answers)


def test_cli_opens_and_regenerates(app, unit, runner):
    setup_questions(app, unit, 2022)
    result = runner.invoke(args=["reports", "open", "hagersten-alvsjo", "2022", "t1"])
    assert result.exit_code == 0, result.output
    assert "T1 2022 är öppnad med 2 svar" in result.output
    again = runner.invoke(args=["reports", "open", "hagersten-alvsjo", "2022", "t1"])
    assert again.exit_code == 1
    assert "Perioden är redan öppnad." in again.output
    result = runner.invoke(args=["reports", "regenerate", "hagersten-alvsjo", "2022", "t1"])
    assert result.exit_code == 0 and "0 utkast ändrades." in result.output
    missing = runner.invoke(args=["reports", "regenerate", "nowhere", "2022", "t1"])
    assert missing.exit_code == 1 and "finns inte" in missing.output
