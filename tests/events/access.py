from datetime import UTC
from urllib.parse import quote

from tests.access import Route, staff_only

#: Organisers and admins of the unit; everyone else signed in is refused.
_arrangers = staff_only(officer=403, award_admin=403, juror_a=403, juror_b=403, city=403)
#: The same, but another unit's organiser does not learn that the event exists.
_this_unit = dict(_arrangers, other_unit=404)


def _series(w) -> str:
    return f"/manage/events/{w.objects['manage_series'].id}"


def _first_date(w) -> str:
    return quote(w.objects["manage_series"].starts_at.astimezone(UTC).isoformat())


ROUTES = [
    # Each unit sees only its own events; tests/events/test_pages.py checks both ways.
    Route("manage.list_events", lambda w: "/manage/events/", expect=_arrangers),
    Route("manage.new_event", lambda w: "/manage/events/new", expect=_arrangers),
    Route("manage.edit_event", _series, expect=_this_unit),
    Route("manage.cancel_event", lambda w: f"{_series(w)}/cancel", expect=_this_unit),
    Route(
        "manage.move_date",
        lambda w: f"{_series(w)}/move-date?date={_first_date(w)}",
        expect=_this_unit,
    ),
    Route(
        "manage.cancel_date",
        lambda w: f"{_series(w)}/cancel-date?date={_first_date(w)}",
        expect=_this_unit,
    ),
    Route("manage.end_series", lambda w: f"{_series(w)}/end-series", expect=_this_unit),
    Route(
        "manage.record_outcome",
        lambda w: f"{_series(w)}/outcome?date={_first_date(w)}",
        expect=_this_unit,
    ),
    Route("manage.publish_event", None, post_only=True),
    Route("manage.duplicate_event", None, post_only=True),
    Route("manage.restore_date", None, post_only=True),
]
