from io import BytesIO

from tests.access import SIGNED_IN, Route, only, staff_only
from tests.feeds.world import TOKEN

#: The unit's staff and city officers see a draft's file; the public and other units do not.
_draft = {"anonymous": 404, "other_unit": 404}
#: The unit's organisers and admins import; other signed-in users are refused.
_importers = staff_only(
    officer=403, award_admin=403, juror_a=403, juror_b=403, city=403, other_unit=403
)

#: One event in a calendar file, as the organiser would upload it.
ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Torget test//SV\r
BEGIN:VEVENT\r
UID:import-matrix@example.org\r
DTSTAMP:20260101T120000Z\r
DTSTART:20310304T070000Z\r
DTEND:20310304T090000Z\r
SUMMARY:Inläst frukostmöte\r
END:VEVENT\r
END:VCALENDAR\r
""".encode()

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
    # Every signed-in user may have a private feed; the new address is shown once (200).
    Route(
        "feeds.new_token",
        None,
        post_only=True,
        post_url=lambda w: "/feeds/token",
        post_expect=dict.fromkeys(SIGNED_IN, 200),
    ),
    # Only the organiser has a token to revoke; for the others the revoke is only logged.
    Route(
        "feeds.revoke_token",
        None,
        post_only=True,
        post_url=lambda w: "/feeds/token/revoke",
        post_same=tuple(role for role in SIGNED_IN if role != "organiser"),
    ),
    Route(
        "feeds.import_events",
        lambda w: f"/manage/units/{w.unit.slug}/import",
        expect=_importers,
        post_url=lambda w: f"/manage/units/{w.unit.slug}/import",
        post_data=lambda w: {"file": (BytesIO(ICS), "kalender.ics"), "organisation": ""},
        # The result is shown on the page (200), not behind a redirect.
        post_expect=only("organiser", "admin", organiser=200, admin=200),
    ),
]
