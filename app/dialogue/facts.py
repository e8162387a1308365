"""The dialogue's evidence for the report: contacts, routed questions and needs of a period,
told once per report question they were linked to."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from app.dialogue import queries, wording
from app.dialogue.models import ContactKind
from app.extensions import db
from app.policy.facts import Fact


def dialogue_facts(unit_id: int, year: int, start: date, end: date) -> list[Fact]:
    """One fact per kind of evidence and linked question: contacts, routed questions, needs."""
    by_question: dict[int, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for contact in db.session.scalars(queries.contacts_between(unit_id, start, end)):
        for question in contact.questions:
            bucket = by_question[question.id]
            if contact.kind is ContactKind.ROUTED_QUESTION:
                bucket["routed"].append(
                    wording.RoutedQuestion(contact.authority, contact.answered_on is not None)
                )
            else:
                bucket["kinds"].append(str(contact.kind))
                bucket["organisations"] += [o.name for o in contact.organisations]
            bucket["reached"] += [o.id for o in contact.organisations]
    for need in db.session.scalars(queries.needs_raised_between(unit_id, start, end)):
        days = (need.fed_back_on - need.raised_on).days if need.fed_back_on else None
        for question in need.questions:
            by_question[question.id]["needs"].append(wording.NeedFigure(str(need.category), days))
    earlier = set(db.session.scalars(queries.organisations_met(unit_id, date(year, 1, 1), start)))
    found = []
    for question_id, bucket in sorted(by_question.items()):
        reached = set(bucket["reached"])
        sentences = (
            ("reach", wording.reach_sentence(len(reached), len(reached - earlier))),
            ("contacts", wording.contacts_sentence(bucket["kinds"], bucket["organisations"])),
            ("routed", wording.routed_sentence(bucket["routed"])),
            ("needs", wording.needs_sentence(bucket["needs"])),
        )
        found += [
            Fact(f"dialogue:{key}", question_id, "dialogue", text)
            for key, text in sentences
            if text
        ]
    return found
