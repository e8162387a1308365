from tests.access import Route, staff_only

#: The unit's award administrators and admins; every other signed-in user is refused.
_admins = staff_only(organiser=403, officer=403, juror_a=403, juror_b=403, city=403, other_unit=403)
#: Jurors only; another category's juror gets a 404 for a candidate.
_jurors = staff_only(
    organiser=403, officer=403, award_admin=403, admin=403, city=403, other_unit=403, juror_b=404
)


def _cycle(w) -> str:
    return f"/manage/awards/{w.objects['award_cycle'].id}"


def _public(w) -> str:
    return f"/awards/{w.unit.slug}/{w.objects['award_cycle'].year}"


def _hidden_from_jurors(w) -> list[str]:
    """Nominators' identity and the other category's candidate."""
    return ["Hemlig Nominerare", "nina.nominerare@example.se", "Innovationsbolaget Beta AB"]


ROUTES = [
    Route(
        "awards.show_cycle",
        lambda w: f"{_public(w)}/",
        must_not_contain=lambda w: ["Hemlig Nominerare", "nina.nominerare"],
    ),
    Route("awards.nominate", lambda w: f"{_public(w)}/nominate"),
    Route("awards.receipt", lambda w: f"{_public(w)}/nominate/receipt", default=302),
    Route("awards.manage_index", lambda w: "/manage/awards/", expect=_admins),
    Route("awards.manage_cycle", lambda w: f"{_cycle(w)}/", expect=_admins),
    Route("awards.candidates", lambda w: f"{_cycle(w)}/candidates", expect=_admins),
    Route("awards.protocol_docx", lambda w: f"{_cycle(w)}/protocol.docx", expect=_admins),
    Route(
        "awards.redacted_export",
        lambda w: f"{_cycle(w)}/redacted.csv",
        expect=_admins,
        must_not_contain=lambda w: ["nina.nominerare@example.se", "Hemlig Nominerare"],
    ),
    Route(
        "awards.screen",
        lambda w: f"/manage/awards/candidates/{w.objects['award_candidate_a'].id}",
        expect=_admins,
    ),
    Route(
        "awards.decide",
        lambda w: f"/manage/awards/categories/{w.objects['award_category_a'].id}/decision",
        expect=dict(_admins, juror_b=404),
    ),
    Route(
        "awards.jury_home",
        lambda w: "/jury/",
        expect=dict(_jurors, juror_b=200),
        must_not_contain=lambda w: ["Hemlig Nominerare", "nina.nominerare@example.se"],
    ),
    Route(
        "awards.jury_candidate",
        lambda w: f"/jury/candidates/{w.objects['award_candidate_a'].id}",
        expect=_jurors,
        must_not_contain=_hidden_from_jurors,
    ),
    Route("awards.set_phase", None, post_only=True),
    Route("awards.merge", None, post_only=True),
    Route("awards.split", None, post_only=True),
    Route("awards.assign_juror", None, post_only=True),
    Route("awards.rule_conflict", None, post_only=True),
    Route("awards.reopen", None, post_only=True),
    Route("awards.declare", None, post_only=True),
]

ROUTES += [
    Route("awards.new_cycle", lambda w: "/manage/awards/new", expect=_admins),
    Route("awards.edit_cycle", lambda w: f"{_cycle(w)}/settings", expect=_admins),
    Route("awards.add_category", None, post_only=True),
    Route("awards.add_criterion", None, post_only=True),
]
