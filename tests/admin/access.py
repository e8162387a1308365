from tests.access import Route, staff_only

_admins_only = staff_only(
    organiser=403, officer=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=403
)

ROUTES = [
    Route(
        "admin.index",
        lambda w: "/admin/",
        expect=_admins_only,
        must_not_contain=lambda w: ["other_unit@example.org"],
    ),
    Route("admin.new_user", lambda w: "/admin/users/new", expect=_admins_only),
    Route(
        "admin.edit_user", lambda w: f"/admin/users/{w.users['organiser'].id}", expect=_admins_only
    ),
    Route("admin.add_membership", None, post_only=True),
    Route("admin.remove_membership", None, post_only=True),
    Route("admin.handle_report", None, post_only=True),
]
