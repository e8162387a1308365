from tests.access import Route

ROUTES = [
    Route("pages.home", lambda w: "/"),
    Route("pages.accessibility", lambda w: "/accessibility"),
    Route("pages.privacy", lambda w: "/privacy"),
    Route("pages.set_language", None, post_only=True),
    Route("static", lambda w: "/static/css/torget.css"),
]
