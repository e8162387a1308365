from datetime import UTC
from urllib.parse import quote

from tests.access import Route, only, staff_only

#: Organisers and admins of the unit; everyone else signed in is refused.
_arrangers = staff_only(officer=403, award_admin=403, juror_a=403, juror_b=403, city=403)
#: The same, but another unit's organiser does not learn that the event exists.
_this_unit = dict(_arrangers, other_unit=404)


def _series(w) -> str:
    return f"/manage/events/{w.objects['manage_series'].id}"


def _first_date(w) -> str:
    return quote(w.objects["manage_series"].starts_at.astimezone(UTC).isoformat())


#: POST: organisers and admins of the unit; another unit's organiser gets a 404.
_writers = only("organiser", "admin", refused=403, other_unit=404)


def _event_form(title: str, day: str) -> dict:
    return {
        "title": title,
        "kind": "breakfast_meeting",
        "start_date": day,
        "start_time": "08:00",
        "end_date": day,
        "end_time": "10:00",
        "venue": "0",
        "organiser": "0",
        "support_kind": "",
        "repeat": "none",
    }


def _date(w) -> str:
    return w.objects["manage_series"].starts_at.astimezone(UTC).isoformat()


ROUTES = [
    # Each unit sees only its own events; tests/events/test_pages.py checks both ways.
    Route("events_manage.list_events", lambda w: "/manage/events/", expect=_arrangers),
    # Another unit's organiser creates the event in their own unit.
    Route(
        "events_manage.new_event",
        lambda w: "/manage/events/new",
        expect=_arrangers,
        post_url=lambda w: "/manage/events/new",
        post_data=lambda w: _event_form("Nytt frukostmöte", "2031-03-04"),
        post_expect=only("organiser", "admin", "other_unit"),
    ),
    Route(
        "events_manage.edit_event",
        _series,
        expect=_this_unit,
        post_url=_series,
        post_data=lambda w: dict(
            _event_form("Frukost i serie, nytt namn", "2022-06-07"),
            repeat="weekly",
            repeat_count="3",
        ),
        post_expect=_writers,
    ),
    Route(
        "events_manage.cancel_event",
        lambda w: f"{_series(w)}/cancel",
        expect=_this_unit,
        post_url=lambda w: f"{_series(w)}/cancel",
        post_data=lambda w: {"reason": "Lokalen är inte tillgänglig."},
        post_expect=_writers,
    ),
    Route(
        "events_manage.move_date",
        lambda w: f"{_series(w)}/move-date?date={_first_date(w)}",
        expect=_this_unit,
        post_url=lambda w: f"{_series(w)}/move-date",
        post_data=lambda w: {
            "date": _date(w),
            "new_date": "2022-06-08",
            "start_time": "09:00",
            "end_time": "11:00",
            "venue": "0",
            "reason": "Torget är upptaget.",
        },
        post_expect=_writers,
    ),
    Route(
        "events_manage.cancel_date",
        lambda w: f"{_series(w)}/cancel-date?date={_first_date(w)}",
        expect=_this_unit,
        post_url=lambda w: f"{_series(w)}/cancel-date",
        post_data=lambda w: {"date": _date(w), "reason": "Talaren är sjuk."},
        post_expect=_writers,
    ),
    Route(
        "events_manage.end_series",
        lambda w: f"{_series(w)}/end-series",
        expect=_this_unit,
        post_url=lambda w: f"{_series(w)}/end-series",
        post_data=lambda w: {"last_day": "2022-06-14"},
        post_expect=_writers,
    ),
    Route(
        "events_manage.record_outcome",
        lambda w: f"{_series(w)}/outcome?date={_first_date(w)}",
        expect=_this_unit,
        post_url=lambda w: f"{_series(w)}/outcome",
        post_data=lambda w: {"date": _date(w), "attendance": "24", "companies": "9"},
        post_expect=_writers,
    ),
    Route(
        "events_manage.publish_event",
        None,
        post_only=True,
        post_url=lambda w: f"/manage/events/{w.objects['draft_event'].id}/publish",
        post_expect=_writers,
    ),
    Route(
        "events_manage.duplicate_event",
        None,
        post_only=True,
        post_url=lambda w: f"{_series(w)}/duplicate",
        post_expect=_writers,
    ),
    Route(
        "events_manage.restore_date",
        None,
        post_only=True,
        post_url=lambda w: f"{_series(w)}/restore-date",
        post_data=lambda w: {"date": w.values["cancelled_date"]},
        post_expect=_writers,
    ),
]
