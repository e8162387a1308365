"""The public nomination form: validation, window rules, spam defence, receipt."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from app.awards.models import Candidate, Nomination
from app.extensions import db
from tests.awards.world import MOTIVATION, NOW
from tests.conftest import csrf_token, post


def valid(award, **overrides) -> dict:
    data = {
        "category": str(award.category_a),
        "company_name": "Exempelbageriet i Älvsjö AB",
        "org_number": "5560360793",
        "address": "Älvsjö torg 1",
        "postal_code": "12530",
        "website": "https://exempelbageriet.example.se",
        "contact_name": "Karin Bagare",
        "contact_email": "karin@exempelbageriet.example.se",
        "contact_phone": "08 508 210 83",
        "motivation": MOTIVATION,
        "nominator_name": "Nils Nominerare",
        "nominator_email": "nils@example.org",
        "nominator_phone": "070-123 45 67",
        "relation": "customer",
    }
    data.update(overrides)
    return data


def count(app, model=Nomination) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def send(client, award, **overrides):
    path = f"{award.public}/nominate"
    return post(client, path, valid(award, **overrides), token_from=path)


def test_a_valid_nomination_is_stored_normalised_with_a_receipt(app, client, award, outbox):
    response = send(client, award)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{award.public}/nominate/receipt"
    with app.app_context():
        row = db.session.scalars(select(Nomination)).one()
        assert row.org_number == "556036-0793"
        assert row.contact_phone == "+46850821083"
        assert row.nominator_phone == "+46701234567"
        assert row.postal_code == "125 30"
        assert row.received_at == NOW
        assert row.candidate.company_name == "Exempelbageriet i Älvsjö AB"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tack för din nominering" in page
    assert f"N-2030-{row.id}" in page
    messages = outbox()
    assert len(messages) == 1
    assert messages[0]["To"] == "nils@example.org"
    assert f"N-2030-{row.id}" in messages[0].get_content()


def test_the_form_shows_criteria_gdpr_and_public_document_notice(client, award):
    html = client.get(f"{award.public}/nominate").get_data(as_text=True)
    for name in (
        "company_name",
        "org_number",
        "address",
        "postal_code",
        "website",
        "contact_name",
        "contact_email",
        "contact_phone",
        "motivation",
        "nominator_name",
        "nominator_email",
        "nominator_phone",
        "relation",
        "category",
    ):
        assert f'name="{name}"' in html
    assert "Gott ledarskap" in html and "God tillväxtpotential" in html
    assert "allmän handling" in html
    assert "artikel 6.1 e" in html and "Integritetsskyddsmyndigheten" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("org_number", "556036-0794", "kontrollsiffran"),
        ("org_number", "55603607", "tio siffror"),
        ("org_number", "abc", "bara innehålla siffror"),
        ("org_number", "", "Fyll i organisationsnumret"),
        ("contact_email", "inte-en-adress", "giltig e-postadress"),
        ("nominator_email", "", "Fyll i din e-postadress"),
        ("contact_phone", "12", "svenskt telefonnummer"),
        ("contact_phone", "+1 202 555 0143", "svenskt telefonnummer"),
        ("nominator_phone", "abc", "svenskt telefonnummer"),
        ("postal_code", "1234", "fem siffror"),
        ("postal_code", "012 34", "fem siffror"),
        ("motivation", "För kort.", "mellan 50 och 3 000"),
        ("motivation", "x" * 3001, "mellan 50 och 3 000"),
        ("category", "999999", "Välj en av kategorierna"),
        ("category", "abc", "Välj en av kategorierna"),
        ("relation", "boss", "Välj din relation"),
        ("website", "ftp://example.se", "Skriv en webbadress"),
        ("website", "inte en adress", "Skriv en webbadress"),
        ("website", "https://", "Skriv en webbadress"),
        ("company_name", "Bageri\x07AB", "otillåtna tecken"),
        ("company_name", "x" * 100_000, "Fältet"),
    ],
)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_stored(
    app, client, award, field, value, message
):
    response = send(client, award, **{field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Något behöver rättas" in html
    if message != "Fältet":
        assert message in html
    assert f'id="{field}-error"' in html
    assert 'value="Exempelbageriet i Älvsjö AB"' in html or field == "company_name"
    assert count(app) == 0


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("kafesolberga.se", "https://kafesolberga.se"),
        (" www.kafesolberga.se/meny ", "https://www.kafesolberga.se/meny"),
        ("http://kafesolberga.se", "http://kafesolberga.se"),
        ("HTTPS://Kafesolberga.se", "HTTPS://Kafesolberga.se"),
        ("", ""),
    ],
)
def test_a_website_is_accepted_without_its_scheme_and_stored_whole(
    app, client, award, typed, stored
):
    response = send(client, award, website=typed)
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Nomination.website)).one() == stored


def test_a_refused_website_says_why_once(client, award):
    html = send(client, award, website="inte en adress").get_data(as_text=True)
    message = "Skriv en webbadress, till exempel kafesolberga.se eller https://example.se."
    error = re.search(r'<p class="error-text" id="website-error">(.*?)</p>', html, re.S).group(1)
    assert error.count(message) == 1
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert summary.count(message) == 1
    assert html.count(message) == 2  # beside the field and in the summary, nowhere else


def test_nul_bytes_never_reach_the_database(app, client, award):
    response = send(client, award, company_name="Bageri\x00 AB", motivation=MOTIVATION + "\x00")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Nomination.company_name)).one() == "Bageri AB"


def test_another_cycles_category_is_refused(app, client, award, make_unit):
    from tests.awards.world import make_cycle

    with app.app_context():
        other = make_cycle(make_unit(), year=2030)
        foreign = other.categories[0].id
        db.session.commit()
    response = send(client, award, category=str(foreign))
    assert response.status_code == 400
    assert "Välj en av kategorierna" in response.get_data(as_text=True)
    assert count(app) == 0


def test_a_sole_traders_number_is_accepted_and_masked_in_public(app, client, award):
    response = send(client, award, org_number="19640823-3234")  # a made-up valid personnummer
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(Nomination.org_number)).one() == "640823-3234"
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "640823-3234" not in receipt


def test_nominations_of_one_company_gather_into_one_candidate(app, client, award):
    assert send(client, award).status_code == 302
    assert (
        send(client, award, org_number="556036-0793", nominator_name="Olga Annan").status_code
        == 302
    )
    assert send(client, award, category=str(award.category_b)).status_code == 302
    assert count(app) == 3
    assert count(app, Candidate) == 2


@pytest.mark.parametrize(
    ("moment", "text"),
    [(NOW - timedelta(days=15), "Nomineringen öppnar"), (NOW + timedelta(days=21), "stängde")],
)
def test_outside_the_window_there_is_no_form_and_posts_are_refused(
    app, client, award, frozen, moment, text
):
    path = f"{award.public}/nominate"
    token = csrf_token(client, "/login")
    frozen(moment)
    page = client.get(path)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert text in html
    assert 'name="company_name"' not in html
    response = client.post(path, data=dict(valid(award), csrf_token=token))
    assert response.status_code == 409
    assert count(app) == 0


def test_the_window_is_open_from_its_first_moment_until_its_close(client, award, frozen):
    path = f"{award.public}/nominate"
    frozen(NOW - timedelta(days=14))
    assert 'name="company_name"' in client.get(path).get_data(as_text=True)
    frozen(NOW + timedelta(days=21) - timedelta(seconds=1))
    assert 'name="company_name"' in client.get(path).get_data(as_text=True)


def test_the_honeypot_stores_nothing(app, client, award, outbox):
    response = send(client, award, fax="http://spam.example")
    assert response.status_code == 302
    assert count(app) == 0
    assert outbox() == []


def test_the_rate_limit_stops_floods(app, client, award, monkeypatch):
    monkeypatch.setitem(app.config, "FORM_LIMIT_PER_IP", "2 per minute")
    assert send(client, award).status_code == 302
    assert send(client, award).status_code == 302
    assert send(client, award).status_code == 429
    assert count(app) == 2


def test_a_draft_cycle_and_unknown_years_are_not_found(app, client, award):
    from app.awards.models import AwardCycle, Phase

    assert client.get(f"/awards/{award.unit.slug}/1999/").status_code == 404
    assert client.get("/awards/no-such-unit/2030/nominate").status_code == 404
    with app.app_context():
        db.session.get(AwardCycle, award.cycle_id).phase = Phase.DRAFT
        db.session.commit()
    assert client.get(f"{award.public}/").status_code == 404
    assert client.get(f"{award.public}/nominate").status_code == 404


def test_the_receipt_without_a_nomination_goes_back_to_the_cycle(client, award):
    response = client.get(f"{award.public}/nominate/receipt")
    assert response.status_code == 302
    assert response.headers["Location"] == f"{award.public}/"


def test_the_home_page_lists_open_calls_only_inside_the_window(client, award, frozen):
    html = client.get("/").get_data(as_text=True)
    assert "Nominera till utmärkelsen" in html and f"{award.public}/nominate" in html
    frozen(NOW + timedelta(days=22))
    assert f"{award.public}/nominate" not in client.get("/").get_data(as_text=True)


def test_the_public_page_query_count_does_not_grow_with_categories(app, client, award):
    from app.awards.models import AwardCategory
    from tests.conftest import count_queries

    with count_queries(app) as few:
        client.get(f"{award.public}/")
    with app.app_context():
        for n in range(5):
            db.session.add(
                AwardCategory(cycle_id=award.cycle_id, name=f"Extra {n}", position=10 + n)
            )
        db.session.commit()
    with count_queries(app) as many:
        html = client.get(f"{award.public}/").get_data(as_text=True)
    assert "Extra 4" in html
    assert many() == few()
