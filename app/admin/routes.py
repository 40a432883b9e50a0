"""Admin pages: users (add, role, team, managed teams, password, disable/enable) and teams. The
services refuse anyone but an admin (Forbidden → 403), so each route starts with an admin-only
read."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError, NotFound

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..submit import REFUSED, done, submit
from . import bp
from .forms import (ActiveForm, ManageForm, RoleForm, SetPasswordForm, SetTeamForm, TeamForm, UnmanageForm,
                    UserForm)


def _status() -> int:
    return 400 if request.method == "POST" else 200


@bp.route("/admin/users")
@login_required
def users():
    viewer = current_viewer()
    return render_template("admin/users.html", users=services().users.list(viewer))


@bp.route("/admin/users/new", methods=["GET", "POST"])
@login_required
def new_user():
    viewer, s = current_viewer(), services()
    teams = s.users.admin_teams(viewer)
    form = UserForm()
    user = submit(form, lambda: s.users.create(viewer, {
        "username": form.username.data, "name": form.name.data, "password": form.password.data,
        "role": form.role.data, "team": form.team.data}))
    if user is not REFUSED:
        return done(_("User %(username)s was created.", username=user["username"]), "admin.user", user_id=user["id"])
    return render_template("admin/user_new.html", form=form, teams=teams), _status()


def _render_user(user_id: str, status: int = 200, **forms):
    viewer, s = current_viewer(), services()
    user = s.users.admin_user(viewer, user_id)
    forms.setdefault("team_form", SetTeamForm(formdata=None, data={"team": user.get("team")}))
    forms.setdefault("manage_form", ManageForm(formdata=None))
    forms.setdefault("role_form", RoleForm(formdata=None, data={"role": user["role"]}))
    forms.setdefault("password_form", SetPasswordForm(formdata=None))
    return render_template("admin/user.html", user=user, teams=s.users.admin_teams(viewer),
                           unmanage_form=UnmanageForm(formdata=None), active_form=ActiveForm(formdata=None),
                           **forms), status


@bp.route("/admin/users/<user_id>")
@login_required
def user(user_id):
    return _render_user(user_id)


@bp.route("/admin/users/<user_id>/team", methods=["POST"])
@login_required
def set_team(user_id):
    services().users.admin_user(current_viewer(), user_id)
    form = SetTeamForm()
    if submit(form, lambda: services().users.set_team(current_viewer(), user_id, form.team.data)) is not REFUSED:
        return done(_("Team set to %(team)s.", team=form.team.data.strip()), "admin.user", user_id=user_id)
    return _render_user(user_id, 400, team_form=form)


@bp.route("/admin/users/<user_id>/role", methods=["POST"])
@login_required
def set_role(user_id):
    """A new role (and team); the user's sessions and tokens end. Audited."""
    viewer, s = current_viewer(), services()
    s.users.admin_user(viewer, user_id)
    form = RoleForm()
    user = submit(form, lambda: s.users.set_role(viewer, user_id, form.role.data, form.team.data))
    if user is not REFUSED:
        return done(_("%(username)s is now %(role)s; their sessions and tokens have ended.",
                      username=user["username"], role=label(user["role"])), "admin.user", user_id=user_id)
    return _render_user(user_id, 400, role_form=form)


@bp.route("/admin/users/<user_id>/password", methods=["POST"])
@login_required
def set_password(user_id):
    viewer, s = current_viewer(), services()
    s.users.admin_user(viewer, user_id)
    form = SetPasswordForm()
    if submit(form, lambda: s.users.set_password(viewer, user_id, form.password.data)) is not REFUSED:
        return done(_("Password set: their sessions and tokens have ended."), "admin.user", user_id=user_id)
    return _render_user(user_id, 400, password_form=form)


@bp.route("/admin/users/<user_id>/manage", methods=["POST"])
@login_required
def manage(user_id):
    viewer, s = current_viewer(), services()
    s.users.admin_user(viewer, user_id)
    form = ManageForm()

    def add():
        wanted = form.manage.data.strip().lower()
        team_id = next((t["id"] for t in s.users.admin_teams(viewer) if t["name"].lower() == wanted), None)
        if team_id is None:
            raise NotFound(f"unknown team: {form.manage.data.strip()}", "manage")
        s.users.set_managed(viewer, user_id, team_id, True)

    if submit(form, add, {"role": "manage", "team": "manage"}) is not REFUSED:
        return done(_("The manager now manages that team."), "admin.user", user_id=user_id)
    return _render_user(user_id, 400, manage_form=form)


@bp.route("/admin/users/<user_id>/unmanage", methods=["POST"])
@login_required
def unmanage(user_id):
    viewer, s = current_viewer(), services()
    s.users.admin_user(viewer, user_id)
    form = UnmanageForm()
    if not form.validate_on_submit():
        return _render_user(user_id, 400)
    s.users.set_managed(viewer, user_id, form.team_id.data, False)
    flash(_("The manager no longer manages that team."), "info")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/admin/users/<user_id>/active", methods=["POST"])
@login_required
def set_active(user_id):
    viewer, s = current_viewer(), services()
    s.users.admin_user(viewer, user_id)
    form = ActiveForm()
    if not form.validate_on_submit() or form.active.data not in ("0", "1"):
        return _render_user(user_id, 400)
    try:
        s.users.set_active(viewer, user_id, form.active.data == "1")
    except CarnetError as exc:
        if exc.status != 400:
            raise
        flash(label(exc.message), "error")
        return _render_user(user_id, 400)
    flash(_("User enabled.") if form.active.data == "1" else _("User disabled: their sessions and tokens end now."), "info")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.route("/admin/teams", methods=["GET", "POST"])
@login_required
def teams():
    viewer, s = current_viewer(), services()
    team_list = s.users.admin_teams(viewer)
    form = TeamForm()
    if submit(form, lambda: s.users.create_team(viewer, form.name.data)) is not REFUSED:
        return done(_("Team %(team)s was created.", team=form.name.data.strip()), "admin.teams")
    return render_template("admin/teams.html", form=form, teams=team_list), _status()
