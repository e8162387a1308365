"""The jury's pages: their categories, a candidate to score, the conflict-of-interest declaration; the juror's block on the profile page."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.awards import clock, permissions, queries, services
from app.awards.forms.jury import DeclarationForm, score_form
from app.awards.labels import ground_labels
from app.awards.models import (
    Candidate,
    ConflictGround,
    Criterion,
    Score,
)
from app.awards.views.blueprint import bp, fail
from app.core.swedish import mask_org_number
from app.extensions import db


def load_candidate_for_juror(candidate_id: int) -> Candidate:
    """An eligible candidate of a category the juror is assigned to; anything else is a 404."""
    if not permissions.is_juror(current_user):
        abort(403)
    candidate = db.session.get(Candidate, candidate_id)
    if (
        candidate is None
        or candidate.category_id not in queries.assigned_category_ids(current_user.id)
        or candidate.screening is None
        or not candidate.screening.eligible
    ):
        abort(404)
    return candidate


def refuse_if_decided(candidate: Candidate):
    """A decided cycle's jury work is history: a write to it is refused before anything else
    is read from the request. None when the cycle is still open to the jury."""
    if not services.is_decided(candidate.category.cycle):
        return None
    message = _("Omgången är avgjord. Juryarbetet går att läsa men inte ändra.")
    back = url_for("awards.jury_candidate", candidate_id=candidate.id)
    return fail(services.AwardError(message, 409), back)


@bp.get("/jury/")
@login_required
def jury_home():
    """The juror's categories: this year's work first, newest cycle first, each with its
    eligible candidates and the juror's own progress; decided cycles apart, read-only."""
    if not permissions.is_juror(current_user):
        abort(403)
    category_ids = queries.assigned_category_ids(current_user.id)
    categories = db.session.scalars(queries.categories_with_cycles(category_ids)).all()
    candidates = db.session.scalars(queries.eligible_candidates(category_ids)).all()
    declarations = queries.declarations_of_juror(current_user.id)
    mine = db.session.execute(
        select(Score.candidate_id, Score.id).where(Score.juror_id == current_user.id)
    ).all()
    scored: dict[int, int] = {}
    for candidate_id, _id in mine:
        scored[candidate_id] = scored.get(candidate_id, 0) + 1
    return render_template(
        "awards/jury_home.html",
        current=[c for c in categories if not services.is_decided(c.cycle)],
        decided=[c for c in categories if services.is_decided(c.cycle)],
        candidates=candidates,
        declarations=declarations,
        scored=scored,
        mask=mask_org_number,
    )


def _criteria(candidate: Candidate) -> list[Criterion]:
    return queries.criteria_for(candidate.category, candidate.category.cycle)


def _page(candidate: Candidate, score_form_=None, declaration_form=None, status: int = 200):
    declaration = queries.declarations_of_juror(current_user.id).get(candidate.id)
    cleared = permissions.is_cleared(declaration)
    criteria = _criteria(candidate)
    scores = queries.scores_of_candidate(candidate.id) if cleared else []
    mine = {s.criterion_id: s for s in scores if s.juror_id == current_user.id}
    decided = services.is_decided(candidate.category.cycle)
    if score_form_ is None and cleared and not decided:
        data = {f"score_{k}": s.value for k, s in mine.items()}
        data.update({f"comment_{k}": s.comment for k, s in mine.items()})
        score_form_ = score_form(criteria, data)
    cycle = candidate.category.cycle
    return render_template(
        "awards/jury_candidate.html",
        candidate=candidate,
        org_number=mask_org_number(candidate.org_number),
        criteria=criteria,
        declaration=declaration,
        cleared=cleared,
        others=[s for s in scores if s.juror_id != current_user.id],
        form=score_form_,
        declaration_form=declaration_form or DeclarationForm(),
        grounds=ground_labels(),
        judging=services.phase_of(cycle, clock.now()) == "judging",
        decided=decided,
        mine=mine,
    ), status


@bp.route("/jury/candidates/<int:candidate_id>", methods=["GET", "POST"])
@login_required
def jury_candidate(candidate_id: int):
    """A candidate for the juror: the nominations (without nominators), jäv, scores."""
    candidate = load_candidate_for_juror(candidate_id)
    if request.method != "POST":
        return _page(candidate)
    refused = refuse_if_decided(candidate)
    if refused is not None:
        return refused
    criteria = _criteria(candidate)
    form = score_form(criteria)
    if not form.validate_on_submit():
        return _page(candidate, score_form_=form, status=400)
    declaration = queries.declarations_of_juror(current_user.id).get(candidate.id)
    now = clock.now()
    try:
        for c in criteria:
            value, comment = form[f"score_{c.id}"].data, form[f"comment_{c.id}"].data or ""
            services.save_score(current_user, candidate, c, value, comment, now, declaration)
    except services.AwardError as error:
        return fail(error, url_for("awards.jury_candidate", candidate_id=candidate.id))
    db.session.commit()
    flash(_("Dina poäng är sparade."), "success")
    return redirect(url_for("awards.jury_candidate", candidate_id=candidate.id))


@bp.post("/jury/candidates/<int:candidate_id>/declaration")
@login_required
def declare(candidate_id: int):
    """Declare a conflict of interest, or that there is none, before scoring."""
    candidate = load_candidate_for_juror(candidate_id)
    refused = refuse_if_decided(candidate)
    if refused is not None:
        return refused
    form = DeclarationForm()
    if not form.validate_on_submit():
        return _page(candidate, declaration_form=form, status=400)
    conflict = form.has_conflict.data == "yes"
    ground = ConflictGround(form.ground.data) if conflict else None
    try:
        services.declare_conflict(
            current_user, candidate, conflict, ground, form.note.data or "", clock.now()
        )
    except services.AwardError as error:
        return fail(error, url_for("awards.jury_candidate", candidate_id=candidate.id))
    db.session.commit()
    flash(_("Din jävsdeklaration är sparad."), "success")
    return redirect(url_for("awards.jury_candidate", candidate_id=candidate.id))


def jury_section():
    """The profile page block for jurors: the categories they judge."""
    if not permissions.is_juror(current_user):
        return None
    ids = queries.assigned_category_ids(current_user.id)
    categories = db.session.scalars(queries.categories_with_cycles(ids)).all()
    return ("awards/_profile.html", {"categories": categories})
