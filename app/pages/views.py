"""Public pages: home, the accessibility statement, the privacy notice, language."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.accounts.views import safe_next
from app.core import outage, wiring
from app.core.i18n import LANG_COOKIE
from app.core.pagecache import cached
from app.extensions import db, limiter
from app.pages import services
from app.pages.forms import AccessibilityReportForm

bp = Blueprint("pages", __name__)


@bp.get("/")
@cached
def home():
    """The start page: upcoming events and open award calls."""
    sections = [s for s in (section() for section in wiring.of().home_sections) if s]
    return render_template("pages/home.html", sections=sections)


@bp.get("/favicon.ico")
def favicon():
    """The icon browsers ask for at the root whatever the page links; cached for a day."""
    return current_app.send_static_file("favicon.ico"), {"Cache-Control": "public, max-age=86400"}


@bp.route("/accessibility", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FORM_LIMIT_PER_IP"], methods=["POST"])
def accessibility():
    """The accessibility statement and a form to report a problem."""
    form = AccessibilityReportForm()
    outage.keep_form(
        form,
        _("Rapportera ett problem"),
        submit=_("Skicka rapporten"),
        honeypots=("website",),
        autocomplete={"contact_email": "email"},
    )
    if form.validate_on_submit():
        if not form.website.data:  # the honeypot stays empty for people
            services.report_problem(form.page.data, form.description.data, form.contact_email.data)
            db.session.commit()
        flash(
            _("Tack! Vi har tagit emot din rapport och återkommer om du lämnat en e-postadress."),
            "success",
        )
        return redirect(url_for("pages.accessibility"))
    return render_template("pages/accessibility.html", form=form)


@bp.get("/privacy")
@cached
def privacy():
    """The privacy notice (GDPR art. 13) for everything Torget collects."""
    return render_template("pages/privacy.html")


@bp.get("/language/<lang>")
def set_language(lang: str):
    """Switch the interface language and return to the page.

    A link, not a form: a preference cookie needs no CSRF token, so a public page needs no
    session and can be served to every anonymous visitor from the page cache.
    """
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")) or url_for("pages.home"))
    response.set_cookie(
        LANG_COOKIE,
        lang,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
    )
    return response
