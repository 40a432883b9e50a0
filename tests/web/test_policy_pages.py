"""Policy pages: admins add and reorder rules with the form, preview and apply re-application;
reps read the rules and see on the 'I know this person' form which rule decides and why."""

from __future__ import annotations

import html

from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login


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
