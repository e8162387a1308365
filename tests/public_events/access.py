from tests.access import Route

#: Staff of the unit and city officers see a draft; the public and other units get 404.
_draft = {"anonymous": 404, "other_unit": 404}

ROUTES = [
    Route(
        "events.list_events",
        lambda w: "/events/",
        must_not_contain=lambda w: ["Hemligt utkast"],
    ),
    Route("events.show_event", lambda w: f"/events/{w.objects['public_event'].id}"),
    Route("events.show_event", lambda w: f"/events/{w.objects['draft_event'].id}", expect=_draft),
    Route("events.show_event", lambda w: "/events/999999", default=404),
    Route(
        "events.calendar_month",
        lambda w: "/calendar/",
        must_not_contain=lambda w: ["Hemligt utkast"],
    ),
    Route("events.calendar_month", lambda w: "/calendar/2022/12"),
    Route("events.calendar_month", lambda w: "/calendar/2022/13", default=404),
    Route("events.calendar_week", lambda w: "/calendar/2026/week/53"),
    Route("events.calendar_week", lambda w: "/calendar/2027/week/53", default=404),
    Route(
        "events.calendar_list",
        lambda w: "/calendar/list",
        must_not_contain=lambda w: ["Hemligt utkast"],
    ),
]
