"""Signing in and out, password reset and the user's own profile."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import mail, services
from app.accounts.forms import (
    ChangePasswordForm,
    LoginForm,
    NewPasswordForm,
    ResetRequestForm,
)
from app.accounts.models import TokenPurpose
from app.core import navigation, outage
from app.core.deferred import after_response
from app.core.forms import EmptyForm
from app.extensions import db, limiter
from app.mailing import sending

bp = Blueprint("accounts", __name__)
logger = logging.getLogger(__name__)


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return None
    return target


def _login_account_key() -> str:
    """Guesses at one account from one address.

    Keyed by account alone, five guesses from anywhere would lock the owner out (and
    behind a proxy that hides addresses, everyone shares one). Keyed by account and
    address, an attacker is slowed while the owner, elsewhere, still signs in; the
    per-address limit bounds guesses across accounts, and argon2 bounds their rate.
    """
    email = request.form.get("email", "").strip().lower()[:254]
    return f"login-account:{email}:{request.remote_addr}"


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_login_account_key,
    methods=["POST"],
)
def login():
    """Sign in with e-mail and password."""
    if current_user.is_authenticated:
        return redirect(url_for("pages.home"))
    form = LoginForm()
    outage.keep_form(form, _("Logga in"), submit=_("Logga in"), autocomplete={"email": "username"})
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(
                _("Fel e-postadress eller lösenord, eller så är kontot inaktiverat.")
            )
        else:
            services.sign_in(user)
            db.session.commit()
            login_user(user, remember=form.remember.data)
            flash(_("Du är inloggad."), "success")
            target = safe_next(request.args.get("next")) or navigation.landing_page(user)
            return redirect(target or url_for("accounts.profile"))
    return render_template("accounts/login.html", form=form)


@bp.post("/logout")
@login_required
def logout():
    """End this session; a copy of its cookie no longer works."""
    form = EmptyForm()
    if form.validate_on_submit():
        services.sign_out(current_user._get_current_object())
        db.session.commit()
        logout_user()
        flash(_("Du är utloggad."), "success")
    return redirect(url_for("pages.home"))


@bp.route("/password/reset", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"])
def reset_request():
    """Ask for a link to set a new password."""
    form = ResetRequestForm()
    outage.keep_form(form, _("Glömt lösenordet"), submit=_("Skicka länk"))
    if form.validate_on_submit():
        # The same answer, in the same time, either way: the form does not reveal who has
        # an account. Looking the address up and mailing happen after the response.
        after_response(_mail_reset_link, form.email.data)
        flash(_("Om adressen finns hos oss har vi skickat en länk. Den gäller i en timme."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset_request.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Set a password with a mailed link: a reset, or a new account's invitation."""
    found = services.find_token(token)
    if found is None:
        flash(_("Länken är ogiltig eller har gått ut. Begär en ny."), "error")
        return redirect(url_for("accounts.reset_request"))
    invited = found.purpose is TokenPurpose.INVITATION
    title = _("Välj lösenord") if invited else _("Välj nytt lösenord")
    form = NewPasswordForm()
    new = {"password": "new-password", "confirm": "new-password"}
    outage.keep_form(form, title, submit=_("Spara lösenordet"), autocomplete=new)
    if form.validate_on_submit():
        services.set_password_with_token(found, form.password.data)
        db.session.commit()
        if invited:
            flash(_("Lösenordet är sparat. Välkommen! Logga in med det."), "success")
        else:
            flash(_("Lösenordet är bytt. Logga in med det nya."), "success")
        return redirect(url_for("accounts.login"))
    return render_template(
        "accounts/reset_password.html", form=form, title=title, user=found.user, invited=invited
    )


@bp.get("/profile")
@login_required
def profile():
    """The signed-in user's roles and links."""
    return render_template("accounts/profile.html", user=current_user, form=EmptyForm())


def _own_account_key() -> str:
    return f"password-change:{current_user.get_id()}"


@bp.route("/profile/password", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_own_account_key,
    methods=["POST"],
)
def change_password():
    """Change one's own password; other devices are signed out."""
    form = ChangePasswordForm()
    new = {"current": "current-password", "password": "new-password", "confirm": "new-password"}
    outage.keep_form(form, _("Byt lösenord"), submit=_("Byt lösenord"), autocomplete=new)
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_own_password(user, form.current.data, form.password.data)
        except services.AccountError:
            form.current.errors.append(_("Det nuvarande lösenordet stämmer inte."))
        else:
            db.session.commit()
            login_user(user)
            _tell_password_changed(user)
            flash(
                _("Lösenordet är bytt. Andra enheter där du var inloggad är utloggade."), "success"
            )
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_password.html", form=form), (
        400 if form.is_submitted() else 200
    )


def _tell_password_changed(user) -> None:
    """Mail the owner that the password changed (queued: retried if it cannot go now)."""
    body = render_template("accounts/password_changed_mail.txt", user=user)
    queued = mail.queue(user, _("Ditt lösenord till Torget är bytt"), body)
    db.session.commit()
    sending.send_now([queued])


def _mail_reset_link(email: str) -> None:
    """Mail a reset link if `email` belongs to an active account; otherwise do nothing.

    Runs after the response (see `app.core.deferred`), so the answer to the form takes
    the same time either way.
    """
    user = services.find_user(email)
    if user is None or not user.is_active:
        return
    queued = mail.queue_link(user, TokenPurpose.RESET)
    db.session.commit()
    sending.send_now([queued])
