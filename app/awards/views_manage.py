"""The award administrator's pages: cycle, screening, jurors, jäv, decisions, protocol."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts.models import Membership, Role, User
from app.awards import clock, judging, permissions, protocol, queries, services
from app.awards.forms import (
    AssignJurorForm,
    LiftEmbargoForm,
    MergeForm,
    PhaseForm,
    RulingForm,
    ground_labels,
    phase_labels,
    relation_choices,
    screening_form,
)
from app.awards.models import (
    AwardCategory,
    AwardCycle,
    Candidate,
    ConflictDeclaration,
    Nomination,
    Phase,
)
from app.awards.phases import next_phases
from app.awards.views import bp
from app.core.forms import EmptyForm
from app.extensions import db
from app.mailing import sending
from app.mailing import services as mailing


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


@bp.get("/manage/awards/")
@login_required
def manage_index():
    """The cycles of the units the user administers."""
    units = {m.unit_id for m in current_user.memberships}
    units = {u for u in units if permissions.can_administer(current_user, u)}
    if not units:
        abort(403)
    cycles = db.session.scalars(queries.cycles_of_units(units)).all()
    return render_template("awards/manage_index.html", cycles=cycles, labels=phase_labels())


@bp.get("/manage/awards/<int:cycle_id>/")
@login_required
def manage_cycle(cycle_id: int):
    """The administrator's cycle page: phase, progress per category and juror."""
    return _manage_page(load_cycle(cycle_id))


def _manage_page(cycle: AwardCycle, phase_form: PhaseForm | None = None, status: int = 200):
    now = clock.now()
    phase = services.phase_of(cycle, now)
    jurors = db.session.scalars(
        select(User)
        .join(Membership)
        .where(Membership.unit_id == cycle.unit_id, Membership.role == Role.JUROR)
        .order_by(User.name)
    ).all()
    assign = AssignJurorForm()
    assign.user.choices = [(u.id, u.name) for u in jurors]
    return render_template(
        "awards/manage_cycle.html",
        cycle=cycle,
        phase=phase,
        deadline=services.nomination_deadline(cycle, now),
        early_close=services.early_close_preview(cycle, now),
        ceremony_at=services.ceremony_start(cycle),
        winners_public=services.winners_public(cycle, now),
        labels=phase_labels(),
        phase_form=phase_form or PhaseForm(allowed=next_phases(phase)),
        assign_form=assign,
        ruling_form=RulingForm(),
        grounds=ground_labels(),
        progress=queries.progress(cycle),
    ), status


@bp.post("/manage/awards/<int:cycle_id>/phase")
@login_required
def set_phase(cycle_id: int):
    """Move the cycle one phase on or back; logged. Closing an open call before its last
    day asks first: the page comes back with the question until it is confirmed."""
    cycle = load_cycle(cycle_id)
    now = clock.now()
    form = PhaseForm(allowed=next_phases(services.phase_of(cycle, now)))
    back = url_for("awards.manage_cycle", cycle_id=cycle.id)
    if not form.validate_on_submit():
        return fail(services.AwardError(_("Välj en av faserna i listan."), 400), back)
    try:
        services.set_phase(
            current_user,
            cycle,
            Phase(form.phase.data),
            now,
            confirmed_early_close=form.confirm_early_close.data,
        )
    except services.NeedsConfirmation as question:
        db.session.rollback()
        form.confirm_early_close.errors = [str(question)]
        return _manage_page(load_cycle(cycle_id), phase_form=form, status=400)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Fasen är ändrad."), "success")
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
    if not _csrf_ok():
        return fail(services.AwardError(_("Formuläret hade gått ut. Skicka det igen."), 400), back)
    try:
        new = services.split_nomination(current_user, nomination)
    except services.AwardError as error:
        return fail(error, back)
    db.session.commit()
    flash(_("Nomineringen är en egen kandidat."), "success")
    return redirect(url_for("awards.screen", candidate_id=new.id))


def _csrf_ok() -> bool:
    return EmptyForm().validate_on_submit()


@bp.post("/manage/awards/categories/<int:category_id>/jurors")
@login_required
def assign_juror(category_id: int):
    """Assign a juror (or a substitute) to a category and tell them by mail."""
    category = db.get_or_404(AwardCategory, category_id)
    cycle = load_cycle(category.cycle_id)
    form = AssignJurorForm()
    back = url_for("awards.manage_cycle", cycle_id=cycle.id)
    user = db.session.get(User, form.user.data or 0) if form.validate_on_submit() else None
    if user is None or Role.JUROR not in user.roles_in(cycle.unit_id):
        return fail(services.AwardError(_("Välj en juryledamot i listan."), 400), back)
    try:
        services.assign_juror(current_user, category, user, form.substitute_for.data or None)
    except services.AwardError as error:
        return fail(error, back)
    body = render_template("awards/juror_mail.txt", cycle=cycle, category=category, user=user)
    subject = _("Du är juryledamot i %(name)s", name=category.name)
    queued = mailing.queue(user.email, subject, body, unit_id=cycle.unit_id)
    db.session.commit()
    if sending.send_now([queued]):
        flash(_("Juryledamoten är tillagd och har fått ett mejl."), "success")
    else:
        flash(_("Juryledamoten är tillagd. Mejlet kunde inte skickas just nu; det skickas så "
                "snart det går."), "warning")  # fmt: skip
    return redirect(back)


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
        judging.rule_conflict(
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


@bp.get("/manage/awards/<int:cycle_id>/protocol.docx")
@login_required
def protocol_docx(cycle_id: int):
    """The jury protocol as Word, for the council's records."""
    cycle = load_cycle(cycle_id)
    data = protocol.build_protocol(protocol.gather(cycle, current_user.name))
    return protocol.download(data, f"juryprotokoll-{cycle.year}.docx", protocol.DOCX)


@bp.get("/manage/awards/<int:cycle_id>/redacted.csv")
@login_required
def redacted_export(cycle_id: int):
    """The cycle's nominations for a records request, private contact details masked."""
    cycle = load_cycle(cycle_id)
    data = protocol.redacted_csv(cycle, db.session.scalars(queries.candidates_of(cycle.id)).all())
    return protocol.download(
        data, f"nomineringar-{cycle.year}-maskerad.csv", "text/csv; charset=utf-8"
    )


from app.awards import views_configure, views_decide  # noqa: E402,F401  (routes on `bp`)
