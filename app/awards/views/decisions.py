"""Decisions: the ranking and the decision per category, reopening it, and lifting the winners' embargo."""

from __future__ import annotations

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.awards import clock, permissions, queries, services
from app.awards.forms.decisions import DecisionForm, LiftEmbargoForm, ReopenForm
from app.awards.labels import aggregation_labels
from app.awards.models import (
    AwardCategory,
    Candidate,
    ConflictDeclaration,
    Decision,
)
from app.awards.views.blueprint import bp, fail, load_cycle
from app.extensions import db


def load_category_for_decision(category_id: int) -> AwardCategory:
    """A category the user may decide (administrator, or its partner where the cycle says so)."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = category.cycle
    if permissions.can_administer(current_user, cycle.unit_id):
        return category
    if not permissions.is_juror(current_user):
        abort(403)
    assigned = queries.assigned_category_ids(current_user.id)
    if category.id not in assigned:
        abort(404)  # another category's jury must not learn of its candidates
    blocked = db.session.scalar(
        select(ConflictDeclaration.id)
        .join(Candidate)
        .where(
            Candidate.category_id == category.id,
            ConflictDeclaration.juror_id == current_user.id,
            ConflictDeclaration.has_conflict.is_(True),
            ConflictDeclaration.ruling != "rejected",
        )
        .limit(1)
    )
    if not permissions.can_decide(
        current_user, cycle.unit_id, cycle.partner_decides, category.partner_id, bool(blocked)
    ):
        abort(403)
    return category


def _decision_page(category: AwardCategory, form: DecisionForm, status: int = 200):
    cycle = category.cycle
    candidates = {c.id: c for c in db.session.scalars(queries.eligible_candidates({category.id}))}
    form.candidate.choices = [(c.id, c.company_name) for c in candidates.values()]
    decision = db.session.scalar(select(Decision).where(Decision.category_id == category.id))
    return render_template(
        "awards/decision.html",
        cycle=cycle,
        category=category,
        ranking=queries.ranking(category, cycle),
        method=aggregation_labels()[cycle.aggregation],
        candidates=candidates,
        comments=queries.comments_by_candidate(list(candidates)),
        decision=decision,
        form=form,
        reopen_form=ReopenForm(),
        can_reopen=permissions.can_administer(current_user, cycle.unit_id),
        phase=services.phase_of(cycle, clock.now()),
    ), status


@bp.route("/manage/awards/categories/<int:category_id>/decision", methods=["GET", "POST"])
@login_required
def decide(category_id: int):
    """The ranking and the decision: the winner and the jury's citation."""
    category = load_category_for_decision(category_id)
    form = DecisionForm()
    if not form.is_submitted():
        return _decision_page(category, form)
    if not form.validate_on_submit():
        return _decision_page(category, form, 400)
    candidate = db.session.get(Candidate, form.candidate.data or 0)
    back = url_for("awards.decide", category_id=category.id)
    if candidate is None:
        return fail(services.AwardError(_("Kandidaten finns inte."), 404), back)
    try:
        services.decide(current_user, category, candidate, form.citation.data, clock.now())
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(
        _("Beslutet är fattat och låst. Vinnaren visas först när prisceremonin börjar."), "success"
    )
    return redirect(back)


@bp.post("/manage/awards/categories/<int:category_id>/decision/reopen")
@login_required
def reopen(category_id: int):
    """Reopen a locked decision with a logged reason (administrators only)."""
    category = db.get_or_404(AwardCategory, category_id)
    if not permissions.can_administer(current_user, category.cycle.unit_id):
        abort(403)
    decision = db.session.scalar(select(Decision).where(Decision.category_id == category.id))
    back = url_for("awards.decide", category_id=category.id)
    if decision is None:
        abort(404)
    form = ReopenForm()
    if not form.validate_on_submit():
        return fail(services.AwardError(_("Skriv varför beslutet öppnas igen."), 400), back)
    try:
        services.reopen_decision(current_user, decision, form.reason.data)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Beslutet är öppnat igen."), "success")
    return redirect(back)


@bp.route("/manage/awards/<int:cycle_id>/embargo", methods=["GET", "POST"])
@login_required
def lift_embargo(cycle_id: int):
    """Make a decided cycle's winners public without a ceremony; with a reason, logged."""
    cycle = load_cycle(cycle_id)
    form = LiftEmbargoForm()
    if form.validate_on_submit():
        try:
            services.lift_embargo(current_user, cycle, form.reason.data, clock.now())
        except services.AwardError as error:
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Embargot är hävt. Vinnarna visas nu publikt."), "success")
            return redirect(url_for("awards.manage_cycle", cycle_id=cycle.id))
    return render_template(
        "awards/lift_embargo.html",
        cycle=cycle,
        form=form,
        ceremony_at=services.ceremony_start(cycle),
        public=services.winners_public(cycle, clock.now()),
    ), (400 if form.errors else 200)
