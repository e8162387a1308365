"""The access table: every endpoint, each role's expected status on GET and on POST.

Each feature lists its routes in `tests/<feature>/access.py` as `ROUTES`, a list of
`Route`. The inventory test fails when `app.url_map` has an endpoint that no table
lists, or an endpoint accepting POST that has no POST entry, so a new route cannot
ship without saying who may open it and who may change something through it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: Every role the matrix tries, in order.
ROLES = (
    "anonymous",
    "organiser",
    "officer",
    "award_admin",
    "juror_a",
    "juror_b",
    "city",
    "admin",
    "other_unit",
)


@dataclass(frozen=True)
class Route:
    """One endpoint: how to build a URL from the world, and the status per role on GET."""

    endpoint: str
    url: Callable[[object], str] | None
    #: role -> expected status; roles not listed expect `default`.
    expect: dict[str, int] = field(default_factory=dict)
    default: int = 200
    #: For POST-only endpoints: no GET check (the POST side is below).
    post_only: bool = False
    #: Text that must not appear in a 200 for these roles (another unit's rows).
    must_not_contain: Callable[[object], list[str]] | None = None
    #: The URL to POST to, built from the world; None: this entry checks no POST.
    post_url: Callable[[object], str] | None = None
    #: The form fields of a plausible submission (the CSRF token is added).
    post_data: Callable[[object], dict] = lambda w: {}
    #: role -> expected status on POST; roles not listed expect `post_default`.
    post_expect: dict[str, int] = field(default_factory=dict)
    post_default: int = 302
    #: Roles whose accepted POST must change nothing but, at most, the audit log (e.g. a
    #: signed-in user's login form is only redirected); every other accepted POST must
    #: change a row outside the audit log. A refused POST changes nothing at all.
    post_same: tuple[str, ...] = ()

    def status_for(self, role: str) -> int:
        return self.expect.get(role, self.default)

    def post_status_for(self, role: str) -> int:
        return self.post_expect.get(role, self.post_default)


#: Every signed-in role.
SIGNED_IN = ROLES[1:]


def staff_only(**overrides: int) -> dict[str, int]:
    """Anonymous is sent to the login page; everyone else as given (default 200)."""
    table = {"anonymous": 302}
    table.update(overrides)
    return table


def only(*roles: str, refused: int = 403, **overrides: int) -> dict[str, int]:
    """POST expectations: anonymous to the login page, `roles` accepted (302), others `refused`."""
    table = {role: 302 if role in roles else refused for role in SIGNED_IN}
    table["anonymous"] = 302
    table.update(overrides)
    return table
