"""The access table: every endpoint, each role's expected status on GET.

Each feature lists its routes in `tests/<feature>/access.py` as `ROUTES`, a list of
`Route`. The inventory test fails when `app.url_map` has an endpoint that no table
lists, so a new route cannot ship without saying who may open it.
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
    #: For POST-only endpoints: no GET check; the CSRF test covers them.
    post_only: bool = False
    #: Text that must not appear in a 200 for these roles (another unit's rows).
    must_not_contain: Callable[[object], list[str]] | None = None

    def status_for(self, role: str) -> int:
        return self.expect.get(role, self.default)


def staff_only(**overrides: int) -> dict[str, int]:
    """Anonymous is sent to the login page; everyone else as given (default 200)."""
    table = {"anonymous": 302}
    table.update(overrides)
    return table
