from tests.access import ROLES, Route, only, staff_only

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


#: POST: the unit's award administrators and admins.
_admin_writes = only("award_admin", "admin")
#: POST on a candidate: the jurors of its category; the other category's juror gets a 404.
_juror_writes = only("juror_a", juror_b=404)


def _nomination(w) -> dict:
    return {
        "category": w.objects["award_open_category"].id,
        "company_name": "Torgkaféet AB",
        "org_number": "556036-0793",
        "address": "Hägerstensvägen 100",
        "postal_code": "126 49",
        "contact_name": "Karin Kafé",
        "contact_email": "karin@example.se",
        "contact_phone": "08-508 210 83",
        "motivation": "Kaféet har blivit torgets vardagsrum och anställt fyra unga i år.",
        "nominator_name": "Nils Nominerare",
        "nominator_email": "nils@example.se",
        "relation": "customer",
    }


def _cycle_form(year: str) -> dict:
    return {
        "year": year,
        "title": f"Årets lokala företag {year}",
        "description": "",
        "opens_on": f"{year}-09-01",
        "closes_on": f"{year}-09-30",
        "ceremony": "0",
        "aggregation": "mean",
        "retention_months": "12",
    }


def _hidden_from_jurors(w) -> list[str]:
    """Nominators' identity and the other category's candidate."""
    return ["Hemlig Nominerare", "nina.nominerare@example.se", "Innovationsbolaget Beta AB"]


ROUTES = [
    Route(
        "awards.show_cycle",
        lambda w: f"{_public(w)}/",
        must_not_contain=lambda w: ["Hemlig Nominerare", "nina.nominerare"],
    ),
    # Anyone may nominate while the call is open.
    Route(
        "awards.nominate",
        lambda w: f"{_public(w)}/nominate",
        post_url=lambda w: f"/awards/{w.unit.slug}/{w.objects['award_open_cycle'].year}/nominate",
        post_data=_nomination,
        post_expect=dict.fromkeys(ROLES, 302),
    ),
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
        post_url=lambda w: f"/manage/awards/candidates/{w.objects['award_candidate_a'].id}",
        post_data=lambda w: {"eligible": "no", "reason": "Verksamt utanför stadsdelsområdet."},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.decide",
        lambda w: f"/manage/awards/categories/{w.objects['award_category_a'].id}/decision",
        expect=dict(_admins, juror_b=404),
        post_url=lambda w: f"/manage/awards/categories/{w.objects['award_category_a'].id}/decision",
        post_data=lambda w: {
            "candidate": w.objects["award_candidate_a"].id,
            "citation": "För modet att öppna ett nytt företag vid torget.",
        },
        post_expect=dict(_admin_writes, juror_b=404),
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
        post_url=lambda w: f"/jury/candidates/{w.objects['award_candidate_a'].id}",
        post_data=lambda w: w.values["scores"],
        post_expect=_juror_writes,
    ),
    Route(
        "awards.lift_embargo",
        lambda w: f"/manage/awards/{w.objects['award_decided_cycle'].id}/embargo",
        expect=_admins,
        post_url=lambda w: f"/manage/awards/{w.objects['award_decided_cycle'].id}/embargo",
        post_data=lambda w: {"reason": "Prisutdelningen ställdes in."},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.set_phase",
        None,
        post_only=True,
        post_url=lambda w: f"{_cycle(w)}/phase",
        post_data=lambda w: {"phase": "screening"},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.merge",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/awards/candidates/{w.objects['award_candidate_a'].id}/merge",
        post_data=lambda w: {"other": w.objects["award_candidate_gamma"].id},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.split",
        None,
        post_only=True,
        post_url=lambda w: (
            f"/manage/awards/nominations/{w.objects['award_nomination_gamma'].id}/split"
        ),
        post_expect=_admin_writes,
    ),
    Route(
        "awards.assign_juror",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/awards/categories/{w.objects['award_category_b'].id}/jurors",
        post_data=lambda w: {"user": w.users["juror_a"].id, "substitute_for": "0"},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.rule_conflict",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/awards/conflicts/{w.objects['award_declaration'].id}",
        post_data=lambda w: {"ruling": "confirmed", "note": "Nära anhörig."},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.reopen",
        None,
        post_only=True,
        post_url=lambda w: (
            f"/manage/awards/categories/{w.objects['award_category_b'].id}/decision/reopen"
        ),
        post_data=lambda w: {"reason": "Vinnaren uppfyllde inte kraven."},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.declare",
        None,
        post_only=True,
        post_url=lambda w: f"/jury/candidates/{w.objects['award_candidate_gamma'].id}/declaration",
        post_data=lambda w: {"has_conflict": "no"},
        post_expect=_juror_writes,
    ),
]

ROUTES += [
    Route(
        "awards.new_cycle",
        lambda w: "/manage/awards/new",
        expect=_admins,
        post_url=lambda w: "/manage/awards/new",
        post_data=lambda w: dict(_cycle_form("2032"), unit=w.unit.id),
        post_expect=_admin_writes,
    ),
    Route(
        "awards.edit_cycle",
        lambda w: f"{_cycle(w)}/settings",
        expect=_admins,
        post_url=lambda w: f"{_cycle(w)}/settings",
        post_data=lambda w: dict(_cycle_form("2029"), title="Årets företag vid torget 2029"),
        post_expect=_admin_writes,
    ),
    Route(
        "awards.add_category",
        None,
        post_only=True,
        post_url=lambda w: f"{_cycle(w)}/categories",
        post_data=lambda w: {"category-name": "Årets hållbara företag", "category-partner": "0"},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.add_criterion",
        None,
        post_only=True,
        # Criteria are added before the jury starts: the open cycle, not the one in judging.
        post_url=lambda w: f"/manage/awards/{w.objects['award_open_cycle'].id}/criteria",
        post_data=lambda w: {
            "criterion-name": "Hållbarhet",
            "criterion-category": "0",
            "criterion-weight": "1",
            "criterion-scale_max": "5",
        },
        post_expect=_admin_writes,
    ),
]

ROUTES += [
    Route(
        "awards.edit_category",
        lambda w: f"/manage/awards/categories/{w.objects['award_category_a'].id}",
        expect=_admins,
        post_url=lambda w: f"/manage/awards/categories/{w.objects['award_category_a'].id}",
        post_data=lambda w: {"name": "Årets unga företag", "partner": w.objects["sbr"].id},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.delete_category",
        None,
        post_only=True,
        post_url=lambda w: (
            f"/manage/awards/categories/{w.objects['award_empty_category'].id}/delete"
        ),
        post_data=lambda w: {},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.edit_criterion",
        lambda w: f"/manage/awards/criteria/{w.objects['award_open_criterion'].id}",
        expect=_admins,
        post_url=lambda w: f"/manage/awards/criteria/{w.objects['award_open_criterion'].id}",
        post_data=lambda w: {
            "name": "Lokal förankring",
            "category": "0",
            "weight": "2",
            "scale_max": "5",
        },
        post_expect=_admin_writes,
    ),
    Route(
        "awards.delete_criterion",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/awards/criteria/{w.objects['award_open_criterion'].id}/delete",
        post_data=lambda w: {},
        post_expect=_admin_writes,
    ),
    Route(
        "awards.remove_juror",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/awards/jurors/{w.objects['award_idle_assignment'].id}/remove",
        post_data=lambda w: {},
        post_expect=_admin_writes,
    ),
]
