"""The public's pages: a cycle, the nomination form and its receipt; the award's blocks on the home page and on the page of its ceremony."""

from __future__ import annotations

from flask import (
    abort,
    current_app,
    redirect,
    render_template,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from app.awards import clock, permissions, queries, services
from app.awards.forms.public import NominationForm
from app.awards.models import (
    AwardCycle,
    Nomination,
    Phase,
)
from app.awards.views.blueprint import bp, logger
from app.core import outage
from app.core.pagecache import cached, valid_until
from app.extensions import db, limiter
from app.mailing import sending
from app.mailing import services as mailing

RECEIPT_KEY = "award_receipt"


def load_public_cycle(unit_slug: str, year: int) -> AwardCycle:
    """A cycle the public may see: any but a draft (404, so a draft does not leak)."""
    cycle = db.session.scalars(queries.cycle_by_slug(unit_slug, year)).first()
    if cycle is None or cycle.phase == Phase.DRAFT:
        abort(404)
    return cycle


@bp.get("/awards/<unit_slug>/<int:year>/")
@cached
def show_cycle(unit_slug: str, year: int):
    """The cycle: categories, partners, criteria, timeline, the call, winners once announced."""
    cycle = load_public_cycle(unit_slug, year)
    now = clock.now()
    deadline = services.nomination_deadline(cycle, now)
    # The page changes by the clock alone when the call opens and closes and when the
    # ceremony starts: a stored copy must not outlive those moments (the embargo).
    for moment in (deadline.opens_at, deadline.closes_at, services.embargo_moment(cycle)):
        valid_until(moment, clock.now)
    return render_template(
        "awards/cycle.html",
        cycle=cycle,
        phase=services.phase_of(cycle, now),
        deadline=deadline,
        winners=queries.winners(cycle, now),
        can_administer=permissions.can_administer(current_user, cycle.unit_id),
    )


@bp.route("/awards/<unit_slug>/<int:year>/nominate", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FORM_LIMIT_PER_IP"], methods=["POST"])
def nominate(unit_slug: str, year: int):
    """The public nomination form, open only inside the window."""
    cycle = load_public_cycle(unit_slug, year)
    now = clock.now()
    deadline = services.nomination_deadline(cycle, now)
    form = NominationForm(categories=cycle.categories)
    if deadline.state != "open":
        status = 409 if form.is_submitted() else 200
        return render_template("awards/nominate.html", cycle=cycle, deadline=deadline), status
    heading = _("Nominera ett företag till %(title)s", title=cycle.title)
    outage.keep_form(form, heading, submit=_("Skicka nomineringen"), honeypots=("fax",))
    if form.validate_on_submit():
        if form.fax.data:  # the honeypot: people never see it, bots fill it in
            logger.info("nomination honeypot filled; nothing stored")
            return redirect(url_for("awards.show_cycle", unit_slug=unit_slug, year=year))
        category = next(c for c in cycle.categories if str(c.id) == form.category.data)
        nomination = services.submit_nomination(cycle, category, form.cleaned(), now)
        nomination_id = nomination.id
        queued = mailing.queue(*_receipt(cycle, nomination), unit_id=cycle.unit_id)
        db.session.commit()
        # Once stored, the nomination is acknowledged; its receipt is queued with it.
        session[RECEIPT_KEY] = nomination_id
        sending.send_now([queued])
        return redirect(url_for("awards.receipt", unit_slug=unit_slug, year=year))
    status = 400 if form.is_submitted() else 200
    return render_template(
        "awards/nominate.html", cycle=cycle, deadline=deadline, form=form
    ), status


def _receipt(cycle: AwardCycle, nomination: Nomination) -> tuple[str, str, str]:
    """The receipt mail (to, subject, body), composed before the commit."""
    body = render_template("awards/receipt_mail.txt", cycle=cycle, nomination=nomination)
    subject = _("Kvitto: din nominering till %(title)s", title=cycle.title)
    return nomination.nominator_email, subject, body


@bp.get("/awards/<unit_slug>/<int:year>/nominate/receipt")
def receipt(unit_slug: str, year: int):
    """The receipt of the nomination just sent from this browser."""
    cycle = load_public_cycle(unit_slug, year)
    nomination = db.session.get(Nomination, session.get(RECEIPT_KEY) or 0)
    if nomination is None or nomination.cycle_id != cycle.id:
        return redirect(url_for("awards.show_cycle", unit_slug=unit_slug, year=year))
    return render_template("awards/receipt.html", cycle=cycle, nomination=nomination)


def open_calls():
    """The home page block: award cycles taking nominations now."""
    now = clock.now()
    calls = [
        (cycle, services.nomination_deadline(cycle, now))
        for cycle in db.session.scalars(queries.open_cycles(now))
    ]
    return ("awards/_home.html", {"award_calls": calls}) if calls else None


def ceremony_section(event) -> dict:
    """The event page's part of the award: the winners announced at this event, once its
    date as it now stands has started (the embargo decides, by the award's clock); the
    page is declared to change at each of its dates' starts."""
    for occurrence in event.occurrences:
        valid_until(occurrence.starts_at, clock.now)
    return {"winners": queries.winners_for_event(event.id, clock.now())}
