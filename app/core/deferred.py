"""Work done after the response has gone out: its cost cannot be read off the response.

The password-reset form must answer in the same time whether or not the address has an
account; looking the account up, storing a link and talking to the mail server take time
only when it has. Deferring that work until the WSGI server has sent the response (and
closed it) leaves one path for both answers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from flask import after_this_request, current_app
from flask_babel import force_locale, get_locale

logger = logging.getLogger(__name__)


def after_response(work: Callable[..., None], *args) -> None:
    """Run `work(*args)` in an application context once this response is closed.

    Errors are logged, never raised: the person has their answer already.
    """
    app = current_app._get_current_object()
    locale = str(get_locale() or "sv")  # mails go out in the language the person used

    def run() -> None:
        with app.app_context(), force_locale(locale):
            try:
                work(*args)
            except Exception:
                logger.exception("deferred %s failed", getattr(work, "__name__", work))

    @after_this_request
    def schedule(response):
        response.call_on_close(run)
        return response
