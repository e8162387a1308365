from tests.access import Route, only, staff_only

#: Readers: the unit's officers and admins, and city officers.
_readers = staff_only(organiser=403, award_admin=403, juror_a=403, juror_b=403, other_unit=403)
#: Editors: the unit's officers and admins.
_editors = staff_only(
    organiser=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=403
)
#: The template: the unit's admins (and site admins).
_admins = staff_only(
    organiser=403,
    officer=403,
    award_admin=403,
    juror_a=403,
    juror_b=403,
    city=403,
    other_unit=403,
)
_city = staff_only(
    organiser=403,
    officer=403,
    award_admin=403,
    juror_a=403,
    juror_b=403,
    admin=403,
    other_unit=403,
)
_index = staff_only(organiser=403, award_admin=403, juror_a=403, juror_b=403, other_unit=403)

BASE = "/reports/hagersten-alvsjo/2022/t2"
TEMPLATE = "/reports/hagersten-alvsjo/questions/2022"
NEXT_YEAR = "/reports/hagersten-alvsjo/questions/2023"

#: POST: the unit's officers and admins write the report; the unit's admins its template.
_edit = only("officer", "admin")
_template = only("admin")


def _question(w) -> int:
    return w.objects["report_question"].id


ROUTES = [
    Route("reports.index", lambda w: "/reports/", expect=_index),
    # Officers open periods of their own units; the city officer may not open any.
    Route(
        "reports.open_period",
        None,
        post_only=True,
        post_url=lambda w: "/reports/open",
        post_data=lambda w: {"unit": w.unit.id, "year": "2023", "kind": "t1", "deadline": ""},
        post_expect=_edit,
    ),
    Route("reports.show_report", lambda w: f"{BASE}/", expect=_readers),
    Route("reports.chart", lambda w: f"{BASE}/chart.png", expect=_readers),
    Route("reports.export_docx", lambda w: f"{BASE}.docx", expect=_readers),
    Route("reports.export_md", lambda w: f"{BASE}.md", expect=_readers),
    Route("reports.export_csv", lambda w: f"{BASE}.csv", expect=_readers),
    Route(
        "reports.edit_period",
        lambda w: f"{BASE}/settings",
        expect=_editors,
        post_url=lambda w: f"{BASE}/settings",
        post_data=lambda w: {
            "deadline": "2022-09-15",
            "contact_name": "Olle Officer",
            "contact_phone": "08-508 210 83",
            "contact_email": "olle@example.org",
        },
        post_expect=_edit,
    ),
    Route(
        "reports.regenerate",
        None,
        post_only=True,
        post_url=lambda w: f"{BASE}/regenerate",
        post_expect=_edit,
    ),
    Route(
        "reports.submit_period",
        None,
        post_only=True,
        post_url=lambda w: f"{BASE}/submit",
        post_expect=_edit,
    ),
    Route(
        "reports.reopen_period",
        lambda w: f"{BASE}/reopen",
        expect=_editors,
        post_url=lambda w: "/reports/hagersten-alvsjo/2022/t1/reopen",
        post_data=lambda w: {"reason": "Siffrorna för april saknades."},
        post_expect=_edit,
    ),
    Route(
        "reports.edit_answer",
        lambda w: f"{BASE}/questions/{_question(w)}",
        expect=_editors,
        post_url=lambda w: f"{BASE}/questions/{_question(w)}",
        post_data=lambda w: {"text": "Vi har träffat 40 företag vid torget.", "version": "1"},
        post_expect=_edit,
    ),
    Route(
        "reports.take_draft",
        None,
        post_only=True,
        post_url=lambda w: f"{BASE}/questions/{_question(w)}/take-draft",
        post_data=lambda w: {"version": "1"},
        post_expect=_edit,
    ),
    Route(
        "reports.answer_history",
        lambda w: f"{BASE}/questions/{_question(w)}/history",
        expect=_readers,
    ),
    Route("reports.city_report", lambda w: "/reports/city/2022/t2/", expect=_city),
    Route("reports.city_docx", lambda w: "/reports/city/2022/t2.docx", expect=_city),
    Route(
        "reports.list_questions",
        lambda w: "/reports/hagersten-alvsjo/questions/2022/",
        expect=_admins,
        must_not_contain=lambda w: ["Bromma: beskriv samverkan."],
        post_url=lambda w: f"{TEMPLATE}/",
        post_data=lambda w: {
            "focus_area": w.values["focus_area"],
            "text": "Hur många nya företag har kontaktat er?",
        },
        post_expect=_template,
    ),
    Route(
        "reports.edit_question",
        lambda w: f"/reports/hagersten-alvsjo/questions/2022/{_question(w)}",
        expect=_admins,
        post_url=lambda w: f"{TEMPLATE}/{_question(w)}",
        post_data=lambda w: {
            "focus_area": w.values["focus_area"],
            "text": "Beskriv samverkan med näringslivet vid torget.",
        },
        post_expect=_template,
    ),
    Route(
        "reports.delete_question",
        None,
        post_only=True,
        post_url=lambda w: f"{NEXT_YEAR}/{w.objects['spare_question'].id}/delete",
        post_expect=_template,
    ),
    Route(
        "reports.copy_questions",
        None,
        post_only=True,
        post_url=lambda w: "/reports/hagersten-alvsjo/questions/2024/copy",
        post_expect=_template,
    ),
]
