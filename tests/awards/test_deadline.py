"""The nomination deadline: one instant, one day and the same words on every page, and an
early close only after the administrator has confirmed it."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from docx import Document
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.awards.models import AwardCycle, Nomination, Phase
from app.core.formatting import STOCKHOLM
from app.extensions import db
from tests.awards.test_nomination import valid
from tests.awards.world import NOW
from tests.conftest import csrf_token, post

#: The last day is 22 October: the window closes at the first moment of the 23rd.
MIDNIGHT = datetime(2030, 10, 23, tzinfo=STOCKHOLM).astimezone(UTC)
OPEN = "Nomineringen är öppen till och med 22 oktober 2030."
EARLY = "Nomineringen stängdes i förtid 1 oktober 2030."


def close_at_midnight(app, award):
    with app.app_context():
        db.session.get(AwardCycle, award.cycle_id).nominations_close_at = MIDNIGHT
        db.session.commit()


def pages(client, award) -> dict[str, str]:
    return {
        "cycle": client.get(f"{award.public}/").get_data(as_text=True),
        "nominate": client.get(f"{award.public}/nominate").get_data(as_text=True),
        "home": client.get("/").get_data(as_text=True),
    }


def stored(app, award) -> AwardCycle:
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        db.session.expunge(cycle)
        return cycle


def test_an_open_call_names_one_last_day_in_the_same_words_on_every_page(app, client, award):
    close_at_midnight(app, award)
    for name, html in pages(client, award).items():
        assert OPEN in html, name
        assert "23 oktober" not in html, name  # the closing instant is the end of the 22nd
    timeline = pages(client, award)["cycle"].split("Tidsplan")[1].split("</dl>")[0]
    assert "Sista dag att nominera" in timeline and "22 oktober 2030" in timeline


def test_after_the_last_day_every_page_says_it_closed_that_day(app, client, award, frozen):
    close_at_midnight(app, award)
    frozen(MIDNIGHT)
    said = "Nomineringen stängde 22 oktober 2030."
    html = pages(client, award)
    assert said in html["cycle"] and said in html["nominate"]
    assert "22 oktober 2030" in html["cycle"].split("Tidsplan")[1].split("</dl>")[0]
    assert "23 oktober" not in html["cycle"] + html["nominate"]


def test_closing_early_asks_first_and_says_what_the_public_will_see(app, client, award, login):
    close_at_midnight(app, award)
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    html = client.get(page).get_data(as_text=True)
    assert "Nomineringen är öppen till och med 22 oktober 2030" in html
    assert "stängs den direkt" in html
    assert f"”{EARLY}”" in html  # the sentence the public pages will show
    assert 'name="confirm_early_close"' in html
    phase = f"/manage/awards/{award.cycle_id}/phase"
    response = post(client, phase, {"phase": "screening"}, token_from=page)
    assert response.status_code == 400
    refused = response.get_data(as_text=True)
    assert 'id="confirm_early_close-error"' in refused and "Kryssa i" in refused
    cycle = stored(app, award)
    assert cycle.phase == Phase.NOMINATIONS_OPEN and cycle.nominations_closed_at is None
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "awards.phase_changed")) == 0  # fmt: skip
    response = post(
        client, phase, {"phase": "screening", "confirm_early_close": "y"}, token_from=page
    )
    assert response.status_code == 302
    cycle = stored(app, award)
    assert cycle.phase == Phase.SCREENING and cycle.nominations_closed_at == NOW


def test_after_an_early_close_every_page_names_the_moment_it_closed(
    app, client, award, login, frozen
):
    close_at_midnight(app, award)
    admin = login(award.users["award_admin"], on=app.test_client())
    page = f"/manage/awards/{award.cycle_id}/"
    post(admin, f"/manage/awards/{award.cycle_id}/phase",
         {"phase": "screening", "confirm_early_close": "y"}, token_from=page)  # fmt: skip
    frozen(NOW + timedelta(days=1))
    html = pages(client, award)
    for name in ("cycle", "nominate"):
        assert EARLY in html[name], name
        assert "22 oktober" not in html[name] and "23 oktober" not in html[name], name
    assert "1 oktober 2030" in html["cycle"].split("Tidsplan")[1].split("</dl>")[0]
    assert 'name="company_name"' not in html["nominate"]
    assert f"{award.public}/nominate" not in html["home"]
    token = csrf_token(client, "/login")
    response = client.post(f"{award.public}/nominate", data=dict(valid(award), csrf_token=token))
    assert response.status_code == 409
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Nomination)) == 0
        entry = db.session.scalar(select(AuditEntry).where(
            AuditEntry.action == "awards.phase_changed"))  # fmt: skip
        assert entry.details["closed_early"] is True
    document = Document(
        io.BytesIO(admin.get(f"/manage/awards/{award.cycle_id}/protocol.docx").data)
    )
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Nominering 17 september 2030–1 oktober 2030." in text
    assert "Nomineringen stängdes i förtid: 1 oktober 2030" in text and "22 oktober" not in text


def test_the_protocol_names_the_last_day_not_the_instant_after_it(app, client, award, login):
    close_at_midnight(app, award)
    login(award.users["award_admin"])
    response = client.get(f"/manage/awards/{award.cycle_id}/protocol.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(response.data)).paragraphs)
    assert "Nominering 17 september 2030–22 oktober 2030." in text
    assert "Sista dag att nominera: 22 oktober 2030" in text and "23 oktober" not in text


def test_reopening_the_call_opens_it_until_its_planned_last_day(app, client, award, login):
    close_at_midnight(app, award)
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    phase = f"/manage/awards/{award.cycle_id}/phase"
    post(client, phase, {"phase": "screening", "confirm_early_close": "y"}, token_from=page)
    assert post(client, phase, {"phase": "nominations_open"}, token_from=page).status_code == 302
    assert stored(app, award).nominations_closed_at is None
    assert OPEN in client.get(f"{award.public}/nominate").get_data(as_text=True)


def test_after_the_last_day_the_phase_changes_without_a_question(app, client, award, login, frozen):
    close_at_midnight(app, award)
    frozen(MIDNIGHT + timedelta(hours=1))
    login(award.users["award_admin"])
    page = f"/manage/awards/{award.cycle_id}/"
    assert 'name="confirm_early_close"' not in client.get(page).get_data(as_text=True)
    response = post(
        client, f"/manage/awards/{award.cycle_id}/phase", {"phase": "judging"}, token_from=page
    )
    assert response.status_code == 302
    cycle = stored(app, award)
    assert cycle.phase == Phase.JUDGING and cycle.nominations_closed_at is None
    html = client.get(f"{award.public}/").get_data(as_text=True)
    assert "Nomineringen stängde 22 oktober 2030." in html and "i förtid" not in html


def test_the_clock_closes_on_the_date_and_records_no_early_close(app, runner, award, frozen):
    close_at_midnight(app, award)
    frozen(MIDNIGHT)
    assert runner.invoke(args=["awards", "advance"]).exit_code == 0
    cycle = stored(app, award)
    assert cycle.phase == Phase.SCREENING and cycle.nominations_closed_at is None
