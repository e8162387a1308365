from tests.access import Route, staff_only
from tests.feeds.world import TOKEN

#: The unit's staff and city officers see a draft's file; the public and other units do not.
_draft = {"anonymous": 404, "other_unit": 404}
#: The unit's organisers and admins import; other signed-in users are refused.
_importers = staff_only(
    officer=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=403
)

ROUTES = [
    Route("feeds.index", lambda w: "/feeds/"),
    Route("feeds.all_events", lambda w: "/feeds/events.ics?kind=square_event"),
    Route("feeds.venue", lambda w: "/feeds/venues/flodestorget.ics"),
    Route("feeds.unit", lambda w: f"/feeds/units/{w.unit.slug}.ics"),
    Route("feeds.organisation", lambda w: "/feeds/organisations/flodesforeningen.ics"),
    Route("feeds.series", lambda w: f"/feeds/series/{w.objects['feeds_series'].id}.ics"),
    Route(
        "feeds.event_ics",
        lambda w: f"/events/{w.objects['feeds_draft'].id}.ics",
        expect=_draft,
    ),
    Route(
        "feeds.private",
        lambda w: f"/feeds/private/{TOKEN}.ics",
        must_not_contain=lambda w: ["Brommas hemliga utkast"],
    ),
    Route("feeds.new_token", None, post_only=True),
    Route("feeds.revoke_token", None, post_only=True),
    Route(
        "feeds.import_events", lambda w: f"/manage/units/{w.unit.slug}/import", expect=_importers
    ),
]
