"""Swedish prose for a report answer, written from the period's evidence.

Pure and deterministic: the same evidence always gives the same text, and nothing here
touches Flask, the database or the network. One paragraph per event (a series is one
paragraph: "… genomfördes vid 22 tillfällen …"), then the other features' facts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime

from app.core.formatting import swedish_date
from app.core.markup import inert_text
from app.core.swedish import count_words, join_words, number

NEED_LABELS = {
    "permits": "tillstånd",
    "safety": "trygghet",
    "skills_supply": "kompetensförsörjning",
    "premises": "lokaler",
    "accessibility": "tillgänglighet",
    "financing": "finansiering",
    "marketing": "marknadsföring",
}
SUPPORT_SENTENCES = {
    "operating_grant": "Nämnden bidrog med verksamhetsbidrag.",
    "organiser_grant": "Nämnden bidrog med arrangörsstöd.",
}
#: Venues one is "i" rather than "på" (i Liljeholmstorgets galleria, i Teaterparken).
INSIDE_WORDS = (
    "galleria",
    "park",
    "medborgarhus",
    "centrum",
    "gård",
    "hus",
    "lokal",
    "resecentrum",
)


@dataclass(frozen=True)
class HeldDate:
    """One held date of an event with what it achieved (its outcome, if recorded)."""

    key: str
    #: Local (Stockholm) start.
    starts_at: datetime
    venue: str = ""
    attendance: int | None = None
    companies: int | None = None
    needs: tuple[str, ...] = ()
    needs_note: str = ""
    summary: str = ""
    follow_ups: str = ""
    follow_up_unit: str = ""
    partners: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventEvidence:
    """An event or series and its held dates inside the period."""

    event_id: int
    title: str
    theme: str = ""
    organiser: str = ""
    partners: tuple[str, ...] = ()
    support: str = ""
    dates: tuple[HeldDate, ...] = field(default_factory=tuple)


def sentence(text: str) -> str:
    """Trimmed, starting with a capital and ending with a full stop."""
    text = " ".join(text.split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else f"{text}."


def unique(items) -> list[str]:
    """Non-empty items in first-seen order."""
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)


def place_phrase(venues: list[str]) -> str:
    """'på Älvsjö torg och Liljeholmstorget', 'i Liljeholmstorgets galleria'."""
    if not venues:
        return ""
    preps = ["i" if any(w in v.lower() for w in INSIDE_WORDS) else "på" for v in venues]
    if len(set(preps)) == 1:
        return f"{preps[0]} {join_words(venues)}"
    return join_words([f"{p} {v}" for p, v in zip(preps, venues, strict=True)])


def when_phrase(dates: list[HeldDate]) -> str:
    """'den 9 december 2022', or 'vid 22 tillfällen … mellan den 11 juni och den 27 augusti 2022'."""
    first, last = dates[0].starts_at.date(), dates[-1].starts_at.date()
    if len(dates) == 1:
        return f"den {swedish_date(first)}"
    same_year = first.year == last.year
    return f"mellan den {swedish_date(first, not same_year)} och den {swedish_date(last)}"


def opening(event: EventEvidence, dates: list[HeldDate]) -> str:
    venues = unique(d.venue for d in dates)
    # "Trygghet och trivsel på Älvsjö torg" needs no second "på Älvsjö torg".
    if all(v.lower() in event.title.lower() for v in venues):
        venues = []
    place = place_phrase(venues)
    place = f" {place}" if place else ""
    if len(dates) == 1:
        return f"{event.title} genomfördes {when_phrase(dates)}{place}."
    times = f"vid {count_words(len(dates))} tillfällen"
    return f"{event.title} genomfördes {times}{place} {when_phrase(dates)}."


def theme_sentence(theme: str, title: str = "") -> str:
    theme = theme.strip()
    if not theme or theme.lower() in title.lower():
        return ""
    if len(theme) > 1 and theme[1].islower():
        theme = theme[0].lower() + theme[1:]
    return f"Temat var {theme}."


def partner_sentence(event: EventEvidence, dates: list[HeldDate]) -> str:
    names = unique([event.organiser, *event.partners, *(p for d in dates for p in d.partners)])
    return f"Det genomfördes i samverkan med {join_words(names)}." if names else ""


def attendance_sentence(dates: list[HeldDate]) -> str:
    recorded = [d for d in dates if d.attendance is not None]
    if not recorded:
        return ""
    people = sum(d.attendance or 0 for d in recorded)
    companies = sum(d.companies or 0 for d in recorded)
    who = "1 person" if people == 1 else f"{number(people)} personer"
    if companies:
        who += f" från {number(companies)} företag"
    if len(recorded) < len(dates):
        n = count_words(len(recorded))
        return f"Vid de {n} tillfällen där deltagandet registrerades deltog totalt {who}."
    return f"Totalt deltog {who}."


def needs_sentence(dates: list[HeldDate]) -> str:
    counts = Counter(n for d in dates for n in d.needs if n in NEED_LABELS)
    order = list(NEED_LABELS)
    ranked = sorted(counts, key=lambda n: (-counts[n], order.index(n)))
    parts = []
    if ranked:
        parts.append(f"Företagen lyfte behov av {join_words([NEED_LABELS[n] for n in ranked])}.")
    parts.extend(sentence(note) for note in unique(d.needs_note.strip() for d in dates))
    return " ".join(parts)


def follow_up_sentences(dates: list[HeldDate]) -> str:
    parts = []
    for d in dates:
        if d.follow_ups.strip():
            text = f"Uppföljning: {sentence(d.follow_ups)}"
            if d.follow_up_unit.strip():
                text += f" Ansvarig: {d.follow_up_unit.strip()}."
            parts.append(text)
    return " ".join(unique(parts))


def event_paragraph(event: EventEvidence) -> str:
    """Everything one event (or series) contributes, as one paragraph."""
    dates = sorted(event.dates, key=lambda d: d.starts_at)
    if not dates:
        return ""
    parts = [
        opening(event, dates),
        theme_sentence(event.theme, event.title),
        partner_sentence(event, dates),
        SUPPORT_SENTENCES.get(event.support, ""),
        attendance_sentence(dates),
        needs_sentence(dates),
        " ".join(unique(sentence(d.summary) for d in dates)),
        follow_up_sentences(dates),
    ]
    return " ".join(p for p in parts if p)


def _inert_date(held: HeldDate) -> HeldDate:
    return replace(
        held,
        venue=inert_text(held.venue),
        needs_note=inert_text(held.needs_note),
        summary=inert_text(held.summary),
        follow_ups=inert_text(held.follow_ups),
        follow_up_unit=inert_text(held.follow_up_unit),
        partners=tuple(inert_text(p) for p in held.partners),
    )


def _inert_event(event: EventEvidence) -> EventEvidence:
    """The event with everything people typed reduced to plain words: a draft the officer
    takes becomes their answer, and must carry no link, tag or heading someone else typed."""
    return replace(
        event,
        title=inert_text(event.title),
        theme=inert_text(event.theme),
        organiser=inert_text(event.organiser),
        partners=tuple(inert_text(p) for p in event.partners),
        dates=tuple(_inert_date(d) for d in event.dates),
    )


def draft_answer(events: list[EventEvidence], facts: list[str]) -> str:
    """The drafted answer: a paragraph per event in date order, then the facts."""
    events = [_inert_event(e) for e in events]
    ordered = sorted(
        (e for e in events if e.dates),
        key=lambda e: (min(d.starts_at for d in e.dates), e.title, e.event_id),
    )
    paragraphs = [event_paragraph(e) for e in ordered]
    prose = [f for f in facts if f.strip() and "\n- " not in f]
    fact_text = " ".join(sentence(inert_text(f)) for f in prose)
    if fact_text:
        paragraphs.append(fact_text)
    paragraphs += [fact_list(f) for f in facts if "\n- " in f]
    return "\n\n".join(p for p in paragraphs if p)


def fact_list(fact: str) -> str:
    """A fact that lists things ("… kategorier:" then "- " lines) as a lead-in and a list."""
    lead, *items = fact.split("\n- ")
    lines = [inert_text(lead)] + [f"- {inert_text(item)}" for item in items if inert_text(item)]
    return "\n".join(lines)
