"""The need's steps and the report's sentences: pure rules, no database."""

from __future__ import annotations

from datetime import date

import pytest

from app.dialogue import flow, wording
from app.dialogue.flow import NeedStatus

pytestmark = pytest.mark.nodb

DAY = date(2026, 3, 2)


def test_a_need_moves_forward_only():
    assert flow.may_move(NeedStatus.NEW, NeedStatus.ROUTED)
    assert flow.may_move(NeedStatus.NEW, NeedStatus.CLOSED)
    assert not flow.may_move(NeedStatus.ANSWERED, NeedStatus.ROUTED)
    assert not flow.may_move(NeedStatus.ROUTED, NeedStatus.ROUTED)
    assert not any(flow.may_move(NeedStatus.CLOSED, s) for s in NeedStatus)


def test_skipped_steps_get_the_day_and_reached_steps_keep_theirs():
    known = {"routed_on": date(2026, 2, 1)}
    dates = flow.step_dates(NeedStatus.ROUTED, NeedStatus.FED_BACK, DAY, known)
    assert dates == {"answered_on": DAY, "fed_back_on": DAY}
    assert flow.step_dates(NeedStatus.NEW, NeedStatus.ROUTED, DAY, {}) == {"routed_on": DAY}


@pytest.mark.parametrize(
    ("status", "raised", "overdue"),
    [
        (NeedStatus.NEW, date(2026, 1, 30), True),
        (NeedStatus.NEW, date(2026, 1, 31), False),
        (NeedStatus.ANSWERED, date(2025, 1, 1), True),
        (NeedStatus.FED_BACK, date(2025, 1, 1), False),
        (NeedStatus.CLOSED, date(2025, 1, 1), False),
    ],
)
def test_a_need_is_overdue_while_the_business_waits_past_thirty_days(status, raised, overdue):
    assert flow.is_overdue(status, raised, DAY) is overdue


def test_the_median_counts_only_needs_fed_back():
    pairs = [(date(2026, 1, 1), date(2026, 1, 11)), (date(2026, 1, 1), None)]
    assert flow.median_days(pairs) == 10
    assert flow.median_days([(DAY, None)]) is None


def test_contacts_are_one_sentence_with_the_organisations_named_once():
    text = wording.contacts_sentence(
        ["visit", "visit", "meeting", "routed_question"], ["Niam", "Citycon", "Niam"]
    )
    assert text == "Förvaltningen gjorde två företagsbesök och ett möte med Citycon och Niam."
    many = wording.contacts_sentence(["call"], [f"Företag {n:02}" for n in range(12)])
    assert many.endswith("Företag 09 med flera.")
    assert wording.contacts_sentence([], ["Niam"]) == ""


def test_routed_questions_name_the_authorities_and_the_answers():
    routed = [
        wording.RoutedQuestion("trafikkontoret", True),
        wording.RoutedQuestion("polisen", False),
        wording.RoutedQuestion("trafikkontoret", True),
    ]
    assert wording.routed_sentence(routed) == (
        "Tre frågor från näringsidkare lotsades till rätt instans i staden: "
        "trafikkontoret (2) och polisen (1). 2 av 3 har fått svar."
    )
    one = wording.routed_sentence([wording.RoutedQuestion("miljöförvaltningen", False)])
    assert one.startswith("En fråga") and one.endswith("Den väntar på svar.")


def test_needs_by_category_with_the_share_fed_back_and_the_median():
    needs = [
        wording.NeedFigure("skills", 4),
        wording.NeedFigure("skills", 11),
        wording.NeedFigure("premises", None),
    ]
    assert wording.needs_sentence(needs) == (
        "Företagen tog upp tre behov och hinder: kompetensförsörjning (2) och lokaler (1). "
        "2 av 3 har fått återkoppling, i median efter 7,5 dagar."
    )
    waiting = wording.needs_sentence([wording.NeedFigure("safety", None)])
    assert waiting.endswith("Inget har ännu fått återkoppling.")


@pytest.mark.parametrize(
    ("reached", "new", "text"),
    [
        (
            12,
            4,
            "Förvaltningen hade kontakt med 12 organisationer, varav fyra för första gången i år.",
        ),
        (3, 3, "Förvaltningen hade kontakt med tre organisationer, alla för första gången i år."),
        (2, 0, "Förvaltningen hade kontakt med två organisationer."),
        (0, 0, ""),
    ],
)
def test_reach_counts_organisations_and_those_new_this_year(reached, new, text):
    assert wording.reach_sentence(reached, new) == text
