"""The administrator screens nominations: candidates, eligibility, merging and splitting, and rulings on declared conflicts of interest."""

from __future__ import annotations

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.awards import clock, queries, services
from app.awards.forms.screening import MergeForm, RulingForm, screening_form
from app.awards.labels import relation_choices
from app.awards.models import (
    Candidate,
    ConflictDeclaration,
    Nomination,
)
from app.awards.views.blueprint import bp, csrf_ok, fail, load_candidate, load_cycle
from app.extensions import db


@bp.get("/manage/awards/<int:cycle_id>/candidates")
@login_required
def candidates(cycle_id: int):
    """Every candidate with its nominations, screening and duplicate suggestions."""
    cycle = load_cycle(cycle_id)
    rows = db.session.scalars(queries.candidates_of(cycle.id)).all()
    return render_template(
        "awards/candidates.html",
        cycle=cycle,
        candidates=rows,
        duplicates=services.duplicate_pairs(rows),
    )


def _screening_data(candidate: Candidate, criteria) -> dict:
    screening = candidate.screening
    if screening is None:
        return {}
    data = {"eligible": "yes" if screening.eligible else "no", "reason": screening.reason}
    for check in screening.checks:
        data[f"met_{check.criterion_id}"] = check.met
        data[f"note_{check.criterion_id}"] = check.note
    return data


@bp.route("/manage/awards/candidates/<int:candidate_id>", methods=["GET", "POST"])
@login_required
def screen(candidate_id: int):
    """Screen a candidate: each general criterion, then eligible or not with a reason."""
    candidate = load_candidate(candidate_id)
    cycle = candidate.category.cycle
    criteria = cycle.general_criteria
    form = screening_form(
        criteria, None if request.method == "POST" else _screening_data(candidate, criteria)
    )
    if form.validate_on_submit():
        checks = {c.id: (form[f"met_{c.id}"].data, form[f"note_{c.id}"].data) for c in criteria}
        eligible, reason = form.eligible.data == "yes", form.reason.data or ""
        try:
            services.screen_candidate(
                current_user, candidate, checks, eligible, reason, clock.now()
            )
        except services.AwardError as error:
            return fail(error, url_for("awards.screen", candidate_id=candidate.id))
        db.session.commit()
        flash(_("Granskningen är sparad."), "success")
        return redirect(url_for("awards.candidates", cycle_id=cycle.id))
    return _screening_page(candidate, criteria, form, 400 if form.is_submitted() else 200)


def _screening_page(candidate: Candidate, criteria, form, status: int):
    cycle = candidate.category.cycle
    siblings = [
        c
        for c in db.session.scalars(queries.candidates_of(cycle.id))
        if c.category_id == candidate.category_id and c.id != candidate.id
    ]
    merge = MergeForm()
    merge.other.choices = [(c.id, c.company_name) for c in siblings]
    return render_template(
        "awards/screen.html",
        cycle=cycle,
        candidate=candidate,
        criteria=criteria,
        form=form,
        merge_form=merge,
        relations=dict(relation_choices()),
    ), status


@bp.post("/manage/awards/candidates/<int:candidate_id>/merge")
@login_required
def merge(candidate_id: int):
    """Merge another candidate of the same category into this one."""
    target = load_candidate(candidate_id)
    form = MergeForm()
    back = url_for("awards.screen", candidate_id=target.id)
    source = db.session.get(Candidate, form.other.data or 0) if form.validate_on_submit() else None
    if source is None or source.cycle_id != target.cycle_id:
        return fail(services.AwardError(_("Välj en kandidat att slå ihop med."), 404), back)
    try:
        services.merge_candidates(current_user, target, source)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Kandidaterna är ihopslagna."), "success")
    return redirect(back)


@bp.post("/manage/awards/nominations/<int:nomination_id>/split")
@login_required
def split(nomination_id: int):
    """Give a nomination its own candidate."""
    nomination = db.get_or_404(Nomination, nomination_id)
    load_cycle(nomination.cycle_id)
    back = url_for("awards.candidates", cycle_id=nomination.cycle_id)
    if not csrf_ok():
        return fail(services.AwardError(_("Formuläret hade gått ut. Skicka det igen."), 400), back)
    try:
        new = services.split_nomination(current_user, nomination)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Nomineringen är en egen kandidat."), "success")
    return redirect(url_for("awards.screen", candidate_id=new.id))


@bp.post("/manage/awards/conflicts/<int:declaration_id>")
@login_required
def rule_conflict(declaration_id: int):
    """Decide on a declared conflict of interest."""
    declaration = db.get_or_404(ConflictDeclaration, declaration_id)
    cycle = load_cycle(declaration.candidate.cycle_id)
    form = RulingForm()
    back = url_for("awards.manage_cycle", cycle_id=cycle.id)
    if not form.validate_on_submit():
        return fail(services.AwardError(_("Välj ett beslut."), 400), back)
    try:
        services.rule_conflict(
            current_user,
            declaration,
            form.ruling.data == "confirmed",
            form.note.data or "",
            clock.now(),
        )
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Beslutet om jäv är sparat."), "success")
    return redirect(back)
