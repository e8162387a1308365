"""The report's blueprint and what its pages share: loading a unit's period and answer
behind the permission check, and the period's address."""

from __future__ import annotations

from flask import Blueprint, abort, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.reports import permissions, queries
from app.reports.models import Answer, ReportPeriod
from app.reports.periods import PeriodKind, parse_kind
from app.units.models import Unit

bp = Blueprint("reports", __name__, url_prefix="/reports")
MIN_YEAR, MAX_YEAR = 2000, 2100


@bp.before_request
@login_required
def require_login():
    """Every report page is for signed-in staff."""


def load_unit(unit_slug: str, edit: bool = False) -> Unit:
    """The unit, if the user may read (or edit) its reports: 404 unknown, 403 out of reach."""
    unit = db.first_or_404(select(Unit).where(Unit.slug == unit_slug[:100]))
    allowed = permissions.can_edit_reports if edit else permissions.can_read_reports
    if not allowed(current_user, unit.id):
        abort(403)
    return unit


def parse_period(year: int, period: str) -> PeriodKind:
    kind = parse_kind(period)
    if kind is None or not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)
    return kind


def load_period(unit_slug: str, year: int, period: str, edit: bool = False) -> ReportPeriod:
    """The unit's period for year and kind after the permission check; 404 when not opened."""
    unit = load_unit(unit_slug, edit)
    kind = parse_period(year, period)
    found = db.first_or_404(select(ReportPeriod).filter_by(unit_id=unit.id, year=year, kind=kind))
    found.unit = unit
    return found


def load_answer(period: ReportPeriod, question_id: int) -> Answer:
    """The period's answer to the question; a question outside the period is 404."""
    return db.first_or_404(queries.answers_for(period.id).where(Answer.question_id == question_id))


def period_url(period: ReportPeriod, endpoint: str = "reports.show_report", **kw) -> str:
    return url_for(
        endpoint, unit_slug=period.unit.slug, year=period.year, period=period.kind.value, **kw
    )
