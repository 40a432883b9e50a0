from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from graph.errors import CarnetError, Throttled, Unauthenticated, ValidationError

from ..extensions import services
from ..i18n import select_locale
from ..people.forms import apply_error
from . import bp
from .forms import LoginForm, PasswordForm
from .session import SessionUser


def _safe_next(target: str | None) -> str:
    """Only same-site relative paths: an open redirect would make a phishing link."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc \
            and "\\" not in target:
        return target
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        try:
            user = services().users.authenticate(form.username.data, form.password.data, request.remote_addr)
        except (Unauthenticated, Throttled, ValidationError) as exc:
            form.username.errors.append(exc.message)
            status = exc.status
        else:
            session.clear()  # a fresh session at login: nothing from before survives
            login_user(SessionUser(user), remember=bool(form.remember.data))
            if not user.get("lang"):  # until they choose, e-mails speak the browser's language
                services().users.set_language(user["id"], select_locale())
            return redirect(_safe_next(request.args.get("next")))
    elif request.method == "POST":
        status = 400
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    """GET asks (a link must not change state); POST, with its CSRF token, signs out."""
    if request.method == "GET":
        if not current_user.is_authenticated:
            return redirect(url_for("auth.login"))
        return render_template("auth/logout.html")
    if current_user.is_authenticated:
        services().users.end_sessions(current_user.record["id"])  # a copied cookie dies too
        logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account")
@login_required
def account():
    """The user's own API tokens (revocable one by one) and a way to change their password."""
    return render_template("auth/account.html", tokens=services().users.tokens(current_user.viewer))


@bp.route("/account/tokens/<token_id>/revoke", methods=["POST"])
@login_required
def revoke_token(token_id):
    services().users.revoke_token(current_user.viewer, token_id)  # someone else's token: 404
    flash(_("The token was revoked: it no longer works."), "info")
    return redirect(url_for("auth.account"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change one's own password. Every other session and API token ends; this browser stays
    signed in with a fresh session bound to the new auth epoch."""
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            user = services().users.change_password(current_user.viewer, form.current.data, form.new.data,
                                                    request.remote_addr)
        except CarnetError as exc:
            apply_error(form, exc)
        else:
            remember = bool(request.cookies.get(current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")))
            session.clear()
            login_user(SessionUser(user), remember=remember)
            flash(_("Your password was changed. Your other sessions and API tokens have ended."), "info")
            return redirect(url_for("auth.account"))
    return render_template("auth/password.html", form=form), 400 if request.method == "POST" else 200
