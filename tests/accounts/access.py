from tests.access import Route, staff_only

_signed_in_redirect = {
    role: 302
    for role in (
        "organiser",
        "officer",
        "award_admin",
        "juror_a",
        "juror_b",
        "city",
        "admin",
        "other_unit",
    )
}

ROUTES = [
    # A signed-in user who opens /login is sent on to the start page.
    Route("accounts.login", lambda w: "/login", expect={"anonymous": 200, **_signed_in_redirect}),
    Route("accounts.logout", None, post_only=True),
    Route("accounts.reset_request", lambda w: "/password/reset"),
    # An invalid token sends everyone back to the request form.
    Route("accounts.reset_password", lambda w: "/password/reset/not-a-token", default=302),
    Route("accounts.profile", lambda w: "/profile", expect=staff_only()),
]
