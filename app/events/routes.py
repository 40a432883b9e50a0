"""Event pages (/events, /events/<id>), nominations, consents, decisions, outcomes and the inbox.
Each route calls the events service, which decides who may see and do what; a write resolves
its object and checks the role (404/403) before it reads the form (400)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import pgettext
from flask_login import current_user, login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from ..i18n import label
from ..people.forms import ActionForm, iso
from ..submit import REFUSED, done, submit
from . import bp
from .forms import ConsentForm, DecisionForm, EventForm, NominateForm, OutcomeForm


def status_words() -> dict:
    """A nomination's status as the page and the confirmations word it, in the reader's language."""
    return {"pending_owner": _("pending owner"), "pending_manager": _("pending manager"),
            "approved": _("approved"), "rejected": _("rejected")}


def outcome_words() -> dict:
    """A guest's outcome, likewise (in context: an introduction is declined in other words)."""
    return {"attended": pgettext("outcome", "attended"), "declined": pgettext("outcome", "declined"),
            "no_show": pgettext("outcome", "no-show")}


@bp.app_context_processor
def inbox_count():
    """The unread count in the navigation bar (one small read per page)."""
    if not getattr(current_user, "is_authenticated", False):
        return {"unread_notifications": 0}
    try:
        return {"unread_notifications": services().notifications.unread(current_user.viewer)}
    except CarnetError:
        return {"unread_notifications": 0}


@bp.route("/events")
@login_required
def index():
    return render_template("events/index.html", events=services().events.list(current_viewer()))


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new():
    if request.method == "POST":
        services().events.require_organiser(current_viewer())  # 403 before the form is read
    form = EventForm()
    event = submit(form, lambda: services().events.create(current_viewer(), {
        "name": form.name.data, "date": iso(form.date.data), "capacity": form.capacity.data,
        "description": form.description.data}))
    if event is not REFUSED:
        return done(_("Event %(name)s created.", name=event["name"]), "events.show", event_id=event["id"])
    if request.method == "GET" and current_user.role not in ("manager", "admin"):
        return render_template("error.html", status=403, message=_("only managers and admins create events")), 403
    return render_template("events/new.html", form=form), 400 if request.method == "POST" else 200


def _render(event_id: str, status: int = 200, **forms):
    event = services().events.page(current_viewer(), event_id)
    forms.setdefault("nominate_form", NominateForm(formdata=None))
    return render_template("events/show.html", event=event, decision_form=DecisionForm(formdata=None),
                           status_words=status_words(), outcome_words=outcome_words(),
                           consent_form=ConsentForm(formdata=None), outcome_form=OutcomeForm(formdata=None),
                           **forms), status


@bp.route("/events/<event_id>")
@login_required
def show(event_id):
    return _render(event_id)


@bp.route("/events/<event_id>/nominate", methods=["POST"])
@login_required
def nominate(event_id):
    viewer, s = current_viewer(), services()
    s.events.require_nominator(viewer, event_id)
    form = NominateForm()
    n = submit(form, lambda: s.events.nominate(viewer, event_id, {
        "person_id": s.people.resolve(viewer, form.person.data, form.person_id.data, field="person_id"),
        "reason": form.reason.data}), form.FIELDS)
    if n is not REFUSED:
        return done(_("%(name)s nominated: waiting for the owners' consent.", name=n["person_name"])
                    if n["status"] == "pending_owner" else
                    _("%(name)s nominated: waiting for the manager's decision.", name=n["person_name"]),
                    "events.show", event_id=event_id)
    return _render(event_id, 400, nominate_form=form)


def _answer(nomination_id: str, require, form_class, call, said):
    """Consent, decision or outcome: `require` resolves the nomination and checks the role (404/403)
    before the form is read; then one service call, whose errors come back as a flash on the
    event page. `said` turns the answer into the confirmation shown."""
    viewer = current_viewer()
    n = require(viewer, nomination_id)
    form = form_class()
    if not form.validate_on_submit():
        errors = [e for f in form if f.name != "csrf_token" for e in f.errors]
        flash(label(errors[0]) if errors else _("The form expired; try again."), "error")
        return redirect(url_for("events.show", event_id=n["event_id"]))
    data = {f.name: f.data for f in form if f.name != "csrf_token"}
    try:
        result = call(viewer, nomination_id, data)
    except CarnetError as exc:
        if exc.status not in (400, 409):
            raise
        flash(label(exc.message), "error")
        return _render(n["event_id"], exc.status)
    flash(_("%(name)s: %(answer)s.", name=n["person_name"], answer=said(result)), "info")
    return redirect(url_for("events.show", event_id=n["event_id"]))


def _status(result: dict) -> str:
    return status_words().get(result["status"], result["status"])


@bp.route("/nominations/<nomination_id>/consent", methods=["POST"])
@login_required
def consent(nomination_id):
    e = services().events
    return _answer(nomination_id, e.require_consenter, ConsentForm, e.consent, _status)


@bp.route("/nominations/<nomination_id>/decision", methods=["POST"])
@login_required
def decide(nomination_id):
    e = services().events
    return _answer(nomination_id, e.require_decider, DecisionForm, e.decide, _status)


@bp.route("/nominations/<nomination_id>/outcome", methods=["POST"])
@login_required
def record_outcome(nomination_id):
    e = services().events
    return _answer(nomination_id, e.require_outcome_recorder, OutcomeForm, e.record_outcome,
                   lambda r: _("outcome recorded (%(outcome)s); the owners are told",
                               outcome=outcome_words()[r["outcome"]]))


@bp.route("/notifications")
@login_required
def inbox():
    return render_template("events/inbox.html", items=services().notifications.inbox(current_viewer()),
                           action=ActionForm())


@bp.route("/notifications/read", methods=["POST"])
@login_required
def mark_read():
    if ActionForm().validate_on_submit():
        services().notifications.mark_read(current_viewer(), request.form.get("id") or None)
    return redirect(url_for("events.inbox"))
