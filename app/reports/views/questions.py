"""The report template: an admin keeps a unit's questions per year and focus area."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.core.forms import EmptyForm
from app.extensions import db
from app.policy.models import FocusArea, ReportQuestion
from app.reports import permissions, queries, services
from app.reports.forms import QuestionForm
from app.reports.views.blueprint import MAX_YEAR, MIN_YEAR, bp
from app.units.models import Unit


def load_template_unit(unit_slug: str, year: int) -> Unit:
    """The unit, if the user keeps its template; 404 for unknown units and years out of range."""
    unit = db.first_or_404(select(Unit).where(Unit.slug == unit_slug[:100]))
    if not permissions.can_edit_questions(current_user, unit.id):
        abort(403)
    if not MIN_YEAR <= year <= MAX_YEAR:
        abort(404)
    return unit


def question_form(**kwargs) -> QuestionForm:
    form = QuestionForm(**kwargs)
    areas = db.session.scalars(select(FocusArea).order_by(FocusArea.number))
    form.focus_area.choices = [(a.id, f"{a.number}. {a.name}") for a in areas]
    return form


def questions_url(unit: Unit, year: int) -> str:
    return url_for("reports.list_questions", unit_slug=unit.slug, year=year)


@bp.route("/<unit_slug>/questions/<int:year>/", methods=["GET", "POST"])
def list_questions(unit_slug: str, year: int):
    """A year's questions in form order, and a form to add one."""
    unit = load_template_unit(unit_slug, year)
    form = question_form()
    if form.validate_on_submit():
        services.save_question(
            current_user, None, unit, year, focus_area_id=form.focus_area.data, text=form.text.data
        )
        db.session.commit()
        flash(_("Frågan är tillagd."), "success")
        return redirect(questions_url(unit, year))
    questions = db.session.scalars(queries.questions_for(unit.id, year)).all()
    return render_template(
        "reports/questions.html",
        unit=unit,
        year=year,
        questions=questions,
        form=form,
        empty=EmptyForm(),
    ), (400 if form.errors else 200)


def load_question(unit: Unit, year: int, question_id: int) -> ReportQuestion:
    """The unit's question for that year; any other question is 404."""
    return db.first_or_404(
        select(ReportQuestion).filter_by(id=question_id, unit_id=unit.id, year=year)
    )


@bp.route("/<unit_slug>/questions/<int:year>/<int:question_id>", methods=["GET", "POST"])
def edit_question(unit_slug: str, year: int, question_id: int):
    """Change a question's wording or focus area."""
    unit = load_template_unit(unit_slug, year)
    question = load_question(unit, year, question_id)
    form = question_form(obj=question, data={"focus_area": question.focus_area_id})
    if form.validate_on_submit():
        services.save_question(
            current_user,
            question,
            unit,
            year,
            focus_area_id=form.focus_area.data,
            text=form.text.data,
        )
        db.session.commit()
        flash(_("Frågan är sparad."), "success")
        return redirect(questions_url(unit, year))
    return render_template(
        "reports/question_form.html", unit=unit, year=year, question=question, form=form
    ), (400 if form.errors else 200)


@bp.post("/<unit_slug>/questions/<int:year>/<int:question_id>/delete")
def delete_question(unit_slug: str, year: int, question_id: int):
    """Remove a question no report has answered."""
    unit = load_template_unit(unit_slug, year)
    question = load_question(unit, year, question_id)
    if EmptyForm().validate_on_submit():
        try:
            services.delete_question(current_user, question)
        except services.ReportError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("Frågan är borttagen."), "success")
    return redirect(questions_url(unit, year))


@bp.post("/<unit_slug>/questions/<int:year>/copy")
def copy_questions(unit_slug: str, year: int):
    """Copy last year's questions into this year."""
    unit = load_template_unit(unit_slug, year)
    if EmptyForm().validate_on_submit():
        try:
            n = services.copy_questions(current_user, unit, year - 1, year)
        except services.ReportError as error:
            flash(str(error), "error")
        else:
            db.session.commit()
            flash(_("%(n)s frågor är kopierade från %(year)s.", n=n, year=year - 1), "success")
    return redirect(questions_url(unit, year))
