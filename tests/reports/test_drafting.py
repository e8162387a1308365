"""Drafting: fixed evidence gives fixed Swedish prose, the way the seed's answers read."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.core.swedish import join_words
from app.reports.drafting import (
    EventEvidence,
    HeldDate,
    draft_answer,
    place_phrase,
    swedish_date,
)

pytestmark = pytest.mark.nodb


def summer_dates(n=22):
    """Sommar på torget: Saturdays and Wednesdays from 11 June to 27 August 2022."""
    first = datetime(2022, 6, 11, 12, 0)
    days = [
        first + timedelta(days=d)
        for d in range(0, 78)
        if (first + timedelta(days=d)).weekday() in (2, 5)
    ]
    days = days[: n - 1] + [datetime(2022, 8, 27, 12, 0)]
    venues = ("Älvsjö torg", "Liljeholmstorget")
    return tuple(
        HeldDate(key=f"occ:1:{i}", starts_at=d, venue=venues[i % 2], attendance=40 + i)
        for i, d in enumerate(days)
    )


def test_a_series_is_one_sentence_with_count_places_and_span():
    event = EventEvidence(1, "Sommar på torget", dates=summer_dates())
    text = draft_answer([event], [])
    assert text.startswith(
        "Sommar på torget genomfördes vid 22 tillfällen på Älvsjö torg och Liljeholmstorget "
        "mellan den 11 juni och den 27 augusti 2022."
    )
    assert "Totalt deltog 1 111 personer." in text


def test_a_single_event_with_partners_attendance_needs_and_summary():
    dialogue = EventEvidence(
        7,
        "Företagsdialog med mingelmässa",
        theme="Kompetensförsörjning",
        organiser="Stockholm Business Region",
        partners=("Citycon (Liljeholmens galleria)", "Liljeholmens företagsgrupp"),
        dates=(
            HeldDate(
                key="occ:7:x",
                starts_at=datetime(2022, 12, 9, 9, 0),
                venue="Liljeholmstorgets galleria",
                attendance=120,
                companies=45,
                needs=("skills_supply", "premises", "skills_supply"),
                summary="företagen knöt nya kontakter med staden",
                follow_ups="Frågor om markupplåtelse skickas vidare",
                follow_up_unit="Trafikkontoret",
            ),
        ),
    )
    assert draft_answer([dialogue], []) == (
        "Företagsdialog med mingelmässa genomfördes den 9 december 2022 i Liljeholmstorgets "
        "galleria. Temat var kompetensförsörjning. Det genomfördes i samverkan med Stockholm "
        "Business Region, Citycon (Liljeholmens galleria) och Liljeholmens företagsgrupp. "
        "Totalt deltog 120 personer från 45 företag. Företagen lyfte behov av "
        "kompetensförsörjning och lokaler. Företagen knöt nya kontakter med staden. "
        "Uppföljning: Frågor om markupplåtelse skickas vidare. Ansvarig: Trafikkontoret."
    )


def test_events_in_date_order_then_facts_as_their_own_paragraph():
    later = EventEvidence(2, "Frukostmöte", dates=(HeldDate("b", datetime(2022, 3, 2, 8)),))
    earlier = EventEvidence(
        3,
        "Trygghetsdag",
        support="organiser_grant",
        dates=(HeldDate("a", datetime(2022, 2, 1, 8), venue="Älvsjö torg"),),
    )
    text = draft_answer([later, earlier], ["Till utmärkelsen kom 14 nomineringar in"])
    assert text.split("\n\n") == [
        "Trygghetsdag genomfördes den 1 februari 2022 på Älvsjö torg. Nämnden bidrog med arrangörsstöd.",
        "Frukostmöte genomfördes den 2 mars 2022.",
        "Till utmärkelsen kom 14 nomineringar in.",
    ]


def test_partial_attendance_says_so_and_small_counts_are_words():
    dates = (
        HeldDate("a", datetime(2022, 3, 2, 8), attendance=10),
        HeldDate("b", datetime(2022, 4, 6, 8)),
        HeldDate("c", datetime(2023, 1, 5, 8), attendance=1),
    )
    text = draft_answer([EventEvidence(1, "Frukostmöte", dates=dates)], [])
    assert "vid tre tillfällen mellan den 2 mars 2022 och den 5 januari 2023" in text
    assert "Vid de två tillfällen där deltagandet registrerades deltog totalt 11 personer." in text


def test_no_evidence_gives_an_empty_draft():
    assert draft_answer([], []) == ""
    assert draft_answer([EventEvidence(1, "Tomt")], ["  "]) == ""


def test_the_same_evidence_always_gives_the_same_text():
    events = [EventEvidence(1, "Sommar på torget", dates=summer_dates())]
    assert draft_answer(events, ["A."]) == draft_answer(list(reversed(events)), ["A."])


def test_helpers():
    assert swedish_date(datetime(2022, 12, 9).date()) == "9 december 2022"
    assert join_words(["A", "B", "C"]) == "A, B och C"
    assert place_phrase(["Älvsjö torg", "Teaterparken"]) == "på Älvsjö torg och i Teaterparken"


def test_no_repeats_of_a_theme_or_place_the_title_already_names():
    event = EventEvidence(
        1,
        "Trygghet och trivsel på Älvsjö torg",
        theme="Trygghet",
        dates=(HeldDate("a", datetime(2022, 6, 9, 14), venue="Älvsjö torg"),),
    )
    assert draft_answer([event], []) == (
        "Trygghet och trivsel på Älvsjö torg genomfördes den 9 juni 2022."
    )


def test_a_fact_that_lists_things_stays_a_list_after_the_prose():
    listed = "Priset har två kategorier:\n- Årets nyföretag (ALMI)\n- [Klicka](javascript:x) <b>"
    text = draft_answer([], ["Priset delas ut i november", listed])
    assert text == (
        "Priset delas ut i november.\n\n"
        "Priset har två kategorier:\n- Årets nyföretag (ALMI)\n- Klicka"
    )
