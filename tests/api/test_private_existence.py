"""A private relationship is invisible to everyone but its owner: not one answer another user
can get — pages, JSON, paths, plans, search, alerts, audit, adoption, a write of their own —
differs because it exists.

Differential: every observer's answers are taken, the owner records private relationships
(a strong one to a decision maker, one between two contacts, one to a colleague's contact),
alerts are evaluated again, and every answer is taken again and compared byte for byte."""

from __future__ import annotations

import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import login

OBSERVERS = ("alice", "carol", "mona", "sam", "ada")
CSRF = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+(")|(<meta name="csrf-token" content=")[^"]+(")')


@pytest.fixture
def world(app, api):
    s, cast = app.extensions["carnet"], api.cast
    acme = s.organisations.create(SYSTEM, {"name": "Acme Industries", "kind": "account"})["id"]
    target = s.people.create(SYSTEM, {"name": "Tina Target", "title": "CFO", "organisation_id": acme,
                                      "email": "tina@acme.example", "phone": "+33 1 23 45 67 89"})["id"]
    middle = s.people.create(SYSTEM, {"name": "Max Middle", "title": "Buyer", "organisation_id": acme,
                                      "email": "max@acme.example"})["id"]
    far = s.people.create(SYSTEM, {"name": "Fay Far", "title": "Consultant"})["id"]
    mona = cast.viewer("mona")
    s.plans.set_member(mona, acme, target, {"role": "decision_maker", "stance": "neutral", "influence": 5})
    s.plans.set_member(mona, acme, middle, {"role": "user", "stance": "ally", "influence": 2})
    s.relationships.create(cast.viewer("alice"), {"person_id": cast.person("alice"), "other_id": middle,
                                                  "strength": 4, "visibility": "team"})
    s.relationships.create(cast.viewer("carol"), {"person_id": cast.person("carol"), "other_id": target,
                                                  "strength": 2, "visibility": "exclusive"})
    s.relationships.create(cast.viewer("carol"), {"person_id": cast.person("carol"), "other_id": far,
                                                  "strength": 3, "visibility": "company"})
    s.alerts.run()
    return {"acme": acme, "target": target, "middle": middle, "far": far}


def snapshot(app, api, world) -> dict:
    """Everything each observer can read that a private relationship might colour."""
    out = {}
    t, m, acme = world["target"], world["middle"], world["acme"]
    for who in OBSERVERS:
        for path in (f"/api/people/{t}", f"/api/people/{m}", f"/api/paths?target={t}",
                     f"/api/paths?target={world['far']}", f"/api/accounts/{acme}/plan",
                     "/api/search?q=Tina", "/api/search?q=acme", "/api/alerts", "/api/audit", "/api/adoption"):
            response = api.get(who, path)
            out[(who, path)] = (response.status_code, response.get_data(as_text=True))
        client = app.test_client()
        login(client, who)
        for page in (f"/people/{t}", f"/people/{t}/paths", f"/people/{m}", f"/accounts/{acme}/plan",
                     f"/organisations/{acme}", "/alerts", "/audit", "/adoption", "/search?q=Tina"):
            response = client.get(page)
            out[(who, page)] = (response.status_code, CSRF.sub(r"\1\2\3\4", response.get_data(as_text=True)))
    return out


def test_no_answer_to_anyone_else_changes_when_a_private_relationship_exists(app, api, world):
    s, cast = app.extensions["carnet"], api.cast
    before = snapshot(app, api, world)
    assert '"alerts": []' not in before[("mona", "/api/alerts")][1].replace(" ", "")  # the plan's gap alerts
    bob = cast.viewer("bob")
    s.relationships.create(bob, {"person_id": cast.person("bob"), "other_id": world["target"],
                                 "strength": 5, "visibility": "private", "notes": "golf partner"})
    s.relationships.create(bob, {"person_id": world["middle"], "other_id": world["target"],
                                 "strength": 5, "visibility": "private"})
    s.relationships.create(bob, {"person_id": cast.person("bob"), "other_id": world["far"],
                                 "strength": 4, "visibility": "private"})
    s.alerts.run()
    after = snapshot(app, api, world)
    changed = sorted(key for key in before if before[key] != after[key])
    assert not changed, f"answers that tell a private relationship exists: {changed}"


def test_recording_ones_own_relationship_answers_the_same_whether_a_private_one_exists(app, api, world):
    s, cast = app.extensions["carnet"], api.cast
    s.relationships.create(cast.viewer("bob"), {"person_id": world["middle"], "other_id": world["target"],
                                                "strength": 5, "visibility": "private"})
    answers = []
    for pair in ((world["middle"], world["target"]), (world["far"], world["target"])):  # with and without
        response = api.post("alice", "/api/relationships", {"person_id": pair[0], "other_id": pair[1],
                                                             "strength": 3, "visibility": "team"})
        body = response.get_json()
        answers.append((response.status_code, sorted(body)))
    assert answers[0] == answers[1]
    assert answers[0][0] == 201


def test_a_private_relationship_answers_404_like_an_unknown_one_to_everyone_else(app, api, world):
    s, cast = app.extensions["carnet"], api.cast
    rel = s.relationships.create(cast.viewer("bob"), {"person_id": cast.person("bob"), "other_id": world["target"],
                                                      "strength": 5, "visibility": "private"})
    for who in OBSERVERS:
        for method in ("GET", "PATCH", "DELETE"):
            kwargs = {"json": {"strength": 1}} if method == "PATCH" else {}
            known = api.call(method, who, f"/api/relationships/{rel['id']}", **kwargs)
            unknown = api.call(method, who, "/api/relationships/no-such-relationship", **kwargs)
            assert (known.status_code, known.get_json()) == (unknown.status_code, unknown.get_json()) \
                == (404, unknown.get_json()), (who, method)
