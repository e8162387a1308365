"""Contacts and needs through their pages: who may, what is stored, what is refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.dialogue.facts import dialogue_facts
from app.dialogue.flow import NeedStatus
from app.dialogue.models import Contact, Need
from app.directory.models import Organisation, OrganisationKind
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from tests.conftest import count_queries, post
from tests.dialogue.world import make_contact, make_need
from tests.events.conftest import errors

BASE = "/manage/dialogue/hagersten-alvsjo"


@pytest.fixture
def question(app, unit):
    with app.app_context():
        area = FocusArea(number=1, name="Stimulera tillväxt", policy="Näringslivspolicy")
        db.session.add(area)
        db.session.flush()
        found = ReportQuestion(
            unit_id=unit.id, year=2026, focus_area_id=area.id, position=1,
            text="Beskriv samverkan med det lokala näringslivet.",
        )  # fmt: skip
        db.session.add(found)
        db.session.commit()
        return found.id


@pytest.fixture
def citycon(app, unit):
    with app.app_context():
        found = Organisation(
            name="Citycon", slug="citycon", kind=OrganisationKind.PROPERTY_OWNER,
            owner_unit_id=unit.id,
        )  # fmt: skip
        db.session.add(found)
        db.session.commit()
        return found.id


def _count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def test_an_officer_logs_a_visit_with_organisations_and_questions(
    app, client, login, officer, unit, citycon, question
):
    login(officer)
    url = f"{BASE}/contacts/new"
    data = {
        "kind": "visit", "held_on": "2026-11-12", "topic": "Besök på Liljeholmens galleria",
        "organisations": [str(citycon)], "questions": [str(question)], "staff": "Anna Berg",
    }  # fmt: skip
    response = post(client, url, data, token_from=url)
    assert response.status_code == 302, errors(response)
    with app.app_context():
        (contact,) = db.session.scalars(select(Contact)).all()
        assert contact.unit_id == unit.id and contact.held_on == date(2026, 11, 12)
        assert [o.name for o in contact.organisations] == ["Citycon"]
        assert [q.id for q in contact.questions] == [question]
        assert contact.authority == "" and contact.answered_on is None
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "contact.create"))
        assert entry.one().actor_id == officer.id
    listing = client.get(f"{BASE}/contacts/").get_data(as_text=True)
    assert "Besök på Liljeholmens galleria" in listing and "Citycon" in listing


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"kind": "routed_question", "authority": ""}, "authority", "Skriv vart frågan lotsades."),
        ({"answered_on": "2026-11-01"}, "answered_on", "Svaret kan inte komma före kontakten."),
        ({"held_on": "0001-01-01"}, "held_on", "Datumet måste ligga mellan"),
        ({"kind": "telepathy"}, "kind", "Välj ett slag i listan."),
        ({"organisations": ["999999"]}, "organisations", "Välj bland alternativen i listan."),
        ({"add_organisation": "Finns inte AB"}, "add_organisation", "Ingen organisation"),
        ({"topic": '=HYPERLINK("x")\n'}, "topic", "otillåtna tecken"),
    ],
)
def test_a_bad_contact_is_refused_beside_the_field_and_keeps_the_input(
    app, client, login, officer, change, field, message
):
    login(officer)
    url = f"{BASE}/contacts/new"
    data = {"kind": "visit", "held_on": "2026-11-12", "topic": "Samtal om trafiken", **change}
    response = post(client, url, data, token_from=url)
    assert response.status_code == 400
    assert any(f == field and message in m for f, m in errors(response)), errors(response)
    assert "Samtal om trafiken" in response.get_data(as_text=True) or field == "topic"
    assert _count(app, Contact) == 0


def test_a_question_from_another_units_report_is_refused(
    app, client, login, stranger, other_unit, question
):
    login(stranger)
    url = "/manage/dialogue/bromma/contacts/new"
    data = {
        "kind": "call",
        "held_on": "2026-11-12",
        "topic": "Samtal",
        "questions": [str(question)],
    }
    response = post(client, url, data, token_from=url)
    assert response.status_code == 400
    assert _count(app, Contact) == 0


def test_a_routed_question_keeps_its_authority_and_answer(app, client, login, officer):
    login(officer)
    url = f"{BASE}/contacts/new"
    data = {
        "kind": "routed_question", "held_on": "2026-11-12", "topic": "Uteservering",
        "authority": "Trafikkontoret", "answered_on": "2026-11-19",
    }  # fmt: skip
    assert post(client, url, data, token_from=url).status_code == 302
    with app.app_context():
        contact = db.session.scalars(select(Contact)).one()
        assert (contact.authority, contact.answered_on) == ("Trafikkontoret", date(2026, 11, 19))


def test_another_units_contact_is_not_found_through_this_unit(
    app, client, login, officer, other_unit
):
    with app.app_context():
        foreign = make_contact(other_unit.id, topic="Brommas möte")
        db.session.commit()
        foreign_id = foreign.id
    login(officer)
    assert client.get(f"{BASE}/contacts/{foreign_id}").status_code == 404
    assert client.get(f"/manage/dialogue/bromma/contacts/{foreign_id}").status_code == 403
    response = post(client, f"{BASE}/contacts/{foreign_id}/delete", {}, token_from="/profile")
    assert response.status_code == 404
    assert _count(app, Contact) == 1


def test_a_deleted_contact_leaves_its_needs(app, client, login, officer, unit):
    with app.app_context():
        contact = make_contact(unit.id)
        need = make_need(unit.id, contact_id=contact.id)
        db.session.commit()
        contact_id, need_id = contact.id, need.id
    login(officer)
    response = post(client, f"{BASE}/contacts/{contact_id}/delete", {}, token_from="/profile")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Contact, contact_id) is None
        assert db.session.get(Need, need_id).contact_id is None


def test_a_need_is_followed_to_feedback_with_the_date_of_each_step(
    app, client, login, officer, unit
):
    with app.app_context():
        need_id = make_need(unit.id, raised_on=date(2026, 10, 1)).id
        db.session.commit()
    login(officer)
    page = f"{BASE}/needs/{need_id}"
    step = f"{page}/step"
    routed = post(client, step, {"step-status": "routed", "step-on": "2026-10-03"}, token_from=page)
    assert routed.status_code == 302
    missing = post(client, step, {"step-status": "fed_back", "step-on": "2026-10-20"}, token_from=page)  # fmt: skip
    assert missing.status_code == 400
    assert any(f == "step-feedback" for f, _m in errors(missing)), errors(missing)
    done = post(
        client, step,
        {"step-status": "fed_back", "step-on": "2026-10-20", "step-feedback": "Lokal hittad."},
        token_from=page,
    )  # fmt: skip
    assert done.status_code == 302
    back = post(client, step, {"step-status": "routed", "step-on": "2026-10-21"}, token_from=page)
    assert back.status_code == 400
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert need.status is NeedStatus.FED_BACK and need.feedback == "Lokal hittad."
        assert (need.routed_on, need.answered_on, need.fed_back_on) == (
            date(2026, 10, 3), date(2026, 10, 20), date(2026, 10, 20),
        )  # fmt: skip


def test_a_step_before_the_need_was_raised_is_refused(app, client, login, officer, unit):
    with app.app_context():
        need_id = make_need(unit.id, raised_on=date(2026, 10, 1)).id
        db.session.commit()
    login(officer)
    page = f"{BASE}/needs/{need_id}"
    response = post(client, f"{page}/step", {"step-status": "routed", "step-on": "2026-09-01"}, token_from=page)  # fmt: skip
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Need, need_id).status is NeedStatus.NEW


def test_a_new_need_gets_an_owner_from_the_units_staff_only(app, client, login, officer, stranger):
    login(officer)
    url = f"{BASE}/needs/new"
    data = {"category": "skills", "description": "Kockar saknas.", "raised_on": "2026-11-02",
            "contact": "0", "owner": str(stranger.id)}  # fmt: skip
    refused = post(client, url, data, token_from=url)
    assert refused.status_code == 400
    assert ("owner", "Välj en ansvarig i listan.") in errors(refused)
    assert _count(app, Need) == 0
    accepted = post(client, url, dict(data, owner=str(officer.id)), token_from=url)
    assert accepted.status_code == 302, errors(accepted)
    with app.app_context():
        need = db.session.scalars(select(Need)).one()
        assert need.owner_id == officer.id and need.status is NeedStatus.NEW


def test_overdue_needs_are_marked_and_the_owner_sees_them_on_the_start_page(
    app, client, login, officer, unit
):
    with app.app_context():
        make_need(
            unit.id, raised_on=date(2020, 1, 1), owner_id=officer.id, description="Gammalt behov"
        )
        make_need(
            unit.id,
            raised_on=date(2020, 1, 1),
            status=NeedStatus.CLOSED,
            description="Stängt behov",
        )
        db.session.commit()
    login(officer)
    listing = client.get(f"{BASE}/needs/").get_data(as_text=True)
    assert listing.count("Försenad") == 1
    home = client.get("/").get_data(as_text=True)
    assert "Gammalt behov" in home and "Stängt behov" not in home


def test_the_lists_query_count_does_not_grow_with_rows(app, client, login, officer, unit, citycon):
    login(officer)

    def queries_for(path: str) -> int:
        with count_queries(app) as n:
            assert client.get(path).status_code == 200
            return n()

    def add(count: int) -> None:
        with app.app_context():
            organisation = db.session.get(Organisation, citycon)
            for i in range(count):
                contact = make_contact(unit.id, topic=f"Besök {i}", organisations=[organisation])
                make_need(
                    unit.id,
                    contact_id=contact.id,
                    owner_id=officer.id,
                    organisations=[organisation],
                )
            db.session.commit()

    add(1)
    few = queries_for(f"{BASE}/contacts/"), queries_for(f"{BASE}/needs/")
    add(40)
    assert (queries_for(f"{BASE}/contacts/"), queries_for(f"{BASE}/needs/")) == few


def test_the_report_gets_contacts_routed_questions_and_needs_as_facts(app, unit, question):
    with app.app_context():
        linked = [db.session.get(ReportQuestion, question)]
        sbr = Organisation(name="Niam", slug="niam", kind=OrganisationKind.PROPERTY_OWNER)
        make_contact(unit.id, organisations=[sbr], questions=linked)
        make_contact(unit.id, kind="routed_question", authority="Polisen",
                     answered_on=date(2026, 11, 20), questions=linked)  # fmt: skip
        make_contact(unit.id, held_on=date(2025, 5, 5), questions=[])
        make_need(
            unit.id, fed_back_on=date(2026, 11, 22), status=NeedStatus.FED_BACK, questions=linked
        )
        db.session.commit()
        facts = dialogue_facts(unit.id, 2026, date(2026, 9, 1), date(2026, 12, 31))
    texts = {f.key: f.text for f in facts}
    assert texts == {
        "dialogue:reach": "Förvaltningen hade kontakt med en organisation, för första gången i år.",
        "dialogue:contacts": "Förvaltningen gjorde ett företagsbesök med Niam.",
        "dialogue:routed": "En fråga från näringsidkare lotsades till rätt instans i staden: "
        "Polisen (1). Den har fått svar.",
        "dialogue:needs": "Företagen tog upp ett behov eller hinder: lokaler (1). "
        "1 av 1 har fått återkoppling, i median efter 10 dagar.",
    }
    assert {f.question_id for f in facts} == {question}


def test_the_dialogue_is_never_on_a_public_page_or_feed(app, client, unit):
    with app.app_context():
        make_contact(unit.id, topic="Hemligt besök")
        db.session.commit()
    for path in ("/", "/events/", "/feeds/events.ics", f"{BASE}/contacts/"):
        response = client.get(path)
        assert "Hemligt besök" not in response.get_data(as_text=True)


def test_a_city_officer_sees_no_persons(app, client, login, make_user, unit):
    login(make_user(is_city_officer=True))
    assert client.get(f"{BASE}/contacts/").status_code == 403
    assert client.get(f"{BASE}/needs/").status_code == 403
    assert client.get("/manage/dialogue/").status_code == 403


def test_the_english_interface_refuses_in_english(app, client, login, officer):
    login(officer)
    client.get("/language/en")
    url = f"{BASE}/contacts/new"
    data = {"kind": "routed_question", "held_on": "2026-11-12", "topic": "Skyltar"}
    response = post(client, url, data, token_from=url)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Write where the question was routed." in html
    assert "Skriv vart frågan lotsades." not in html


def test_an_organisation_met_earlier_in_the_year_is_reached_again_not_for_the_first_time(
    app, unit, question
):
    with app.app_context():
        linked = [db.session.get(ReportQuestion, question)]
        niam = Organisation(name="Niam", slug="niam", kind=OrganisationKind.PROPERTY_OWNER)
        citycon = Organisation(
            name="Citycon", slug="citycon-ab", kind=OrganisationKind.PROPERTY_OWNER
        )
        make_contact(unit.id, held_on=date(2026, 2, 1), organisations=[niam])
        make_contact(unit.id, held_on=date(2025, 12, 1), organisations=[citycon])
        make_contact(unit.id, organisations=[niam, citycon], questions=linked)
        db.session.commit()
        facts = dialogue_facts(unit.id, 2026, date(2026, 9, 1), date(2026, 12, 31))
    (reach,) = [f.text for f in facts if f.key == "dialogue:reach"]
    assert (
        reach
        == "Förvaltningen hade kontakt med två organisationer, varav en för första gången i år."
    )


@pytest.fixture
def register(app, unit):
    with app.app_context():
        rows = [
            Organisation(name="Citycon", slug="citycon", kind=OrganisationKind.PROPERTY_OWNER,
                         org_number="556036-0793"),
            Organisation(name="Liljeholmens företagsgrupp", slug="lfg",
                         kind=OrganisationKind.BUSINESS_ASSOCIATION),
            Organisation(name="Liljeholmens galleria", slug="lg", kind=OrganisationKind.COMPANY),
            Organisation(name="Enskild firma", slug="ef", kind=OrganisationKind.COMPANY,
                         org_number="640823-3234"),
        ]  # fmt: skip
        db.session.add_all(rows)
        db.session.commit()
        return {o.name: o.id for o in rows}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("5560360793", "Citycon"), ("citycon", "Citycon"), ("Liljeholmens företagsgrupp", "Liljeholmens företagsgrupp")],
)  # fmt: skip
def test_an_organisation_is_added_by_its_name_or_number(
    app, client, login, officer, register, typed, expected
):
    login(officer)
    url = f"{BASE}/contacts/new"
    data = {"kind": "visit", "held_on": "2026-11-12", "topic": "Besök", "add_organisation": typed}
    response = post(client, url, data, token_from=url)
    assert response.status_code == 302, errors(response)
    with app.app_context():
        contact = db.session.scalars(select(Contact)).one()
        assert [o.name for o in contact.organisations] == [expected]


def test_a_name_that_fits_several_lists_them_and_saves_nothing(
    app, client, login, officer, register
):
    login(officer)
    url = f"{BASE}/needs/new"
    data = {"category": "skills", "description": "Kockar saknas.", "raised_on": "2026-11-02",
            "contact": "0", "owner": "0", "add_organisation": "Liljeholmens"}  # fmt: skip
    response = post(client, url, data, token_from=url)
    assert response.status_code == 400
    ((field, message),) = [(f, m) for f, m in errors(response) if f == "add_organisation"]
    assert "Liljeholmens företagsgrupp, Liljeholmens galleria" in message
    assert "Kockar saknas." in response.get_data(as_text=True)
    assert _count(app, Need) == 0


def test_ticked_organisations_are_kept_and_unticked_ones_let_go(
    app, client, login, officer, unit, register
):
    with app.app_context():
        both = [db.session.get(Organisation, register["Citycon"]),
                db.session.get(Organisation, register["Liljeholmens galleria"])]  # fmt: skip
        contact_id = make_contact(unit.id, organisations=both).id
        db.session.commit()
    login(officer)
    url = f"{BASE}/contacts/{contact_id}"
    page = client.get(url).get_data(as_text=True)
    assert page.count('name="organisations"') == 2
    data = {"kind": "visit", "held_on": "2026-11-12", "topic": "Besök",
            "organisations": [str(register["Citycon"])]}  # fmt: skip
    assert post(client, url, data, token_from=url).status_code == 302
    with app.app_context():
        assert [o.name for o in db.session.get(Contact, contact_id).organisations] == ["Citycon"]


def test_the_type_ahead_finds_by_name_or_number_and_masks_sole_traders(
    client, login, officer, register
):
    login(officer)
    found = client.get("/manage/dialogue/organisations.json?q=lilje").get_json()
    assert [o["name"] for o in found] == ["Liljeholmens företagsgrupp", "Liljeholmens galleria"]
    assert (
        client.get("/manage/dialogue/organisations.json?q=556036").get_json()[0]["name"]
        == "Citycon"
    )
    (firm,) = client.get("/manage/dialogue/organisations.json?q=Enskild").get_json()
    assert firm["org_number"] == "640823-****"
    assert client.get("/manage/dialogue/organisations.json?q=%25").get_json() == []
    assert client.get("/manage/dialogue/organisations.json?q=x").get_json() == []
