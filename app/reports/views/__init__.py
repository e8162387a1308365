"""The report's pages, by audience: the unit's report (`report`), its downloads and the city's
compilation (`exports`), the question template (`questions`); `blueprint` holds `bp` and
what they share."""

from app.reports.views import exports, questions, report  # noqa: F401  (routes on `bp`)
from app.reports.views.blueprint import bp

__all__ = ["bp"]
