"""The dialogue told in the report's Swedish: plain counts in, finished sentences out; pure.

Sentences read like the seed's answers, not like a log: like contacts grouped into one
sentence, the figures once, a list of names closed with "och".
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

from app.core.swedish import count_words, join_words

#: The kinds of contact in running text: (one, several).
KIND_WORDS = {
    "visit": ("ett företagsbesök", "företagsbesök"),
    "meeting": ("ett möte", "möten"),
    "call": ("ett samtal", "samtal"),
}
CATEGORY_WORDS = {
    "skills": "kompetensförsörjning",
    "premises": "lokaler",
    "permits": "tillstånd och myndighetskontakter",
    "safety": "trygghet",
    "traffic": "framkomlighet och trafik",
    "place": "marknadsföring och platsutveckling",
    "procurement": "upphandling",
    "financing": "finansiering",
    "other": "annat",
}
#: At most this many organisations are named; the rest are "med flera".
NAMED = 10


@dataclass(frozen=True)
class RoutedQuestion:
    authority: str
    answered: bool


@dataclass(frozen=True)
class NeedFigure:
    category: str
    #: Days from raised to feedback, None while the business waits.
    days_to_feedback: int | None


def _count(n: int, words: tuple[str, str]) -> str:
    return words[0] if n == 1 else f"{count_words(n)} {words[1]}"


def _names(names: list[str]) -> str:
    ordered = sorted(set(names), key=str.casefold)
    if len(ordered) > NAMED:
        return f"{', '.join(ordered[:NAMED])} med flera"
    return join_words(ordered)


def contacts_sentence(kinds: list[str], organisations: list[str]) -> str:
    """'Förvaltningen gjorde tre företagsbesök och ett möte med Citycon och Niam.'"""
    counted = Counter(kind for kind in kinds if kind in KIND_WORDS)
    if not counted:
        return ""
    parts = [_count(counted[k], KIND_WORDS[k]) for k in KIND_WORDS if counted[k]]
    tail = f" med {_names(organisations)}" if organisations else ""
    return f"Förvaltningen gjorde {join_words(parts)}{tail}."


def reach_sentence(reached: int, new_this_year: int) -> str:
    """'Förvaltningen hade kontakt med 12 organisationer, varav 4 för första gången i år.'"""
    if not reached:
        return ""
    whom = "en organisation" if reached == 1 else f"{count_words(reached)} organisationer"
    text = f"Förvaltningen hade kontakt med {whom}"
    if new_this_year == reached:
        return (
            f"{text}, alla för första gången i år."
            if reached > 1
            else f"{text}, för första gången i år."
        )
    if new_this_year:
        new = "en" if new_this_year == 1 else count_words(new_this_year)
        return f"{text}, varav {new} för första gången i år."
    return f"{text}."


def routed_sentence(questions: list[RoutedQuestion]) -> str:
    """How many questions were routed, to which authorities, and how many got an answer."""
    n = len(questions)
    if not n:
        return ""
    by_authority = Counter(q.authority for q in questions)
    ranked = sorted(by_authority.items(), key=lambda item: (-item[1], item[0].casefold()))
    places = join_words([f"{authority} ({k})" for authority, k in ranked])
    subject = "En fråga" if n == 1 else f"{count_words(n).capitalize()} frågor"
    text = f"{subject} från näringsidkare lotsades till rätt instans i staden: {places}."
    answered = sum(q.answered for q in questions)
    if n == 1:
        return f"{text} Den har fått svar." if answered else f"{text} Den väntar på svar."
    if answered == n:
        return f"{text} Alla har fått svar."
    return f"{text} {answered} av {n} har fått svar."


def needs_sentence(needs: list[NeedFigure]) -> str:
    """The needs by category, the share fed back and the median days to feedback."""
    if not needs:
        return ""
    by_category = Counter(n.category for n in needs)
    ranked = sorted(by_category.items(), key=lambda item: (-item[1], CATEGORY_WORDS[item[0]]))
    listed = join_words([f"{CATEGORY_WORDS[c]} ({n})" for c, n in ranked])
    raised = _count(len(needs), ("ett behov eller hinder", "behov och hinder"))
    text = f"Företagen tog upp {raised}: {listed}."
    days = sorted(n.days_to_feedback for n in needs if n.days_to_feedback is not None)
    if not days:
        return f"{text} Inget har ännu fått återkoppling."
    median_text = f"{statistics.median(days):g}".replace(".", ",")
    return (
        f"{text} {len(days)} av {len(needs)} har fått återkoppling, "
        f"i median efter {median_text} dagar."
    )
