from tests.access import Route, only, staff_only

#: POST: the unit's admin changes; every other signed-in user is refused.
_admin_writes = only("admin")

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
    Route(
        "admin.new_user",
        lambda w: "/admin/users/new",
        expect=_admins_only,
        post_url=lambda w: "/admin/users/new",
        post_data=lambda w: {
            "email": "ny@example.org",
            "name": "Ny Användare",
            "unit": w.unit.id,
            "is_active": "y",
        },
        post_expect=_admin_writes,
    ),
    Route(
        "admin.edit_user",
        lambda w: f"/admin/users/{w.users['organiser'].id}",
        expect=_admins_only,
        post_url=lambda w: f"/admin/users/{w.users['spare'].id}",
        post_data=lambda w: {"email": "spare@example.org", "name": "Nytt Namn", "is_active": "y"},
        post_expect=_admin_writes,
    ),
    Route(
        "admin.send_link",
        None,
        post_only=True,
        post_url=lambda w: f"/admin/users/{w.users['spare'].id}/link",
        post_expect=_admin_writes,
    ),
    Route(
        "admin.add_membership",
        None,
        post_only=True,
        post_url=lambda w: f"/admin/users/{w.users['spare'].id}/memberships",
        post_data=lambda w: {"unit": w.unit.id, "role": "officer", "organisation": 0},
        post_expect=_admin_writes,
    ),
    Route(
        "admin.remove_membership",
        None,
        post_only=True,
        post_url=lambda w: f"/admin/memberships/{w.objects['spare_membership'].id}/delete",
        post_expect=_admin_writes,
    ),
    Route(
        "admin.retry_mail",
        None,
        post_only=True,
        post_url=lambda w: f"/admin/mail/{w.objects['failed_mail'].id}/retry",
        post_expect=_admin_writes,
    ),
    Route(
        "admin.handle_report",
        None,
        post_only=True,
        post_url=lambda w: (
            f"/admin/accessibility-reports/{w.objects['accessibility_report'].id}/handled"
        ),
        post_expect=_admin_writes,
    ),
]
