from tests.access import Route

ROUTES = [
    Route("pages.home", lambda w: "/"),
    Route(
        "pages.accessibility",
        lambda w: "/accessibility",
        post_url=lambda w: "/accessibility",
        post_data=lambda w: {
            "page": "/calendar/",
            "description": "Veckovyn går inte att läsa med skärmläsare.",
            "contact_email": "",
        },
    ),
    Route("pages.privacy", lambda w: "/privacy"),
    # The choice is a cookie: nothing in the database changes.
    # A link that sets the language cookie and goes back: a redirect for everyone.
    Route("pages.set_language", lambda w: "/language/en?next=/", default=302),
    Route("static", lambda w: "/static/css/torget.css"),
    Route("pages.favicon", lambda w: "/favicon.ico"),
]
