"""The report pages: opening, editing with drafts and evidence, locking, submitting, exports."""

from __future__ import annotations

import io
import re
from datetime import UTC, date, timedelta

import pytest
from docx import Document
from sqlalchemy import func, select

from app.accounts.models import Role
from app.audit.models import AuditEntry
from app.events.models import EventStatus
from app.extensions import db
from app.reports import services
from app.reports.models import (
    Answer,
    AnswerRevision,
    AnswerStatus,
    EvidenceChoice,
    PeriodStatus,
    ReportPeriod,
)
from app.reports.periods import PeriodKind
from tests.conftest import count_queries, csrf_token, post
from tests.reports.world import add_outcome, link_event, local, open_period, setup_questions

BASE = "/reports/hagersten-alvsjo/2022/t2"


@pytest.fixture
def officer(make_user, unit):
    return make_user(Role.OFFICER, unit)


@pytest.fixture
def report(app, unit, make_event):
    """Two questions, a held summer series linked to the first, and T2 2022 opened."""
    qids = setup_questions(app, unit)
    start = local(2022, 6, 11, 12)
    event = make_event(
        unit,
        title="Sommar på torget",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        rrule="FREQ=WEEKLY;COUNT=3",
    )
    link_event(app, event.id, qids[:1])
    add_outcome(app, event.id, start.astimezone(UTC), attendance=40)
    period_id = open_period(app, unit)
    return {"qids": qids, "period_id": period_id, "event": event, "start": start}


def answer_of(app, period_id, question_id) -> Answer:
    with app.app_context():
        answer = db.session.scalar(
            select(Answer).filter_by(period_id=period_id, question_id=question_id)
        )
        db.session.expunge(answer)
        return answer


def revisions(app, answer_id) -> list[tuple[int, str, str]]:
    with app.app_context():
        rows = db.session.scalars(
            select(AnswerRevision).filter_by(answer_id=answer_id).order_by(AnswerRevision.number)
        )
        return [(r.number, r.action, r.text) for r in rows]


def edit_url(qid) -> str:
    return f"{BASE}/questions/{qid}"


def version_on(client, qid) -> str:
    html = client.get(edit_url(qid)).get_data(as_text=True)
    return re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)


def save(client, qid, text, version=None, included=None, action="save"):
    data = {"text": text, "version": version or version_on(client, qid), "action": action}
    if included is not None:
        data["included"] = included
    return post(client, edit_url(qid), data, token_from=edit_url(qid))


def test_opening_a_period_drafts_every_answer(app, unit, officer, login, client, make_event):
    qids = setup_questions(app, unit)
    start = local(2022, 3, 2, 8)
    event = make_event(
        unit, title="Frukostmöte om kompetens", starts_at=start, ends_at=start + timedelta(hours=2)
    )
    link_event(app, event.id, qids[:1])
    login(officer)
    response = post(
        client,
        "/reports/open",
        {"unit": unit.id, "year": "2022", "kind": "t1", "deadline": "2022-05-16"},
        token_from="/reports/",
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/reports/hagersten-alvsjo/2022/t1/")
    with app.app_context():
        period = db.session.scalar(select(ReportPeriod))
        assert (period.kind, period.status, str(period.deadline)) == (
            PeriodKind.T1,
            PeriodStatus.OPEN,
            "2022-05-16",
        )
        answers = db.session.scalars(select(Answer).order_by(Answer.question_id)).all()
        assert answers[0].draft == "Frukostmöte om kompetens genomfördes den 2 mars 2022."
        assert [a.text for a in answers] == ["", ""]
        assert (
            db.session.scalar(select(AuditEntry).filter_by(action="report.open")).actor_id
            == officer.id
        )
    page = client.get(f"/reports/hagersten-alvsjo/2022/t1/questions/{qids[0]}").get_data(
        as_text=True
    )
    assert "Frukostmöte om kompetens genomfördes den 2 mars 2022." in page
    again = post(
        client,
        "/reports/open",
        {"unit": unit.id, "year": "2022", "kind": "t1"},
        token_from="/reports/",
    )
    assert again.status_code == 400
    assert "Perioden är redan öppnad." in again.get_data(as_text=True)


def test_opening_without_questions_or_with_a_bad_year_is_refused(app, unit, officer, login, client):
    login(officer)
    for year, message in (
        ("2022", "Det finns inga frågor för året."),
        ("99999999999", "Året ska vara mellan 2000 och 2100."),
    ):
        response = post(
            client,
            "/reports/open",
            {"unit": unit.id, "year": year, "kind": "t1"},
            token_from="/reports/",
        )
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(func.count(ReportPeriod.id))) == 0


def test_t2_starts_from_t1_final_answers_and_vb_from_t2(app, unit):
    qids = setup_questions(app, unit)
    t1 = open_period(app, unit, kind=PeriodKind.T1)
    with app.app_context():
        answers = db.session.scalars(
            select(Answer).filter_by(period_id=t1).order_by(Answer.question_id)
        ).all()
        answers[0].text, answers[0].status = "Slutligt i T1.", AnswerStatus.FINAL
        answers[0].finalised_at = answers[0].edited_at = local(2022, 5, 1)
        answers[1].text = "Bara ett utkast i T1."
        db.session.commit()
    t2 = open_period(app, unit, kind=PeriodKind.T2)
    assert [answer_of(app, t2, q).text for q in qids] == ["Slutligt i T1.", ""]
    with app.app_context():
        first = db.session.scalar(select(Answer).filter_by(period_id=t2, question_id=qids[0]))
        first.text, first.status, first.finalised_at = (
            "Slutligt i T2.",
            AnswerStatus.FINAL,
            local(2022, 9, 1),
        )
        db.session.commit()
    vb = open_period(app, unit, kind=PeriodKind.VB)
    assert answer_of(app, vb, qids[0]).text == "Slutligt i T2."


def test_saving_keeps_every_revision_and_the_evidence_choices(app, report, officer, login, client):
    login(officer)
    qid = report["qids"][0]
    answer = answer_of(app, report["period_id"], qid)
    keys = [
        f"occ:{report['event'].id}:{(report['start'] + timedelta(days=7 * i)).astimezone(UTC).isoformat()}"
        for i in range(3)
    ]
    response = save(client, qid, "Första versionen.", included=keys[:2])
    assert response.status_code == 302
    assert response.headers["Location"].endswith(edit_url(qid))
    assert (
        save(client, qid, "Andra versionen.", included=keys[:2], action="final").status_code == 302
    )
    saved = answer_of(app, report["period_id"], qid)
    assert (saved.text, saved.status, saved.version) == (
        "Andra versionen.",
        AnswerStatus.FINAL,
        answer.version + 2,
    )
    assert "vid två tillfällen" in saved.draft
    assert [r[1:] for r in revisions(app, answer.id)] == [
        ("start", ""),
        ("edit", "Första versionen."),
        ("edit", "Andra versionen."),
    ]
    with app.app_context():
        choices = {c.key: c.included for c in db.session.scalars(select(EvidenceChoice))}
        assert choices == {keys[0]: True, keys[1]: True, keys[2]: False}
        assert (
            db.session.scalar(select(func.count(AuditEntry.id)).filter_by(action="answer.edit"))
            == 2
        )
    history = client.get(f"{edit_url(qid)}/history").get_data(as_text=True)
    assert "<del>" in history and "Första versionen." in history and "Version 3" in history
    # The report page counts what the officer kept, at once, and says what was left out.
    page = client.get(f"{BASE}/").get_data(as_text=True)
    section = page.split(f'id="q-{qid}"')[1].split("</section>")[0]
    assert "2 underlag (1 utelämnat)" in section and "3 underlag" not in section


def test_take_the_draft_into_the_text(app, report, officer, login, client):
    login(officer)
    qid = report["qids"][0]
    answer = answer_of(app, report["period_id"], qid)
    response = post(
        client,
        f"{edit_url(qid)}/take-draft",
        {"version": str(answer.version)},
        token_from=edit_url(qid),
    )
    assert response.status_code == 302
    taken = answer_of(app, report["period_id"], qid)
    assert taken.text == answer.draft
    assert taken.text.startswith("Sommar på torget genomfördes vid tre tillfällen")
    assert revisions(app, answer.id)[-1][1] == "take_draft"
    # Taking the draft is looking at the evidence: the question is not flagged as new.
    assert "Nytt underlag:" not in client.get(edit_url(qid)).get_data(as_text=True)


def test_regenerating_never_touches_the_officers_text(
    app, report, unit, officer, login, client, make_event
):
    login(officer)
    qid = report["qids"][0]
    assert save(client, qid, "Mitt eget svar.").status_code == 302
    before = answer_of(app, report["period_id"], qid)
    start = local(2022, 8, 20, 10)
    event = make_event(
        unit,
        title="Invigning av Teaterparken",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    link_event(app, event.id, [qid])
    page = client.get(f"{BASE}/").get_data(as_text=True)
    assert "Nytt underlag sedan svaret senast ändrades" in page
    response = post(client, f"{BASE}/regenerate", {}, token_from=f"{BASE}/")
    assert response.status_code == 302
    after = answer_of(app, report["period_id"], qid)
    assert after.text == "Mitt eget svar."
    assert after.version == before.version
    assert "Invigning av Teaterparken genomfördes den 20 augusti 2022" in after.draft
    assert "Invigning av Teaterparken" not in before.draft


def test_the_second_of_two_concurrent_saves_is_told_and_keeps_its_text(
    app, report, officer, make_user, unit, login, client
):
    other = make_user(Role.OFFICER, unit)
    second_client = app.test_client()
    login(officer)
    login(other, on=second_client)
    qid = report["qids"][1]
    first_version = version_on(client, qid)
    second_version = version_on(second_client, qid)
    assert save(client, qid, "Den förstas text.", first_version).status_code == 302
    response = save(second_client, qid, "Den andras text.", second_version)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Svaret har ändrats av någon annan sedan du öppnade det." in html
    assert "Den andras text.</textarea>" in html
    assert "Den förstas text." in html  # shown in the difference
    assert answer_of(app, report["period_id"], qid).text == "Den förstas text."
    # Saving again from the conflict page (it carries the new version) lands.
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    assert save(second_client, qid, "Den andras text.", version).status_code == 302
    assert answer_of(app, report["period_id"], qid).text == "Den andras text."


def test_a_save_racing_another_at_the_database_is_refused(app, report, officer):
    from app.accounts.models import User

    qid = report["qids"][1]
    with app.app_context():
        answer = db.session.scalar(select(Answer).filter_by(question_id=qid))
        loaded = answer.version
        evidence = services.load_evidence(answer.period, [qid])
        # Another request's save lands between this one's read and its write.
        db.session.execute(
            Answer.__table__.update().where(Answer.id == answer.id).values(version=loaded + 1)
        )
        actor = db.session.get(User, officer.id)
        with pytest.raises(services.StaleAnswer):
            services.save_answer(
                actor,
                answer,
                text="Min.",
                version=loaded,
                included=set(),
                evidence=evidence,
                final=False,
            )
        db.session.rollback()
        assert db.session.get(Answer, answer.id).text == ""


def test_nul_bytes_never_reach_the_answer(app, report, officer, login, client):
    login(officer)
    qid = report["qids"][0]
    assert save(client, qid, "noll\x00byte").status_code == 302
    assert answer_of(app, report["period_id"], qid).text == "nollbyte"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "x" * 100_000}, "Svaret får vara högst 50 000 tecken."),
        ({"text": "ok", "version": ""}, "Formuläret saknar versionsnummer."),
        ({"text": "ok", "version": "9" * 40}, "Formuläret saknar versionsnummer."),
    ],
)
def test_bad_answers_get_a_message_and_change_nothing(
    app, report, officer, login, client, data, message
):
    login(officer)
    qid = report["qids"][0]
    before = answer_of(app, report["period_id"], qid)
    payload = {"version": str(before.version), **data}
    response = post(client, edit_url(qid), payload, token_from=edit_url(qid))
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    if len(data["text"]) > 1000:
        assert data["text"] in html  # what was typed is kept
    after = answer_of(app, report["period_id"], qid)
    assert (after.text, after.version) == (before.text, before.version)


def test_submitted_period_is_read_only_until_reopened_with_a_reason(
    app, report, officer, login, client
):
    login(officer)
    qid = report["qids"][0]
    version = version_on(client, qid)
    assert post(client, f"{BASE}/submit", {}, token_from=f"{BASE}/").status_code == 302
    with app.app_context():
        period = db.session.get(ReportPeriod, report["period_id"])
        assert period.status == PeriodStatus.SUBMITTED and period.submitted_at is not None
        assert {a.status for a in period.answers} == {AnswerStatus.FINAL}
    response = save(client, qid, "För sent.", version=str(int(version) + 1))
    assert response.status_code == 400
    assert "Rapporten är inlämnad." in response.get_data(as_text=True)
    assert answer_of(app, report["period_id"], qid).text == ""
    empty = post(client, f"{BASE}/reopen", {"reason": "  "}, token_from=f"{BASE}/reopen")
    assert empty.status_code == 400
    assert "Skriv varför rapporten öppnas igen." in empty.get_data(as_text=True)
    response = post(
        client,
        f"{BASE}/reopen",
        {"reason": "SLK bad om komplettering."},
        token_from=f"{BASE}/reopen",
    )
    assert response.status_code == 302
    with app.app_context():
        period = db.session.get(ReportPeriod, report["period_id"])
        assert (period.status, period.reopen_reason) == (
            PeriodStatus.REOPENED,
            "SLK bad om komplettering.",
        )
        entry = db.session.scalar(select(AuditEntry).filter_by(action="report.reopen"))
        assert (
            entry.details == {"reason": "SLK bad om komplettering."}
            and entry.actor_id == officer.id
        )
    assert "SLK bad om komplettering." in client.get(f"{BASE}/").get_data(as_text=True)
    assert save(client, qid, "Kompletterat.").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/reports/hagersten-alvsjo/2022/t1/",
        "/reports/hagersten-alvsjo/2022/t3/",
        "/reports/hagersten-alvsjo/99999999999/t2/",
        "/reports/no-such-unit/2022/t2/",
        "/reports/hagersten-alvsjo/2023/vb.docx",
        f"{BASE}/questions/999999",
        f"{BASE}/questions/99999999999999999999",
        "/reports/hagersten-alvsjo/2022/x%00/",
    ],
)
def test_missing_periods_units_and_questions_are_404(report, officer, login, client, path):
    login(officer)
    assert client.get(path).status_code == 404


def test_a_question_of_another_unit_is_404(app, report, officer, other_unit, login, client):
    other_qids = setup_questions(app, other_unit)
    login(officer)
    assert client.get(edit_url(other_qids[0])).status_code == 404
    assert (
        post(
            client, f"{edit_url(other_qids[0])}/take-draft", {"version": "1"}, token_from=f"{BASE}/"
        ).status_code
        == 404
    )


@pytest.mark.parametrize(
    ("role", "member_of_other"),
    [(Role.ORGANISER, False), (Role.AWARD_ADMIN, False), (Role.OFFICER, True), (Role.ADMIN, True)],
)
def test_wrong_roles_cannot_change_anything(
    app, report, make_user, unit, other_unit, login, client, role, member_of_other
):
    user = make_user(role, other_unit if member_of_other else unit)
    login(user)
    qid = report["qids"][0]
    token = csrf_token(client, "/")
    for path, data in [
        (edit_url(qid), {"text": "Nej", "version": "1"}),
        (f"{edit_url(qid)}/take-draft", {"version": "1"}),
        (f"{BASE}/regenerate", {}),
        (f"{BASE}/submit", {}),
        (f"{BASE}/settings", {"contact_name": "X"}),
    ]:
        assert client.post(path, data={**data, "csrf_token": token}).status_code == 403, path
    assert answer_of(app, report["period_id"], qid).text == ""


def test_city_officer_reads_but_cannot_edit(app, report, make_user, login, client):
    login(make_user(is_city_officer=True))
    assert client.get(f"{BASE}/").status_code == 200
    assert client.get(f"{BASE}.docx").status_code == 200
    assert client.get(edit_url(report["qids"][0])).status_code == 403


def test_anonymous_is_sent_to_login(report, client):
    response = client.get(f"{BASE}.docx")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_exports_read_back(app, report, officer, login, client):
    login(officer)
    qid = report["qids"][0]
    save(client, qid, "Sommar på torget hölls tre gånger.\n\nAndra stycket.")
    response = client.get(f"{BASE}.docx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    document = Document(io.BytesIO(response.data))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    order = [
        "UPPFÖLJNINGSRAPPORT NÄRINGSLIV",
        "Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022",
        "1. Stimulera tillväxt och företagsamhet",
        "Beskriv samverkan med det lokala näringslivet.",
        "Sommar på torget hölls tre gånger.",
        "Andra stycket.",
        "3. Attraktivare miljöer och bättre framkomlighet",
        "Hur samverkar nämnden kring platssamverkan och platsaktivering?",
    ]
    assert [texts.index(t) for t in order] == sorted(texts.index(t) for t in order)
    assert len(document.inline_shapes) == 1  # the chart
    markdown = client.get(f"{BASE}.md").get_data(as_text=True)
    assert (
        "**Beskriv samverkan med det lokala näringslivet.**\n\nSommar på torget hölls tre gånger."
        in markdown
    )
    csv_text = client.get(f"{BASE}.csv").get_data(as_text=True)
    assert csv_text.count("Sommar på torget,") == 3
    assert client.get(f"{BASE}/chart.png").data.startswith(b"\x89PNG")


def test_city_compilation_lists_units_and_every_answer(
    app, report, unit, other_unit, make_user, login, client
):
    other_qids = setup_questions(
        app, other_unit, texts=[(1, "Beskriv samverkan med det lokala näringslivet.")]
    )
    other_period = open_period(app, other_unit)
    with app.app_context():
        answer = db.session.scalar(
            select(Answer).filter_by(period_id=other_period, question_id=other_qids[0])
        )
        answer.text = "Bromma samverkar med Brommaföretagarna."
        period = db.session.get(ReportPeriod, other_period)
        period.status, period.submitted_at = PeriodStatus.SUBMITTED, local(2022, 9, 1)
        db.session.commit()
        draft = db.session.scalar(
            select(Answer).filter_by(period_id=report["period_id"], question_id=report["qids"][0])
        )
        draft.text = "Hägersten skriver fortfarande."
        db.session.get(ReportPeriod, report["period_id"]).deadline = date(2022, 9, 15)
        db.session.commit()
    login(make_user(is_city_officer=True))
    html = client.get("/reports/city/2022/t2/").get_data(as_text=True)
    assert "Bromma stadsdelsnämnd</th><td>Inlämnad" in html
    assert "Hägersten-Älvsjö stadsdelsnämnd</th><td>Pågår" in html
    assert "försenad (sista dag var 15 september 2022)" in html
    # An unsubmitted period's text is a draft: not in the compilation.
    assert "Hägersten skriver fortfarande." not in html
    # Every year with a period, and each period of it, is one click away.
    assert 'href="/reports/city/2022/vb/"' in html and 'href="/reports/city/2022/t1/"' in html
    assert '<strong aria-current="page">T2</strong>' in html
    assert (
        html.count("Beskriv samverkan med det lokala näringslivet.") == 1
    )  # one heading, two units
    assert "Bromma samverkar med Brommaföretagarna." in html
    document = Document(io.BytesIO(client.get("/reports/city/2022/t2.docx").data))
    texts = [p.text for p in document.paragraphs]
    assert "Bromma samverkar med Brommaföretagarna." in texts
    assert "Hägersten skriver fortfarande." not in texts
    assert len(document.inline_shapes) == 1  # the city's chart
    assert client.get("/reports/city/2022/t9/").status_code == 404


def test_settings_validate_and_save(app, report, officer, login, client):
    login(officer)
    bad = post(
        client,
        f"{BASE}/settings",
        {"contact_email": "inte en adress", "contact_name": "Kim"},
        token_from=f"{BASE}/settings",
    )
    assert bad.status_code == 400
    assert "Skriv en giltig e-postadress" in bad.get_data(as_text=True)
    phone = post(
        client, f"{BASE}/settings", {"contact_phone": "12345"}, token_from=f"{BASE}/settings"
    )
    assert phone.status_code == 400
    assert "Skriv ett svenskt telefonnummer" in phone.get_data(as_text=True)
    good = post(
        client,
        f"{BASE}/settings",
        {
            "contact_email": "kim@example.org",
            "contact_name": "Kim",
            "contact_phone": "08-508 21 083",
            "deadline": "2022-09-12",
        },
        token_from=f"{BASE}/settings",
    )
    assert good.status_code == 302
    with app.app_context():
        period = db.session.get(ReportPeriod, report["period_id"])
        assert (period.contact_name, period.contact_phone, str(period.deadline)) == (
            "Kim",
            "+46850821083",
            "2022-09-12",
        )
    assert "08-508 210 83" in client.get(f"{BASE}/").get_data(as_text=True)


def test_report_and_edit_pages_load_in_a_fixed_number_of_queries(
    app, report, unit, officer, login, client, make_event
):
    login(officer)
    qid = report["qids"][0]

    def measure():
        counts = []
        for path in (f"{BASE}/", edit_url(qid), f"{BASE}.csv"):
            with count_queries(app) as n:
                assert client.get(path).status_code == 200
            counts.append(n())
        return counts

    few = measure()
    for i in range(6):
        start = local(2022, 3, 1 + i, 9)
        event = make_event(
            unit,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            rrule="FREQ=WEEKLY;COUNT=4",
            status=EventStatus.PUBLISHED,
        )
        link_event(app, event.id, report["qids"])
        add_outcome(app, event.id, start.astimezone(UTC), attendance=10)
    assert measure() == few


def test_a_period_opened_by_someone_else_at_the_same_moment_is_told(
    app, unit, officer, login, client, monkeypatch
):
    from sqlalchemy.exc import IntegrityError

    setup_questions(app, unit)

    def collide(*args, **kwargs):
        raise IntegrityError("INSERT", {}, Exception("unique"))

    monkeypatch.setattr(services, "open_period", collide)
    login(officer)
    response = post(
        client,
        "/reports/open",
        {"unit": unit.id, "year": "2022", "kind": "t1"},
        token_from="/reports/",
    )
    assert response.status_code == 400
    assert "Perioden är redan öppnad." in response.get_data(as_text=True)


def test_taking_the_draft_on_a_submitted_report_is_refused(app, report, officer, login, client):
    login(officer)
    qid = report["qids"][0]
    post(client, f"{BASE}/submit", {}, token_from=f"{BASE}/")
    version = answer_of(app, report["period_id"], qid).version
    response = post(
        client,
        f"{edit_url(qid)}/take-draft",
        {"version": str(version)},
        token_from=edit_url(qid),
        follow_redirects=True,
    )
    assert "Rapporten är inlämnad." in response.get_data(as_text=True)
    assert answer_of(app, report["period_id"], qid).text == ""


def test_city_compilation_queries_do_not_grow_with_units(
    app, report, make_unit, make_user, login, client
):
    login(make_user(is_city_officer=True))

    def measure():
        with count_queries(app) as n:
            assert client.get("/reports/city/2022/t2/").status_code == 200
        return n()

    few = measure()
    for _ in range(4):
        extra = make_unit()
        setup_questions(app, extra)
        open_period(app, extra)
    assert measure() == few
