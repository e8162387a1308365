from tests.access import ROLES, Route, only, staff_only
from tests.public_events.world import CANCEL_TOKEN

#: Registrations are personal data: only the event's organisers and admins see them;
#: other staff of the unit get 403, another unit's organiser does not learn the event exists.
_managers = staff_only(
    officer=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=404
)

#: POST: the event's organisers and admins; another unit's organiser gets a 404.
_manager_writes = only("organiser", "admin", other_unit=404)


def _registration(w) -> str:
    return f"/manage/events/{w.objects['public_event'].id}/registrations/{w.objects['registration'].id}"


ROUTES = [
    # Anyone may register, signed in or not.
    Route(
        "registrations.register",
        None,
        post_only=True,
        post_url=lambda w: f"/events/{w.objects['public_event'].id}/register",
        post_data=lambda w: {"name": "Berit Berg", "email": "berit@example.org"},
        post_expect=dict.fromkeys(ROLES, 302),
    ),
    # The link is the credential: whoever holds it cancels.
    Route(
        "registrations.cancel",
        lambda w: f"/registrations/cancel/{CANCEL_TOKEN}",
        post_url=lambda w: f"/registrations/cancel/{CANCEL_TOKEN}",
    ),
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
    Route(
        "registrations.set_attendance",
        None,
        post_only=True,
        post_url=lambda w: f"{_registration(w)}/attendance",
        post_data=lambda w: {"attended": "1"},
        post_expect=_manager_writes,
    ),
    Route(
        "registrations.cancel_for",
        None,
        post_only=True,
        post_url=lambda w: f"{_registration(w)}/cancel",
        post_expect=_manager_writes,
    ),
]
