"""The report's own pages: the periods, a report with its answers, editing an answer with
its draft and evidence, its history, submitting and reopening."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.core.formatting import to_local
from app.core.forms import EmptyForm
from app.core.swedish import display_phone, normalise_phone
from app.db import utcnow
from app.extensions import db
from app.reports import permissions, queries, services
from app.reports.diffing import word_diff
from app.reports.export import assembly
from app.reports.forms import AnswerForm, OpenPeriodForm, PeriodForm, ReopenForm, TakeDraftForm
from app.reports.models import Answer
from app.reports.periods import LABELS, PREVIOUS, PeriodKind
from app.reports.views.blueprint import bp, load_answer, load_period, period_url
from app.units.models import Unit


@bp.get("/")
def index():
    """The periods the user may read, and a form to open a new one."""
    if not permissions.can_use_reports(current_user):
        abort(403)
    return render_index(open_form(), 200)


def open_form() -> OpenPeriodForm:
    """The form to open a period, offering the units the user edits reports for."""
    form = OpenPeriodForm()
    units = db.session.scalars(select(Unit).order_by(Unit.name))
    form.unit.choices = [
        (u.id, u.name) for u in units if permissions.can_edit_reports(current_user, u.id)
    ]
    return form


def render_index(form: OpenPeriodForm, status: int):
    units = db.session.scalars(select(Unit).order_by(Unit.name)).all()
    readable = [u.id for u in units if permissions.can_read_reports(current_user, u.id)]
    return render_template(
        "reports/index.html",
        periods=db.session.scalars(queries.periods_for(readable)).all(),
        form=form,
        labels=LABELS,
        city=permissions.can_read_city(current_user),
        now_year=to_local(utcnow()).year,
        template_units=[u for u in units if permissions.can_edit_questions(current_user, u.id)],
    ), status


@bp.post("/open")
def open_period():
    """Open a period for a unit: answers drafted from the evidence so far."""
    form = open_form()
    if not form.unit.choices:
        abort(403)
    if form.validate_on_submit():
        unit = db.get_or_404(Unit, form.unit.data)
        try:
            period = services.open_period(
                current_user, unit, form.year.data, PeriodKind(form.kind.data), form.deadline.data
            )
        except services.ReportError as error:
            form.year.errors.append(str(error))
        except IntegrityError:  # another officer opened it a moment earlier
            db.session.rollback()
            form.year.errors.append(_("Perioden är redan öppnad."))
        else:
            db.session.commit()
            flash(_("Perioden är öppnad och svaren har utkast."), "success")
            return redirect(period_url(period))
    return render_index(form, 400)


@bp.get("/<unit_slug>/<int:year>/<period>/")
def show_report(unit_slug: str, year: int, period: str):
    """The report: header, chart, every question with its answer and evidence count."""
    found = load_period(unit_slug, year, period)
    answers = db.session.scalars(queries.answers_for(found.id)).unique().all()
    evidence = services.load_evidence(found, [a.question_id for a in answers])
    rows = [
        {
            "answer": a,
            "evidence": evidence.for_question(a.question_id),
            # The count follows the officer's choice: what is left out is not counted.
            "included": [
                i
                for i in evidence.for_question(a.question_id)
                if i.key not in services.excluded_keys(a)
            ],
            "flagged": services.is_flagged(a, evidence.fingerprints(a.question_id)),
        }
        for a in answers
    ]
    return render_template(
        "reports/report.html",
        period=found,
        phone=display_phone(found.contact_phone),
        rows=rows,
        sections=assembly.sections_of(answers),
        labels=LABELS,
        can_edit=permissions.can_edit_reports(current_user, found.unit_id),
        form=EmptyForm(),
    )


@bp.route("/<unit_slug>/<int:year>/<period>/settings", methods=["GET", "POST"])
def edit_period(unit_slug: str, year: int, period: str):
    """Change the deadline and the contact person."""
    found = load_period(unit_slug, year, period, edit=True)
    form = PeriodForm(obj=found)
    if request.method == "GET":
        form.contact_phone.data = display_phone(found.contact_phone)
    if form.validate_on_submit():
        services.update_period(
            current_user,
            found,
            deadline=form.deadline.data,
            contact_name=form.contact_name.data or "",
            contact_phone=normalise_phone(form.contact_phone.data)
            if form.contact_phone.data
            else "",
            contact_email=(form.contact_email.data or "").strip(),
        )
        db.session.commit()
        flash(_("Uppgifterna är sparade."), "success")
        return redirect(period_url(found))
    status = 400 if form.errors else 200
    return render_template(
        "reports/period_form.html", period=found, form=form, labels=LABELS
    ), status


@bp.post("/<unit_slug>/<int:year>/<period>/regenerate")
def regenerate(unit_slug: str, year: int, period: str):
    """Write fresh drafts from the evidence now; the officers' texts are not touched."""
    found = load_period(unit_slug, year, period, edit=True)
    if EmptyForm().validate_on_submit():
        changed = services.regenerate(current_user, found)
        db.session.commit()
        flash(
            _("Utkasten är uppdaterade (%(n)s ändrade). Era svar är orörda.", n=changed), "success"
        )
    question = request.form.get("question", "")
    if question.isdigit() and len(question) < 10:
        return redirect(period_url(found, "reports.edit_answer", question_id=int(question)))
    return redirect(period_url(found))


@bp.post("/<unit_slug>/<int:year>/<period>/submit")
def submit_period(unit_slug: str, year: int, period: str):
    """Hand the report in; every answer becomes final."""
    found = load_period(unit_slug, year, period, edit=True)
    if EmptyForm().validate_on_submit():
        try:
            services.submit_period(current_user, found)
        except services.ReportError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Rapporten är inlämnad."), "success")
    return redirect(period_url(found))


@bp.route("/<unit_slug>/<int:year>/<period>/reopen", methods=["GET", "POST"])
def reopen_period(unit_slug: str, year: int, period: str):
    """Open a submitted report again, with a reason that is logged."""
    found = load_period(unit_slug, year, period, edit=True)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            services.reopen_period(current_user, found, form.reason.data)
        except services.ReportError as error:
            form.reason.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("Rapporten är öppnad igen."), "success")
            return redirect(period_url(found))
    status = 400 if form.errors else 200
    return render_template("reports/reopen.html", period=found, form=form, labels=LABELS), status


@bp.route("/<unit_slug>/<int:year>/<period>/questions/<int:question_id>", methods=["GET", "POST"])
def edit_answer(unit_slug: str, year: int, period: str, question_id: int):
    """The draft, the evidence with checkboxes and the officer's own text, side by side."""
    found = load_period(unit_slug, year, period, edit=True)
    answer = load_answer(found, question_id)
    evidence = services.load_evidence(found, [answer.question_id])
    form = AnswerForm(obj=answer)
    items = evidence.for_question(answer.question_id)
    form.included.choices = [(i.key, i.label) for i in items]
    if request.method == "GET":
        left_out = services.excluded_keys(answer)
        form.included.data = [i.key for i in items if i.key not in left_out]
    status = 200
    if form.validate_on_submit():
        answer, status = save_from_form(found, answer, form, evidence)
        if status == 302:
            flash(_("Svaret är sparat."), "success")
            return redirect(period_url(found, "reports.edit_answer", question_id=question_id))
    elif form.errors:
        status = 400
    return render_edit(found, answer, form, evidence, status)


def save_from_form(found, answer, form, evidence) -> tuple[Answer, int]:
    """Save the form; on a conflict the person's text stays in the form (409)."""
    try:
        services.save_answer(
            current_user,
            answer,
            text=form.text.data or "",
            version=int(form.version.data),
            included=set(form.included.data or ()),
            evidence=evidence,
            final=request.form.get("action") == "final",
        )
    except services.StaleAnswer as error:
        db.session.rollback()
        answer = load_answer(found, answer.question_id)
        form.text.errors.append(
            f"{error} "
            + _("Din text finns kvar nedan. Jämför med den sparade texten och spara igen.")
        )
        form.version.data = str(answer.version)
        return answer, 409
    except services.ReportError as error:
        form.text.errors.append(str(error))
        return answer, 400
    db.session.commit()
    return answer, 302


def render_edit(found, answer, form, evidence, status):
    previous = services.previous_final_texts(found.unit_id, found.year, found.kind)
    return render_template(
        "reports/edit_answer.html",
        period=found,
        answer=answer,
        form=form,
        take_form=TakeDraftForm(formdata=None, version=str(answer.version)),
        regenerate_form=EmptyForm(),
        flagged=services.is_flagged(answer, evidence.fingerprints(answer.question_id)),
        previous=previous.get(answer.question_id),
        previous_label=LABELS.get(PREVIOUS.get(found.kind)),
        conflict=word_diff(answer.text, form.text.data or "") if status == 409 else None,
        labels=LABELS,
    ), status


@bp.post("/<unit_slug>/<int:year>/<period>/questions/<int:question_id>/take-draft")
def take_draft(unit_slug: str, year: int, period: str, question_id: int):
    """Put the current draft into the officer's text (the old text stays in the history)."""
    found = load_period(unit_slug, year, period, edit=True)
    answer = load_answer(found, question_id)
    form = TakeDraftForm()
    if form.validate_on_submit():
        version = form.version.data or ""
        try:
            if not version.isdigit() or len(version) > 9:
                raise services.StaleAnswer(_("Formuläret saknar versionsnummer. Ladda om sidan."))
            evidence = services.load_evidence(found, [answer.question_id])
            fingerprints = evidence.fingerprints(answer.question_id)
            services.take_draft(current_user, answer, int(version), fingerprints)
        except services.ReportError as error:
            db.session.rollback()
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Utkastet är infört i ert svar. Läs igenom och spara."), "success")
    return redirect(period_url(found, "reports.edit_answer", question_id=question_id))


@bp.get("/<unit_slug>/<int:year>/<period>/questions/<int:question_id>/history")
def answer_history(unit_slug: str, year: int, period: str, question_id: int):
    """Every saved version of the answer, who and when, with what changed."""
    found = load_period(unit_slug, year, period)
    answer = load_answer(found, question_id)
    revisions = db.session.scalars(queries.revisions_for(answer.id)).all()
    changes = [
        (rev, word_diff(revisions[i - 1].text if i else "", rev.text))
        for i, rev in enumerate(revisions)
    ]
    return render_template(
        "reports/history.html", period=found, answer=answer, changes=changes[::-1], labels=LABELS
    )
