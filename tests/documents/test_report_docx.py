"""The report and the compilation as Word documents: A4, Swedish, properties, page numbers,
questions kept with their answers, the chart inside the text with alt text, lists as lists;
and rendered to PDF by LibreOffice, no page starts with an answer whose question it lost."""

from __future__ import annotations

import io
from collections import Counter
from datetime import UTC, datetime

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Emu

from app.demo.seed_2022 import QUESTIONS_2022
from app.policy.areas import FOCUS_AREAS
from app.reports.export.chart import describe, render_chart
from app.reports.export.document import QuestionAnswer, ReportDocument, Section
from app.reports.export.docx import build_docx
from app.reports.export.text import to_markdown
from tests.documents.printing import page_of, pdf_pages

pytestmark = pytest.mark.nodb

AREAS = dict(FOCUS_AREAS)
COUNTS = Counter({(1, 3): 2, (1, 5): 1, (3, 6): 4, (4, 8): 1})
EXPORTED = datetime(2022, 9, 14, 8, 30, tzinfo=UTC)


def seed_sections() -> tuple[Section, ...]:
    """The 2022 form's questions and the council's answers, word for word."""
    grouped: dict[int, list[QuestionAnswer]] = {}
    for number, question, answer in QUESTIONS_2022:
        grouped.setdefault(number, []).append(QuestionAnswer(question, answer))
    return tuple(Section(n, AREAS[n], tuple(grouped[n])) for n in sorted(grouped))


def report(**changes) -> ReportDocument:
    values = dict(
        year=2022,
        period_label="T2",
        unit_name="Hägersten-Älvsjö stadsdelsnämnd",
        contact_name="Kim Exempelsson",
        contact_phone="08-508 21 000",
        contact_email="kim@example.org",
        sections=seed_sections(),
        chart_png=render_chart(COUNTS, {1: AREAS[1], 3: AREAS[3], 4: AREAS[4]}, 8, "Test"),
        chart_title="Genomförda aktiviteter per fokusområde, T2 2022",
        chart_text=describe(COUNTS, AREAS, 8, 2022),
        exported_at=EXPORTED,
    )
    values.update(changes)
    return ReportDocument(**values)


def read(doc: ReportDocument):
    return Document(io.BytesIO(build_docx(doc)))


def test_the_page_is_a4_with_the_text_inside_its_margins():
    section = read(report()).sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    text_width = Emu(section.page_width - section.left_margin - section.right_margin)
    assert round(text_width.cm, 1) == 16.0


def test_every_style_and_run_is_swedish_and_no_english_is_left():
    document = read(report())
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "sv-SE"
    langs = {el.get(qn("w:val")) for el in styles.iter(qn("w:lang"))}
    assert langs == {"sv-SE"}
    runs = list(document.element.body.iter(qn("w:r")))
    assert runs and all(
        r.find(qn("w:rPr")).find(qn("w:lang")).get(qn("w:val")) == "sv-SE" for r in runs
    )
    theme = document.settings.element.find(qn("w:themeFontLang"))
    assert theme.get(qn("w:val")) == "sv-SE"


def test_the_file_properties_name_the_report_the_unit_and_the_moment():
    props = read(report()).core_properties
    assert props.title == "Uppföljningsrapport näringsliv T2 2022"
    assert props.author == "Hägersten-Älvsjö stadsdelsnämnd"
    assert "Hägersten-Älvsjö" in props.subject and "T2 2022" in props.subject
    assert props.language == "sv-SE"
    assert props.created == props.modified == EXPORTED.replace(tzinfo=None) or (
        props.created == EXPORTED
    )
    assert "python-docx" not in (props.comments + props.author + props.last_modified_by)
    assert props.last_printed is None


def test_head_and_foot_carry_unit_period_export_day_and_page_numbers():
    section = read(report()).sections[0]
    assert section.header.paragraphs[0].text == "Hägersten-Älvsjö stadsdelsnämnd · T2 2022"
    foot = section.footer.paragraphs[0]
    assert foot.text.startswith("Exporterad 14 september 2022\tSida ")
    codes = [t.text.strip() for t in foot._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE", "NUMPAGES"]


def test_each_question_keeps_with_its_answer_and_answers_are_set_apart():
    document = read(report())
    questions = [p for p in document.paragraphs if p.style.name == "Fråga"]
    assert len(questions) == len(QUESTIONS_2022)
    for question in questions:
        assert question.style.paragraph_format.keep_with_next
    answer_style = document.styles["Svar"]
    assert answer_style.paragraph_format.left_indent.cm == pytest.approx(0.5, abs=0.01)
    assert answer_style.element.pPr.find(qn("w:pBdr")).find(qn("w:left")) is not None
    body = document.paragraphs
    for at, paragraph in enumerate(body):
        if paragraph.style.name == "Fråga":
            assert body[at + 1].style.name in ("Svar", "Svar, punktlista")


def test_the_chart_fits_the_text_column_and_says_what_it_shows():
    document = read(report())
    (shape,) = document.inline_shapes
    section = document.sections[0]
    assert shape.width <= section.page_width - section.left_margin - section.right_margin
    alt = next(document.element.body.iter(qn("wp:docPr"))).get("descr")
    assert "fokusområde 1" in alt
    assert "Fokusområde 2 hade inga aktiviteter under perioden." in alt
    texts = [p.text for p in document.paragraphs]
    caption = texts.index("Figur 1. Genomförda aktiviteter per fokusområde, T2 2022")
    assert texts[caption + 1] == alt
    assert document.paragraphs[caption].style.name == "Caption"


def test_lines_that_start_with_a_dash_are_a_list():
    answer = "Priset har fem kategorier:\n- Årets nyföretag (ALMI)\n- Årets företag (SBR)"
    doc = report(sections=(Section(1, AREAS[1], (QuestionAnswer("Fråga?", answer),)),))
    paragraphs = [(p.style.name, p.text) for p in read(doc).paragraphs]
    start = paragraphs.index(("Svar", "Priset har fem kategorier:"))
    assert paragraphs[start + 1 : start + 3] == [
        ("Svar, punktlista", "Årets nyföretag (ALMI)"),
        ("Svar, punktlista", "Årets företag (SBR)"),
    ]


def test_the_forms_instruction_and_a_wrong_heading_are_not_in_a_finished_report():
    document = read(report())
    text = "\n".join(p.text for p in document.paragraphs)
    markdown = to_markdown(report())
    for written in (text, markdown):
        assert "klicka här" not in written and "Besvara följande frågor" not in written
    assert "3. Attraktivare miljöer och bättre framkomlighet" in text
    assert "en bättre framkomlighet" not in text


def test_the_compilation_prints_each_question_once_and_every_unit_under_it():
    items = (
        QuestionAnswer("Beskriv samverkan.", "Bromma samverkar.", unit="Bromma stadsdelsnämnd"),
        QuestionAnswer("Beskriv samverkan.", "Vi samverkar.", unit="Hägersten-Älvsjö sdn"),
        QuestionAnswer("Annan fråga?", "Svar.", unit="Bromma stadsdelsnämnd"),
    )
    doc = report(
        unit_name="",
        sections=(Section(1, AREAS[1], items),),
        units=(
            ("Bromma stadsdelsnämnd", "Inlämnad", None),
            ("Hägersten-Älvsjö sdn", "Pågår", datetime(2022, 9, 15).date()),
            ("Kungsholmen", "Inte påbörjad", None),
        ),
    )
    document = read(doc)
    texts = [p.text for p in document.paragraphs]
    assert texts.count("Beskriv samverkan.") == 1
    first = texts.index("Beskriv samverkan.")
    assert texts[first + 1 : first + 5] == [
        "Bromma stadsdelsnämnd",
        "Bromma samverkar.",
        "Hägersten-Älvsjö sdn",
        "Vi samverkar.",
    ]
    (table,) = document.tables
    header = table.rows[0]
    assert header._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(run.bold for run in header.cells[0].paragraphs[0].runs)
    statuses = [row.cells[1].text for row in table.rows[1:]]
    assert statuses == [
        "Inlämnad",
        "Pågår, försenad (sista dag var 15 september 2022)",
        "Inte påbörjad",
    ]
    assert "Tabell 1. Inlämnade rapporter" in texts
    markdown = to_markdown(doc)
    assert markdown.count("**Beskriv samverkan.**") == 1


@pytest.mark.slow
def test_in_libreoffice_the_report_is_a4_and_no_question_is_parted_from_its_answer(tmp_path):
    doc = report()
    pages = pdf_pages(build_docx(doc), tmp_path)
    assert 3 <= len(pages) <= 12
    assert f"Sida 1 av {len(pages)}" in pages[0]
    for section in doc.sections:
        for item in section.items:
            question_page = page_of(pages, item.question[-60:])
            answer_page = page_of(pages, item.answer)
            assert question_page == answer_page, item.question
    document = read(doc)
    assert document.sections[0].page_height.cm == pytest.approx(29.7, abs=0.05)
