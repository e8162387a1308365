from tests.access import SIGNED_IN, Route, staff_only
from tests.world import PASSWORD

NEW_PASSWORD = "a brand new passphrase for the spare"

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
    # Signing in opens a login session; a signed-in user's form is only redirected.
    Route(
        "accounts.login",
        lambda w: "/login",
        expect={"anonymous": 200, **_signed_in_redirect},
        post_url=lambda w: "/login",
        post_data=lambda w: {"email": "spare@example.org", "password": PASSWORD},
        post_same=SIGNED_IN,
    ),
    # Anonymous is sent to the login page; a signed-in user's session is revoked.
    Route("accounts.logout", None, post_only=True, post_url=lambda w: "/logout"),
    # After the response, a single-use link is stored and mailed (to an existing address).
    Route(
        "accounts.reset_request",
        lambda w: "/password/reset",
        post_url=lambda w: "/password/reset",
        post_data=lambda w: {"email": "spare@example.org"},
    ),
    # An invalid token sends everyone back to the request form.
    Route("accounts.reset_password", lambda w: "/password/reset/not-a-token", default=302),
    # A valid link sets the spare user's password, whoever follows it.
    Route(
        "accounts.reset_password",
        None,
        post_url=lambda w: f"/password/reset/{w.values['reset_token']}",
        post_data=lambda w: {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    ),
    Route("accounts.profile", lambda w: "/profile", expect=staff_only()),
    # Every signed-in user changes their own password (and only their own).
    Route(
        "accounts.change_password",
        lambda w: "/profile/password",
        expect=staff_only(),
        post_url=lambda w: "/profile/password",
        post_data=lambda w: {
            "current": PASSWORD,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    ),
]
