"""Event pages (/events, /events/<id>), nominations, consents and decisions, and the inbox.
Each route calls the events service, which decides who may see and do what."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from graph.errors import CarnetError

from ..auth.session import current_viewer
from ..extensions import services
from ..people.forms import ActionForm, apply_error, iso
from . import bp
from .forms import ConsentForm, DecisionForm, EventForm, NominateForm


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
    form = EventForm()
    if form.validate_on_submit():
        try:
            event = services().events.create(current_viewer(), {
                "name": form.name.data, "date": iso(form.date.data), "capacity": form.capacity.data,
                "description": form.description.data})
        except CarnetError as exc:
            apply_error(form, exc)
        else:
            flash(f"Event {event['name']} created.", "info")
            return redirect(url_for("events.show", event_id=event["id"]))
    elif request.method == "GET" and current_user.role not in ("manager", "admin"):
        return render_template("error.html", status=403, message="only managers and admins create events"), 403
    return render_template("events/new.html", form=form), 400 if request.method == "POST" else 200


def _render(event_id: str, status: int = 200, **forms):
    event = services().events.page(current_viewer(), event_id)
    forms.setdefault("nominate_form", NominateForm(formdata=None))
    return render_template("events/show.html", event=event, decision_form=DecisionForm(formdata=None),
                           consent_form=ConsentForm(formdata=None), **forms), status


@bp.route("/events/<event_id>")
@login_required
def show(event_id):
    return _render(event_id)


@bp.route("/events/<event_id>/nominate", methods=["POST"])
@login_required
def nominate(event_id):
    form = NominateForm()
    viewer, s = current_viewer(), services()
    if form.validate_on_submit():
        try:
            person_id = s.people.resolve(viewer, form.person.data, form.person_id.data, field="person_id")
            n = s.events.nominate(viewer, event_id, {"person_id": person_id, "reason": form.reason.data})
        except CarnetError as exc:
            apply_error(form, exc, form.FIELDS)
        else:
            waiting = "the owners' consent" if n["status"] == "pending_owner" else "the manager's decision"
            flash(f"{n['person_name']} nominated: waiting for {waiting}.", "info")
            return redirect(url_for("events.show", event_id=event_id))
    return _render(event_id, 400, nominate_form=form)


def _answer(nomination_id: str, form, call):
    """Consent or decision: one service call; errors come back as a flash on the event page."""
    viewer, s = current_viewer(), services()
    n = s.events.get_nomination(viewer, nomination_id)
    if not form.validate_on_submit():
        flash("Choose an answer." if form.decision.errors else "The form expired; try again.", "error")
        return redirect(url_for("events.show", event_id=n["event_id"]))
    try:
        result = call(viewer, nomination_id, {"decision": form.decision.data, "reason": form.reason.data})
    except CarnetError as exc:
        if exc.status not in (400, 409):
            raise
        flash(exc.message, "error")
        return _render(n["event_id"], exc.status)
    flash(f"{n['person_name']}: {result['status'].replace('_', ' ')}.", "info")
    return redirect(url_for("events.show", event_id=n["event_id"]))


@bp.route("/nominations/<nomination_id>/consent", methods=["POST"])
@login_required
def consent(nomination_id):
    return _answer(nomination_id, ConsentForm(), services().events.consent)


@bp.route("/nominations/<nomination_id>/decision", methods=["POST"])
@login_required
def decide(nomination_id):
    return _answer(nomination_id, DecisionForm(), services().events.decide)


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
