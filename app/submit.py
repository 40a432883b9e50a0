"""The one shape of a server-rendered form post: validate the form, ask the service, then either
say what happened and move on (flash and redirect) or show the form again with the service's
refusal next to the field it names (app/people/forms.apply_error).

    saved = submit(form, lambda: s.people.add_position(viewer, person_id, ...), form.FIELDS)
    if saved is not REFUSED:
        return done(_("Position added."), "people.show", person_id=person_id)
    return render_template(..., form=form), 400
"""

from __future__ import annotations

from flask import flash, redirect, url_for

from graph.errors import CarnetError

from .people.forms import apply_error

REFUSED = object()  # what submit() answers when the form is shown again with its errors


def submit(form, action, fields: dict | None = None, *, on_error=None):
    """`action()`'s answer when `form` validates and the service accepts; else REFUSED, the form
    carrying the errors. `fields` maps service field names to form fields; `on_error(exc)`
    replaces apply_error where a form places errors its own way."""
    if not form.validate_on_submit():
        return REFUSED
    try:
        return action()
    except CarnetError as exc:
        if on_error:
            on_error(exc)
        else:
            apply_error(form, exc, fields)
        return REFUSED


def done(message: str, endpoint: str, **values):
    """Flash `message` and go to `endpoint` (the page that shows what was done)."""
    flash(message, "info")
    return redirect(url_for(endpoint, **values))
