"""Policy pages: admins add and reorder rules with the form, preview and apply re-application;
reps read the rules and see on the 'I know this person' form which rule decides and why; owners
answer their exclusivity reviews on /reviews."""

from __future__ import annotations

import html

import pytest

from graph.clock import FixedClock
from graph.policy import DAY_MS
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, csrf_token, login

NOW_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z


@pytest.fixture
def app(store):
    """The app on a clock that moves only when a test says so (reviews fall due with time)."""
    from app import create_app

    return create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH},
                      store=store, clock=FixedClock(NOW_MS))


def svc(app):
    return app.extensions["carnet"]


def test_admin_adds_a_rule_and_the_rep_sees_it_decide(app, client, web_cast):
    s = svc(app)
    org = s.organisations.create(SYSTEM, {"name": "Ministry", "kind": "account", "sector": "Public"})
    person = s.people.create(SYSTEM, {"name": "Olga Official", "organisation_id": org["id"]})
    login(client, "ada")
    token = csrf_token(client, "/policy/new")
    bad = client.post("/policy/new", data={"csrf_token": token, "name": "", "outcome": "company", "mode": "default"})
    assert bad.status_code == 400 and "name is required" in bad.get_data(as_text=True)
    assert len(s.policy.rules()) == 1
    response = client.post("/policy/new", data={
        "csrf_token": token, "name": "Public sector", "sector": "Public", "org_kind": "", "min_strength": "",
        "team_id": "", "outcome": "company", "mode": "forced", "reason": "Public-sector accounts are shared"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/policy/reapply")
    assert [(r["name"], r["outcome"], r["mode"]) for r in s.policy.rules()] == \
        [("Public sector", "company", "forced"), ("Default: exclusive", "exclusive", "default")]
    page = client.get("/policy").get_data(as_text=True)
    assert "Public sector" in page and "sector Public" in page and "Add a rule" in page
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})

    login(client, "alice")
    listing = client.get("/policy").get_data(as_text=True)
    assert "Public sector" in listing and "Add a rule" not in listing
    assert client.get("/policy/new").status_code == 403
    page = html.unescape(client.get(f"/people/{person['id']}").get_data(as_text=True))
    assert "Sharing rule “Public sector”: company (forced) — Public-sector accounts are shared" in page
    token = csrf_token(client, f"/people/{person['id']}")
    refused = client.post(f"/people/{person['id']}/know", data={"csrf_token": token, "strength": "3",
                                                                "visibility": "private"})
    assert refused.status_code == 400 and "Public sector" in html.unescape(refused.get_data(as_text=True))
    ok = client.post(f"/people/{person['id']}/know", data={"csrf_token": token, "strength": "3", "visibility": ""},
                     follow_redirects=True)
    assert "by the rule “Public sector”" in html.unescape(ok.get_data(as_text=True))
    rel = s.relationships.owned(web_cast.viewer("alice"))[0]
    assert rel["visibility"] == "company"


def test_reapply_page_previews_then_applies(app, client, web_cast):
    s = svc(app)
    org = s.organisations.create(SYSTEM, {"name": "Ministry", "kind": "account", "sector": "Public"})
    person = s.people.create(SYSTEM, {"name": "Olga Official", "organisation_id": org["id"]})
    rel = s.relationships.create(web_cast.viewer("bob"), {"person_id": web_cast.person("bob"),
                                                          "other_id": person["id"], "strength": 2})
    s.policy.create(web_cast.viewer("ada"), {"name": "Public sector", "sector": "Public", "outcome": "team"})
    login(client, "ada")
    page = client.get("/policy/reapply").get_data(as_text=True)
    assert "Bob — Olga Official" in page and "Apply 1 change(s)" in page
    assert s.relationships.get(SYSTEM, rel["id"])["visibility"] == "exclusive"  # preview writes nothing
    response = client.post("/policy/reapply", data={"csrf_token": csrf_token(client, "/policy/reapply")})
    assert response.status_code == 302
    assert s.relationships.get(SYSTEM, rel["id"])["visibility"] == "team"
    assert "Nothing would change" in client.get("/policy/reapply").get_data(as_text=True)


def test_admin_moves_and_deletes_rules(app, client, web_cast):
    s = svc(app)
    ada = web_cast.viewer("ada")
    first = s.policy.create(ada, {"name": "First", "outcome": "team", "min_strength": 5})
    s.policy.create(ada, {"name": "Second", "outcome": "company", "min_strength": 4})
    login(client, "ada")
    token = csrf_token(client, "/policy")
    assert client.post(f"/policy/{first['id']}/move/down", data={"csrf_token": token}).status_code == 302
    assert [r["name"] for r in s.policy.rules()] == ["Second", "First", "Default: exclusive"]
    assert client.post(f"/policy/{first['id']}/delete", data={"csrf_token": token}).status_code == 302
    default = s.policy.rules()[-1]
    assert client.post(f"/policy/{default['id']}/delete", data={"csrf_token": token}).status_code == 409
    assert [r["name"] for r in s.policy.rules()] == ["Second", "Default: exclusive"]
    edit = client.get(f"/policy/{default['id']}/edit").get_data(as_text=True)
    assert 'name="sector"' not in edit and 'name="outcome"' in edit


def test_rule_form_sets_the_plan_role_condition_and_the_review(app, client, web_cast):
    s = svc(app)
    login(client, "ada")
    token = csrf_token(client, "/policy/new")
    form = {"csrf_token": token, "name": "DMs reviewed", "org_kind": "", "min_strength": "", "team_id": "",
            "plan_role": "decision_maker", "outcome": "exclusive", "mode": "default", "review_days": "30",
            "review_grace_days": "7"}
    bad = client.post("/policy/new", data=dict(form, review_grace_days="0"))
    assert bad.status_code == 400 and "answer period must be 1 to 365 days" in bad.get_data(as_text=True)
    assert client.post("/policy/new", data=dict(form, plan_role="king")).status_code == 400
    assert client.post("/policy/new", data=form).status_code == 302
    rule = s.policy.rules()[0]
    assert (rule["plan_role"], rule["review_days"], rule["review_grace_days"]) == ("decision_maker", 30, 7)
    page = html.unescape(client.get("/policy").get_data(as_text=True))
    assert "contact is Decision maker in an account plan" in page and "30 days, answer within 7" in page
    edit = client.get(f"/policy/{rule['id']}/edit").get_data(as_text=True)
    assert '<option selected value="decision_maker">' in edit
    assert 'name="review_grace_days" type="number" value="7"' in edit


def test_owner_answers_reviews_on_the_reviews_page(app, client, web_cast):
    s = svc(app)
    org = s.organisations.create(SYSTEM, {"name": "Acme", "kind": "account", "sector": "Energy"})
    s.policy.create(web_cast.viewer("ada"), {"name": "Energy reviewed", "sector": "Energy", "outcome": "exclusive",
                                             "review_days": 30})
    alice = web_cast.viewer("alice")
    rels = {}
    for name in ("Xavier", "Yasmin"):
        person = s.people.create(SYSTEM, {"name": name, "organisation_id": org["id"]})
        rels[name] = s.relationships.create(alice, {"person_id": alice.person_id, "other_id": person["id"],
                                                    "strength": 3})["id"]
    s.clock.advance(31 * DAY_MS)
    assert len(s.reviews.run()["asked"]) == 2

    login(client, "bob")
    assert "Nothing to review" in client.get("/reviews").get_data(as_text=True)
    token = csrf_token(client, "/reviews")
    refused = client.post(f"/reviews/{rels['Xavier']}", data={"csrf_token": token, "decision": "release"})
    assert refused.status_code == 403
    client.post("/logout", data={"csrf_token": token})

    login(client, "alice")
    page = client.get("/reviews").get_data(as_text=True)
    assert "Xavier" in page and "Yasmin" in page and "2026-02-15 00:00:00 UTC" in page and 'value="confirm"' in page
    assert 'href="/reviews"' in client.get("/notifications").get_data(as_text=True)
    token = csrf_token(client, "/reviews")
    kept = client.post(f"/reviews/{rels['Xavier']}", data={"csrf_token": token, "decision": "confirm"},
                       follow_redirects=True)
    assert "Xavier: kept exclusive; the next review is in 30 days." in kept.get_data(as_text=True)
    shared = client.post(f"/reviews/{rels['Yasmin']}", data={"csrf_token": token, "decision": "release"},
                         follow_redirects=True)
    assert "Yasmin: now shared with your team." in shared.get_data(as_text=True)
    assert "Nothing to review" in shared.get_data(as_text=True)
    again = client.post(f"/reviews/{rels['Xavier']}", data={"csrf_token": token, "decision": "confirm"},
                        follow_redirects=True)
    assert "no review is pending" in again.get_data(as_text=True)
    assert s.relationships.get(SYSTEM, rels["Xavier"])["visibility"] == "exclusive"
    assert s.relationships.get(SYSTEM, rels["Yasmin"])["visibility"] == "team"
