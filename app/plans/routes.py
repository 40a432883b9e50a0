"""Account plan pages (/accounts/<org_id>/plan, CONTRACT): the one-screen plan, its print view,
CSV/JSON export, the power-map picture, and the forms that change it. Every figure comes from
graph.services.plans, already shaped for the viewer; routes only render."""

from __future__ import annotations

import csv
import io
import json

from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from graph.errors import CarnetError, Forbidden, ValidationError

from ..auth.session import current_viewer
from ..extensions import services
from ..pictures import render
from ..submit import REFUSED, done, submit
from . import bp, pick
from .forms import ActionForm, InfluenceForm, MemberForm, PlanForm


def _plan_url(org_id: str, anchor: str | None = None) -> str:
    return url_for("plans.show", org_id=org_id, _anchor=anchor)


def _status() -> int:
    return 400 if request.method == "POST" else 200


def _influence_pickers(form, members) -> tuple:
    """Who listens, and to whom: both among the plan's members."""
    items = pick.members(members)
    return pick.Picker(items, form.to_id, form.to_name), pick.Picker(items, form.from_id, form.from_name)


def _show(data, form, status=200):
    to, from_ = _influence_pickers(form, data["members"])
    return render_template("plans/show.html", influence_form=form, influence_pickers=(to, from_), **data), status


# -- reading --------------------------------------------------------------------------------------
@bp.route("/accounts/<org_id>/plan")
@login_required
def show(org_id):
    return _show(services().plans.get(current_viewer(), org_id), InfluenceForm())


# -- type-to-find feeds of the plan forms (app/plans/pick.py): {"items": [{"id", "label"}]} ---------
def _suggest(items):
    return jsonify(items=pick.matches(items, request.args.get("q")))


@bp.route("/accounts/<org_id>/plan/staff/suggest")
@login_required
def suggest_staff(org_id):
    """Staff of the account not yet in the plan (those who may edit it only)."""
    return _suggest(pick.staff(services().plans.member_form(current_viewer(), org_id)["staff"]))


@bp.route("/accounts/<org_id>/plan/dmu/suggest")
@login_required
def suggest_members(org_id):
    """Members of the plan."""
    return _suggest(pick.members(services().plans.action_form(current_viewer(), org_id)["members"]))


@bp.route("/accounts/<org_id>/plan/colleagues/suggest")
@login_required
def suggest_colleagues(org_id):
    """Colleagues the viewer may make owner of an action (a rep: only themself)."""
    return _suggest(pick.colleagues(services().plans.action_form(current_viewer(), org_id)["owners"]))


@bp.route("/accounts/<org_id>/plan/print")
@login_required
def print_view(org_id):
    return render_template("plans/print.html", **services().plans.get(current_viewer(), org_id))


@bp.route("/accounts/<org_id>/plan.json")
@login_required
def export_json(org_id):
    from ..api.jsonio import plain

    data = services().plans.get(current_viewer(), org_id)
    body = json.dumps(plain(data), ensure_ascii=False, indent=2, sort_keys=True)
    return current_app.response_class(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="account-plan-{data["account"]["id"]}.json"'})


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _coverage_text(member: dict) -> str:
    return "; ".join(f"{c['colleague_name']} ({'locked, known by ' + (c['owner_name'] or '?') if c['locked'] else c['strength']})"
                     for c in member["coverage"])


@bp.route("/accounts/<org_id>/plan.csv")
@login_required
def export_csv(org_id):
    """The DMU table, one member per row (?part=actions: the actions)."""
    data = services().plans.get(current_viewer(), org_id, paths=False)
    out = io.StringIO()
    writer = csv.writer(out)
    if request.args.get("part") == "actions":
        writer.writerow(["title", "owner", "due", "status", "overdue", "member"])
        for a in data["actions"]:
            writer.writerow([_cell(x) for x in (a["title"], a["owner_name"], a.get("due"), a["status"],
                                                "yes" if a["overdue"] else "", a.get("member_name"))])
        name = "actions"
    else:
        writer.writerow(["person_id", "name", "title", "role", "stance", "influence", "coverage", "left",
                         "successors", "notes"])
        for m in data["members"]:
            writer.writerow([_cell(x) for x in (
                m["person_id"], m["name"], m["title"], m["role"], m["stance"], m["influence"], _coverage_text(m),
                "yes" if m["left"] else "", "; ".join(s["name"] for s in m["successors"]), m["notes"])])
        name = "members"
    return current_app.response_class(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="account-plan-{data["account"]["id"]}-{name}.csv"'})


@bp.route("/accounts/<org_id>/plan/power-map.json")
@login_required
def power_map(org_id):
    """The power-map picture's data (picture.js draws it); errors in JSON, like every picture."""
    try:
        data = services().plans.get(current_viewer(), org_id, paths=False)
    except CarnetError as exc:
        response = render.json_response({"error": exc.message})
        response.status_code = exc.status
        return response
    return render.json_response(render.power_map(data))


# -- the plan itself (managers, admins) ------------------------------------------------------------
@bp.route("/accounts/<org_id>/plan/edit", methods=["GET", "POST"])
@login_required
def edit(org_id):
    viewer, plans = current_viewer(), services().plans
    if request.method == "GET":
        data = plans.get(viewer, org_id, paths=False)
        if not data["can_edit"]:
            raise Forbidden("only managers and admins may change an account plan")
        p = data["plan"]
        form = PlanForm(data={"period_start": p.get("period_start"), "period_end": p.get("period_end"),
                              "status": p.get("status") or "draft", "objectives": "\n".join(p["objectives"])})
        return render_template("plans/plan_form.html", form=form, account=data["account"])
    plans.require_editor(viewer, org_id)
    form = PlanForm()
    if submit(form, lambda: plans.update(viewer, org_id, {
            "period_start": form.period_start.data, "period_end": form.period_end.data,
            "status": form.status.data, "objectives": form.objectives.data or ""})) is not REFUSED:
        return done(_("The plan was saved."), "plans.show", org_id=org_id)
    account = plans.account(viewer, org_id)
    return render_template("plans/plan_form.html", form=form, account=account), _status()


# -- members -----------------------------------------------------------------------------------------
def _member_page(org_id, person_id):
    viewer, plans = current_viewer(), services().plans
    data = plans.member_form(viewer, org_id, person_id)
    member = data.get("member")
    if request.method == "GET" and member:
        form = MemberForm(data={"role": member["role"], "stance": member["stance"],
                                "influence": str(member["influence"]), "notes": member.get("notes")})
    else:
        form = MemberForm()
    pickers = () if member else (pick.Picker(pick.staff(data["staff"]), form.person_id, form.person_name,
                                             blank=_("Choose a person…")),)

    def save():
        pid = person_id or pickers[0].chosen()
        if not pid:
            raise ValidationError("choose a person who works at the account", "person_id")
        plans.set_member(viewer, org_id, pid, {"role": form.role.data, "stance": form.stance.data,
                                               "influence": form.influence.data, "notes": form.notes.data})

    if submit(form, save, on_error=lambda exc: pick.apply_pick_error(form, exc, *pickers)) is not REFUSED:
        return done(_("The member was saved."), "plans.show", org_id=org_id, _anchor="dmu")
    return render_template("plans/member_form.html", form=form, pickers=pickers, **data), _status()


@bp.route("/accounts/<org_id>/plan/members/new", methods=["GET", "POST"])
@login_required
def new_member(org_id):
    return _member_page(org_id, None)


@bp.route("/accounts/<org_id>/plan/members/<person_id>", methods=["GET", "POST"])
@login_required
def edit_member(org_id, person_id):
    return _member_page(org_id, person_id)


@bp.post("/accounts/<org_id>/plan/members/<person_id>/remove")
@login_required
def remove_member(org_id, person_id):
    services().plans.remove_member(current_viewer(), org_id, person_id)  # CSRF: checked app-wide
    flash(_("The member was taken out of the plan."), "info")
    return redirect(_plan_url(org_id, "dmu"))


# -- influence lines -----------------------------------------------------------------------------------
@bp.post("/accounts/<org_id>/plan/influences")
@login_required
def add_influence(org_id):
    """Added from the plan page; on bad input the page comes back with the error at the field."""
    viewer, plans = current_viewer(), services().plans
    form = InfluenceForm()
    plans.require_editor(viewer, org_id)
    pickers = _influence_pickers(form, plans.action_form(viewer, org_id)["members"])
    try:
        to_id, from_id = (p.chosen() for p in pickers)
        plans.add_influence(viewer, org_id, {"from_id": from_id, "to_id": to_id})
    except CarnetError as exc:
        pick.apply_pick_error(form, exc, *pickers)
        return _show(plans.get(viewer, org_id), form, 400)
    flash(_("The influence line was added."), "info")
    return redirect(_plan_url(org_id, "influence"))


@bp.post("/accounts/<org_id>/plan/influences/<line_id>/remove")
@login_required
def remove_influence(org_id, line_id):
    services().plans.remove_influence(current_viewer(), org_id, line_id)
    flash(_("The influence line was removed."), "info")
    return redirect(_plan_url(org_id, "influence"))


# -- actions -------------------------------------------------------------------------------------------
def _action_page(org_id, action_id):
    viewer, plans = current_viewer(), services().plans
    data = plans.action_form(viewer, org_id, action_id)
    action = data["action"]
    if request.method == "GET":
        defaults = {"owner": viewer.user_id, "status": "open", "member_id": request.args.get("member", "")}
        if action:
            defaults = {"title": action["title"], "owner": action["owner"], "due": action.get("due"),
                        "status": action["status"], "member_id": action.get("member_id") or ""}
        form = ActionForm(data=defaults)
    else:
        form = ActionForm()
    owner = pick.Picker(pick.colleagues(data["owners"]), form.owner, form.owner_name, what="colleague")
    about = pick.Picker(pick.members(data["members"]), form.member_id, form.member_name,
                        blank=_("Nobody in particular"), what="member")

    def save():
        fields = {"title": form.title.data, "owner": owner.chosen(), "due": form.due.data or None,
                  "status": form.status.data, "member_id": about.chosen()}
        if action:
            plans.update_action(viewer, org_id, action["id"], fields)
        else:
            plans.add_action(viewer, org_id, fields)

    if submit(form, save, on_error=lambda exc: pick.apply_pick_error(form, exc, owner, about)) is not REFUSED:
        return done(_("The action was saved."), "plans.show", org_id=org_id, _anchor="actions")
    return render_template("plans/action_form.html", form=form, owner_picker=owner, about_picker=about,
                           **data), _status()


@bp.route("/accounts/<org_id>/plan/actions/new", methods=["GET", "POST"])
@login_required
def new_action(org_id):
    return _action_page(org_id, None)


@bp.route("/accounts/<org_id>/plan/actions/<action_id>", methods=["GET", "POST"])
@login_required
def edit_action(org_id, action_id):
    return _action_page(org_id, action_id)


@bp.post("/accounts/<org_id>/plan/actions/<action_id>/remove")
@login_required
def remove_action(org_id, action_id):
    services().plans.delete_action(current_viewer(), org_id, action_id)
    flash(_("The action was deleted."), "info")
    return redirect(_plan_url(org_id, "actions"))
