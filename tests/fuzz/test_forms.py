"""Hypothesis over the web forms: every form page of tests/security/routes.py (a rule with GET
and POST) and the POST-only forms named in SETUP, submitted signed in with a valid CSRF token
and plausible or arbitrary, oversized, nasty, missing, doubled or stray fields.

The form is read from the rendered page, so its fields follow the templates. Each answer must
not be a 5xx, and a refusal (any 4xx: the form shown again with its errors, or 403/404) must
write nothing but log records, which no cache keeps (a wrong current password is counted)."""

from __future__ import annotations

import collections
import dataclasses

import pytest
from hypothesis import given
from werkzeug.datastructures import MultiDict

from graph import changes
from tests.conftest import login
from tests.fuzz.conftest import fuzz_settings, note_activity, scaled
from tests.fuzz.forms import post_form, submissions
from tests.security.routes import ROUTES, USERS, params_for
from tests.security.test_authorization_matrix import fill

EXAMPLES = scaled(16)  # per form


@dataclasses.dataclass(frozen=True)
class Setup:
    page: str | None = None      # the page that shows the form, when it is not the form's own rule
    params: dict = dataclasses.field(default_factory=dict)  # placeholder -> world key, over params_for
    actor: str | None = None     # who submits, when not the first of owner/manager/admin let through


SETUP = {
    "/people/<person_id>/know": Setup("/people/<person_id>", {"person_id": "stranger"}),
    "/events/<event_id>/nominate": Setup("/events/<event_id>"),
    "/accounts/<org_id>/plan/influences": Setup("/accounts/<org_id>/plan"),
    "/admin/users/<user_id>/team": Setup("/admin/users/<user_id>"),
    "/intros/new": Setup(actor="carol"),
    "/signals/suggestions/<suggestion_id>/decision": Setup("/signals"),  # the user's own suggestions
    "/signals/upload": Setup("/signals"),  # alice has nobody to ask; bob already asked (build_world)
}
# Form pages not fuzzed here, and why.
NOT_FUZZED = {
    "/login": "signing in: tests/security",
    "/logout": "signing out: tests/security",
    "/policy/reapply": "a confirm button: only its CSRF token",
}
# Forms whose fuzzed submissions are all refused, and why.
ALWAYS_REFUSED = {"/imports": "needs a real file upload",
                  "/account/password": "needs the current password (changing it: tests/api/test_accounts.py)",
                  "/connections": "needs a live server on the allow-list (connecting: tests/connections)"}

FORMS = sorted({rule for rule, method in ROUTES if method == "POST" and (rule, "GET") in ROUTES
                and not rule.startswith("/api/")} - set(NOT_FUZZED) | set(SETUP))


def actor(rule: str) -> str:
    """The first of owner, manager, admin the route lets through (the deepest code runs for them)."""
    if SETUP.get(rule, Setup()).actor:
        return SETUP[rule].actor
    expect = ROUTES[(rule, "POST")]
    return next(USERS[role] for role in ("owner", "manager", "admin") if expect.code(role) in "KM")


def form_page(rule: str, world: dict) -> tuple[str, str]:
    """(URL the form posts to, URL of the page that shows it)."""
    setup = SETUP.get(rule, Setup())
    values = params_for(rule, ROUTES[(rule, "POST")], world, None)
    values.update({name: world[key] for name, key in setup.params.items()})
    page_rule = setup.page or rule
    query = ROUTES[(page_rule, "GET")].query.format(**dict(values, person=world["contacts"]["exclusive"]))
    return fill(rule, values), fill(page_rule, values) + (f"?{query}" if query else "")


def test_every_setup_names_a_post_route():
    assert set(SETUP) <= {rule for rule, method in ROUTES if method == "POST"}


@pytest.mark.parametrize("rule", FORMS)
def test_form(app, client, store, web_cast, world, known_ids, rule):
    url, page = form_page(rule, world)
    login(client, actor(rule))
    note_activity(app, web_cast.id(actor(rule)))
    shown = client.get(page)
    assert shown.status_code == 200, f"GET {page}: {shown.status_code}"
    form = post_form(shown.get_data(as_text=True), page, url)
    assert form is not None, f"no form posting to {url} on {page}"
    token = form.fields["csrf_token"].value
    seen: collections.Counter = collections.Counter()

    @fuzz_settings(EXAMPLES)
    @given(submission=submissions(form, known_ids))
    def fuzz(submission):
        before = store.version()
        pairs = [(name, value) for name, values in submission.items() for value in values]
        response = client.post(url, data=MultiDict(pairs + [("csrf_token", token)]))
        seen[response.status_code] += 1
        assert response.status_code < 500, response.get_data(as_text=True)[:500]
        if response.status_code >= 400:  # refused: nothing written but log records (a guessed password's count)
            _, written = store.changes_since(before)
            assert written is not None and all(c.kind == changes.LOG for c in written), \
                f"refused with {response.status_code} but the graph changed: {written}"

    fuzz()
    assert 0 < sum(seen.values()) <= EXAMPLES
    if rule not in ALWAYS_REFUSED and EXAMPLES >= 8:  # the writes were fuzzed too, not only the refusals
        assert any(status < 400 for status in seen), f"no submission got through: {dict(seen)}"
