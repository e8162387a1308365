from tests.access import ROLES, Route

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
    Route(
        "pages.set_language",
        None,
        post_only=True,
        post_url=lambda w: "/language",
        post_data=lambda w: {"language": "en", "next": "/"},
        post_same=ROLES,
    ),
    Route("static", lambda w: "/static/css/torget.css"),
]
