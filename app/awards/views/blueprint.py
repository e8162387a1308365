"""The award's blueprint and what its pages share: loading a cycle or candidate for its administrator, answering a refused step, a race with another writer."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    abort,
    render_template,
    request,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from app.awards import permissions, services
from app.awards.models import (
    AwardCycle,
    Candidate,
)
from app.core.forms import EmptyForm
from app.extensions import db

logger = logging.getLogger(__name__)

bp = Blueprint("awards", __name__)


@bp.errorhandler(IntegrityError)
def concurrent_change(error):
    """Two people (or two clicks) saved the same one-per-person row at once: say so, no 500."""
    db.session.rollback()
    logger.info("award integrity conflict: %s", error.orig)
    message = _("Någon annan sparade samma sak samtidigt. Ladda om sidan och försök igen.")
    return render_template("awards/error.html", message=message, back=request.path), 409


def fail(error: services.AwardError, back: str):
    """Show a broken rule with its status; nothing was stored."""
    db.session.rollback()
    return render_template("awards/error.html", message=str(error), back=back), error.status


def load_cycle(cycle_id: int) -> AwardCycle:
    """A cycle the current user administers (404 unknown, 403 not theirs)."""
    cycle = db.get_or_404(AwardCycle, cycle_id)
    if not permissions.can_administer(current_user, cycle.unit_id):
        abort(403)
    return cycle


def load_candidate(candidate_id: int) -> Candidate:
    candidate = db.get_or_404(Candidate, candidate_id)
    load_cycle(candidate.cycle_id)
    return candidate


def csrf_ok() -> bool:
    return EmptyForm().validate_on_submit()
