"""The award's words for its states and choices, in the reader's language: the forms, the pages
and the protocol name a phase, a relation or a ground of jäv the same way."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.awards.models import Aggregation, ConflictGround, Phase, Relation


def relation_choices() -> list[tuple[str, str]]:
    labels = {
        Relation.SELF: _l("Jag nominerar mitt eget företag"),
        Relation.CUSTOMER: _l("Kund"),
        Relation.EMPLOYEE: _l("Anställd"),
        Relation.BUSINESS_PARTNER: _l("Samarbetspartner"),
        Relation.NEIGHBOUR: _l("Granne eller boende i området"),
        Relation.OTHER: _l("Annan relation"),
    }
    return [(str(k), v) for k, v in labels.items()]


def ground_labels() -> dict[str, str]:
    """Förvaltningslagen 16 §, the five grounds in plain Swedish."""
    return {
        ConflictGround.OWN_INTEREST: _l(
            "Saken angår mig själv eller en närstående (16 § 1 förvaltningslagen)"
        ),
        ConflictGround.SIGNIFICANT_EFFECT: _l(
            "Jag eller en närstående påverkas i betydande mån av beslutet (16 § 2)"
        ),
        ConflictGround.REPRESENTATIVE: _l(
            "Jag eller en närstående är eller har varit ställföreträdare eller ombud (16 § 3)"
        ),
        ConflictGround.OTHER_AUTHORITY: _l(
            "Jag har medverkat i saken hos en annan myndighet (16 § 4)"
        ),
        ConflictGround.SPECIAL_CIRCUMSTANCE: _l(
            "En annan särskild omständighet kan rubba förtroendet för min opartiskhet (16 § 5)"
        ),
    }


def phase_labels() -> dict[str, str]:
    return {
        Phase.DRAFT: _l("Utkast"),
        Phase.NOMINATIONS_OPEN: _l("Nominering öppen"),
        Phase.SCREENING: _l("Granskning"),
        Phase.JUDGING: _l("Juryns bedömning"),
        Phase.DECIDED: _l("Beslutad (under embargo)"),
        Phase.ANNOUNCED: _l("Tillkännagiven"),
        Phase.ARCHIVED: _l("Arkiverad"),
    }


def aggregation_labels() -> dict[str, str]:
    """The ranking's method named as `scoring` computes it: each juror's score of a candidate
    is the weighted mean of the criteria, and the cycle combines jurors' scores by the mean
    (a weighted mean all through) or the median."""
    return {
        Aggregation.MEAN: _l("viktat medelvärde"),
        Aggregation.MEDIAN: _l("median av juryledamöternas viktade medelvärden"),
    }
