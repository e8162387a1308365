from tests.access import Route, staff_only

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


def _question(w) -> int:
    return w.objects["report_question"].id


ROUTES = [
    Route("reports.index", lambda w: "/reports/", expect=_index),
    Route("reports.open_period", None, post_only=True),
    Route("reports.show_report", lambda w: f"{BASE}/", expect=_readers),
    Route("reports.chart", lambda w: f"{BASE}/chart.png", expect=_readers),
    Route("reports.export_docx", lambda w: f"{BASE}.docx", expect=_readers),
    Route("reports.export_md", lambda w: f"{BASE}.md", expect=_readers),
    Route("reports.export_csv", lambda w: f"{BASE}.csv", expect=_readers),
    Route("reports.edit_period", lambda w: f"{BASE}/settings", expect=_editors),
    Route("reports.regenerate", None, post_only=True),
    Route("reports.submit_period", None, post_only=True),
    Route("reports.reopen_period", lambda w: f"{BASE}/reopen", expect=_editors),
    Route("reports.edit_answer", lambda w: f"{BASE}/questions/{_question(w)}", expect=_editors),
    Route("reports.take_draft", None, post_only=True),
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
    ),
    Route(
        "reports.edit_question",
        lambda w: f"/reports/hagersten-alvsjo/questions/2022/{_question(w)}",
        expect=_admins,
    ),
    Route("reports.delete_question", None, post_only=True),
    Route("reports.copy_questions", None, post_only=True),
]
