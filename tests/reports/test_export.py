"""Exports: the .docx read back with python-docx, Markdown, CSV, the diff, the chart."""

from __future__ import annotations

import csv
import io
import re

import pytest
from docx import Document

from app.reports.diffing import word_diff
from app.reports.export.chart import render_chart
from app.reports.export.document import QuestionAnswer, ReportDocument, Section
from app.reports.export.docx import build_docx
from app.reports.export.text import evidence_csv, to_markdown
from app.reports.form_text import FORM_TITLE

pytestmark = pytest.mark.nodb

DOC = ReportDocument(
    year=2022,
    period_label="T2",
    unit_name="Hägersten-Älvsjö stadsdelsnämnd",
    contact_name="Kim Exempelsson",
    contact_phone="08-508 21 000",
    contact_email="kim@example.org",
    sections=(
        Section(
            1,
            "Stimulera tillväxt och företagsamhet",
            (QuestionAnswer("Fråga ett?", "Svar ett.\n\nAndra stycket."),),
        ),
        Section(
            3,
            "Attraktivare miljöer och bättre framkomlighet",
            (QuestionAnswer("Fråga två?", "Svar två."), QuestionAnswer("Fråga tre?", "")),
        ),
    ),
)


def test_docx_has_the_forms_headings_questions_and_answers_in_order():
    document = Document(io.BytesIO(build_docx(DOC)))
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    texts = [p.text for p in paragraphs]
    headings = [p.text for p in paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings == [
        FORM_TITLE,
        "Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022",
        "1. Stimulera tillväxt och företagsamhet",
        "3. Attraktivare miljöer och bättre framkomlighet",
    ]
    order = [
        "Fråga ett?",
        "Svar ett.",
        "Andra stycket.",
        "Fråga två?",
        "Svar två.",
        "Fråga tre?",
        "–",
    ]
    positions = [texts.index(t) for t in order]
    assert positions == sorted(positions)
    question = paragraphs[texts.index("Fråga två?")]
    assert question.style.name == "Fråga" and question.style.font.bold
    assert any("Kim Exempelsson" in t for t in texts)
    assert any("Hägersten-Älvsjö stadsdelsnämnd" in t for t in texts)


def test_docx_carries_the_chart_when_given():
    png = render_chart({(1, 3): 2}, {1: "Stimulera"}, 4, "Test")
    document = Document(
        io.BytesIO(build_docx(ReportDocument(year=2022, period_label="T1", chart_png=png)))
    )
    assert len(document.inline_shapes) == 1
    assert png.startswith(b"\x89PNG")


def test_markdown_has_headings_bold_questions_and_answers():
    text = to_markdown(DOC)
    assert text.startswith(f"# {FORM_TITLE}\n")
    assert (
        "## Uppföljning av direktiv och aktiviteter med näringslivskoppling i budget 2022" in text
    )
    assert (
        "### 1. Stimulera tillväxt och företagsamhet\n\n**Fråga ett?**\n\nSvar ett.\n\nAndra stycket."
        in text
    )
    assert "**Fråga tre?**\n\n–" in text
    assert text.index("Fråga ett?") < text.index("Fråga två?") < text.index("Fråga tre?")


def test_evidence_csv_has_a_header_and_neutralises_formulas():
    body = evidence_csv(
        [(1, "Fråga", "occ:1:x", "event", "2022-06-11", "=HYPERLINK(1)", "", 40, None, "ja")]
    )
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][0] == "fråga_nr"
    assert rows[1][5] == "'=HYPERLINK(1)"
    assert rows[1][7] == "40"


def test_word_diff_marks_removed_and_added_words():
    assert word_diff("Ett frukostmöte hölls.", "Två frukostmöten hölls.") == [
        ("removed", "Ett"),
        ("added", "Två"),
        ("same", " "),
        ("removed", "frukostmöte"),
        ("added", "frukostmöten"),
        ("same", " hölls."),
    ]
    assert word_diff("", "Ny") == [("added", "Ny")]


HOSTILE_TITLE = (
    "Frukost [Läs mer](javascript:alert(1)) <img src=x onerror=alert(1)>\r\n\r\n# Falsk rubrik"
)


def test_markdown_escapes_every_value_the_officer_did_not_write():
    doc = ReportDocument(
        year=2022,
        period_label="T2",
        unit_name="Nämnd <b>fet</b>\n\n# Rubrik",
        contact_name="[Kim](javascript:x)",
        sections=(Section(1, "Område *ett*", (QuestionAnswer(HOSTILE_TITLE, "Eget *svar*"),)),),
        units=(("Enhet <img src=x>", "Pågår", None),),
    )
    text = to_markdown(doc)
    assert "\n# Rubrik" not in text and "\n# Falsk rubrik" not in text
    assert not re.search(r"(?<!\\)<", text)  # every < is escaped: no tag
    assert not re.search(r"(?<!\\)\]\(", text)  # no link
    assert r"Nämnd \<b\>fet\</b\> \# Rubrik" in text
    assert r"Område \*ett\*" in text
    assert "Eget *svar*" in text  # the officer's own text stays as they wrote it


def test_a_taken_draft_carries_no_markup_someone_else_typed():
    from datetime import datetime

    from app.reports.drafting import EventEvidence, HeldDate, draft_answer

    held = HeldDate(key="k", starts_at=datetime(2022, 6, 1, 8), venue="<b>Torget</b>")
    draft = draft_answer([EventEvidence(1, HOSTILE_TITLE, dates=(held,))], ["[x](y) <i>z</i>"])
    assert "<" not in draft and "](" not in draft and "\n#" not in draft
    assert draft.startswith("Frukost Läs mer # Falsk rubrik genomfördes den 1 juni 2022")
    text = to_markdown(
        ReportDocument(
            year=2022,
            period_label="T2",
            sections=(Section(1, "A", (QuestionAnswer("F?", draft),)),),
        )
    )
    assert "<img" not in text and "](javascript" not in text and "\n# Falsk" not in text


def test_white_space_alone_is_no_change_in_the_diff():
    segments = word_diff("Två  stycken.\n\nAndra.", "Två stycken.\n\n\nAndra.")
    assert [kind for kind, _text in segments] == ["same"]
    assert "".join(text for _kind, text in segments) == "Två stycken.\n\n\nAndra."
    changed = word_diff("Ett ord.", "Ett nytt ord.")
    assert ("added", "nytt ") in changed or ("added", " nytt") in changed
    assert all(text.strip() for kind, text in changed if kind != "same")
