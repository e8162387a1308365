from tests.access import Route, staff_only
from tests.public_events.world import CANCEL_TOKEN

#: Registrations are personal data: only the event's organisers and admins see them;
#: other staff of the unit get 403, another unit's organiser does not learn the event exists.
_managers = staff_only(
    officer=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=404
)

ROUTES = [
    Route("registrations.register", None, post_only=True),
    Route("registrations.cancel", lambda w: f"/registrations/cancel/{CANCEL_TOKEN}"),
    Route("registrations.cancel", lambda w: "/registrations/cancel/unknown-token", default=404),
    Route(
        "registrations.manage",
        lambda w: f"/manage/events/{w.objects['public_event'].id}/registrations",
        expect=_managers,
    ),
    Route(
        "registrations.manage",
        lambda w: f"/manage/events/{w.objects['other_unit_event'].id}/registrations",
        expect=staff_only(
            organiser=404,
            officer=404,
            award_admin=404,
            juror_a=404,
            juror_b=404,
            city=403,
            admin=404,
            other_unit=200,
        ),
    ),
    Route(
        "registrations.export_csv",
        lambda w: f"/manage/events/{w.objects['public_event'].id}/registrations.csv",
        expect=_managers,
    ),
    Route("registrations.set_attendance", None, post_only=True),
    Route("registrations.cancel_for", None, post_only=True),
]
