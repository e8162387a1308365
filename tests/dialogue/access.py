"""The dialogue's rows of the access matrix: the unit's organisers, officers and admins keep
it; award admins, jurors, the city officer and another unit's staff are refused."""

from __future__ import annotations

from tests.access import Route, only, staff_only

_keepers = staff_only(award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=403)
_writers = only("organiser", "officer", "admin")
_base = "/manage/dialogue/hagersten-alvsjo"


def _not_bromma(world) -> list[str]:
    return ["Brommas hemliga möte"]


def _contact(world) -> str:
    return f"{_base}/contacts/{world.objects['contact'].id}"


def _need(world) -> str:
    return f"{_base}/needs/{world.objects['need'].id}"


_new_contact = {"kind": "meeting", "held_on": "2026-11-20", "topic": "Möte med centrumägaren"}
_new_need = {
    "category": "skills",
    "description": "Svårt att hitta kockar.",
    "raised_on": "2026-11-20",
    "contact": "0",
    "owner": "0",
}

ROUTES = [
    Route(
        "dialogue.index",
        lambda w: "/manage/dialogue/",
        expect=staff_only(
            organiser=302,
            officer=302,
            admin=302,
            other_unit=302,
            award_admin=403,
            juror_a=403,
            juror_b=403,
            city=403,
        ),
    ),  # fmt: skip
    Route(
        "dialogue.search_organisations",
        lambda w: "/manage/dialogue/organisations.json?q=Stockholm",
        expect=staff_only(award_admin=403, juror_a=403, juror_b=403, city=403),
    ),
    Route(
        "dialogue.list_contacts",
        lambda w: f"{_base}/contacts/",
        expect=_keepers,
        must_not_contain=_not_bromma,
    ),
    Route(
        "dialogue.new_contact",
        lambda w: f"{_base}/contacts/new",
        expect=_keepers,
        post_url=lambda w: f"{_base}/contacts/new",
        post_data=lambda w: _new_contact,
        post_expect=_writers,
    ),
    Route(
        "dialogue.edit_contact",
        _contact,
        expect=_keepers,
        post_url=_contact,
        post_data=lambda w: dict(_new_contact, topic="Nytt ämne"),
        post_expect=_writers,
    ),
    Route(
        "dialogue.delete_contact",
        None,
        post_only=True,
        post_url=lambda w: f"{_contact(w)}/delete",
        post_expect=_writers,
    ),
    Route(
        "dialogue.list_needs",
        lambda w: f"{_base}/needs/",
        expect=_keepers,
        must_not_contain=_not_bromma,
    ),
    Route(
        "dialogue.new_need",
        lambda w: f"{_base}/needs/new",
        expect=_keepers,
        post_url=lambda w: f"{_base}/needs/new",
        post_data=lambda w: _new_need,
        post_expect=_writers,
    ),
    Route(
        "dialogue.edit_need",
        _need,
        expect=_keepers,
        post_url=_need,
        post_data=lambda w: dict(_new_need, description="Ändrat behov."),
        post_expect=_writers,
    ),
    Route(
        "dialogue.move_need",
        None,
        post_only=True,
        post_url=lambda w: f"{_need(w)}/step",
        post_data=lambda w: {"step-status": "routed", "step-on": "2026-11-25"},
        post_expect=_writers,
    ),
]
