"""The introduction pages over real HTTP: from a locked hop (paths page, plan gap) to the form,
the Requests page with accept/decline (CSRF), the credit leaderboard and the read-only,
audited "see as colleague" previews."""

from __future__ import annotations

import html
import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import csrf_token, login


@pytest.fixture
def world(app, web_cast):
    """alice → Marie (5, company) → Paul (carol's exclusive link: locked for alice; carol entered
    his e-mail); Paul is the decision maker of Thales's plan; carol also keeps a private link to Pia."""
    s = app.extensions["carnet"]
    thales = s.organisations.create(SYSTEM, {"name": "Thales", "kind": "account"})["id"]
    marie = s.people.create(SYSTEM, {"name": "Marie Dubois"})["id"]
    paul = s.people.create(web_cast.viewer("carol"), {"name": "Paul Martin", "organisation_id": thales,
                                                      "email": "paul@secret.example"})["id"]
    pia = s.people.create(SYSTEM, {"name": "Pia Private"})["id"]
    s.relationships.create(web_cast.viewer("alice"), {"person_id": web_cast.person("alice"), "other_id": marie,
                                                      "strength": 5, "visibility": "company"})
    rel = s.relationships.create(web_cast.viewer("carol"), {"person_id": marie, "other_id": paul, "strength": 4,
                                                            "visibility": "exclusive"})["id"]
    s.relationships.create(web_cast.viewer("carol"), {"person_id": paul, "other_id": pia, "strength": 5,
                                                      "visibility": "private", "notes": "NOTE-private-MARK"})
    s.plans.set_member(web_cast.viewer("mona"), thales, paul, {"role": "decision_maker", "stance": "ally",
                                                               "influence": 5})
    return {"thales": thales, "marie": marie, "paul": paul, "pia": pia, "rel": rel}


def links_to_form(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'href="(/intros/new\?[^"]+)"', page)]


def test_from_the_locked_hop_to_an_accepted_introduction(app, client, web_cast, world):
    login(client, "alice")
    page = client.get(f"/people/{world['paul']}/paths").get_data(as_text=True)
    assert "Ask Carol for an introduction" in page
    form_url = links_to_form(page)[0]
    form = client.get(form_url).get_data(as_text=True)
    assert "Ask for an introduction to" in form and "Carol" in form and "checked" in form
    response = client.post("/intros/new", data={"csrf_token": csrf_token(client, form_url),
                                                "target_id": world["paul"], "relationship_id": world["rel"],
                                                "message": "Trade fair next week"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/intros")
    mine = client.get("/intros").get_data(as_text=True)
    assert "My requests" in mine and "Paul Martin" in mine and "pending" in mine

    owner = app.test_client()
    login(owner, "carol")
    inbox = owner.get("/intros").get_data(as_text=True)
    assert "Trade fair next week" in inbox and 'value="accept"' in inbox and 'name="csrf_token"' in inbox
    intro_id = re.search(r'action="/intros/([0-9a-f]+)/decision"', inbox).group(1)
    assert owner.post(f"/intros/{intro_id}/decision", data={"decision": "accept"}).status_code == 400  # no CSRF
    response = owner.post(f"/intros/{intro_id}/decision", data={"decision": "accept", "message": "Say hi",
                                                                "csrf_token": csrf_token(owner, "/intros")})
    assert response.status_code == 302
    again = owner.post(f"/intros/{intro_id}/decision", data={"decision": "decline",
                                                             "csrf_token": csrf_token(owner, "/intros")})
    assert again.status_code == 409 and "already accepted" in again.get_data(as_text=True)
    assert "paul@secret.example" in client.get(f"/people/{world['paul']}").get_data(as_text=True)
    assert "Details open to me through introductions" in client.get("/intros").get_data(as_text=True)
    bob = app.test_client()
    login(bob, "bob")
    assert "paul@secret.example" not in bob.get(f"/people/{world['paul']}").get_data(as_text=True)
    assert bob.post(f"/intros/{intro_id}/decision", data={"decision": "accept",
                                                          "csrf_token": csrf_token(bob, "/intros")}).status_code == 404


def test_a_plan_gap_links_to_the_form(client, world):
    login(client, "alice")
    page = client.get(f"/accounts/{world['thales']}/plan").get_data(as_text=True)
    assert "Ask Carol for an introduction" in page
    assert any(f"target={world['paul']}" in url for url in links_to_form(page))


def test_form_refusals_are_shown_and_private_links_stay_hidden(client, world):
    login(client, "alice")
    assert client.get(f"/intros/new?target={world['paul']}&a={world['paul']}&b={world['pia']}").status_code == 404
    assert client.get(f"/intros/new?target={world['paul']}&relationship=nope").status_code == 404
    assert client.get("/intros/new?target=nobody").status_code == 404
    page = client.get(f"/intros/new?target={world['paul']}").get_data(as_text=True)
    assert "Carol" in page and "Pia" not in page and "NOTE-private" not in page
    token = csrf_token(client, f"/intros/new?target={world['paul']}")
    response = client.post("/intros/new", data={"csrf_token": token, "target_id": world["paul"],
                                                "relationship_id": world["rel"], "message": "x" * 5000})
    assert response.status_code == 400 and "longer than" in response.get_data(as_text=True)
    client.post("/intros/new", data={"csrf_token": token, "target_id": world["paul"], "relationship_id": world["rel"]})
    twice = client.post("/intros/new", data={"csrf_token": token, "target_id": world["paul"],
                                             "relationship_id": world["rel"]})
    assert twice.status_code == 400 and "already asked" in twice.get_data(as_text=True)


def test_credit_page_for_managers_and_admins(app, client, web_cast, world):
    s = app.extensions["carnet"]
    intro = s.intros.request(web_cast.viewer("alice"), {"target_id": world["paul"], "relationship_id": world["rel"]})
    s.intros.decide(web_cast.viewer("carol"), intro["id"], {"decision": "accept"})
    login(client, "sam")
    page = client.get("/credit").get_data(as_text=True)
    assert "Contributor credit" in page and "Carol" in page and "Alice" not in page
    assert re.search(r"<td>Carol</td><td>South</td><td>1</td>", page)
    assert client.get("/credit?period=all").status_code == 200
    assert client.get("/credit?period=ever").status_code == 400
    rep = app.test_client()
    login(rep, "carol")
    assert rep.get("/credit").status_code == 403
    assert "/credit" not in rep.get("/").get_data(as_text=True)


def _preview_part(page: str) -> str:
    return page.split('<div class="preview">', 1)[1]


def test_preview_pages_are_read_only_banners_and_audited(app, client, web_cast, world):
    s = app.extensions["carnet"]
    login(client, "sam")  # carol's manager
    carol = web_cast.id("carol")
    for url in (f"/preview/{carol}/people/{world['paul']}", f"/preview/{carol}/people/{world['paul']}/paths",
                f"/preview/{carol}/accounts/{world['thales']}/plan"):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.get_data(as_text=True)
        assert "Viewing as Carol" in page
        part = _preview_part(page)
        assert "<form" not in part and "<button" not in part and "/edit" not in part, url
        assert "Pia" not in page and "NOTE-private" not in page  # carol's private link is hers alone
    person = client.get(f"/preview/{carol}/people/{world['paul']}").get_data(as_text=True)
    assert "paul@secret.example" in person  # carol's exclusive link: she sees his details
    assert len([e for e in s.audit.list(web_cast.viewer("sam")) if e["action"] == "preview.view"]) == 4

    mona = app.test_client()
    login(mona, "mona")
    assert mona.get(f"/preview/{carol}/people/{world['paul']}").status_code == 403  # not her team
    alice = web_cast.id("alice")
    as_alice = mona.get(f"/preview/{alice}/people/{world['paul']}/paths").get_data(as_text=True)
    assert "Viewing as Alice" in as_alice and "known to Carol" in as_alice and "paul@secret" not in as_alice
    rep = app.test_client()
    login(rep, "bob")
    assert rep.get(f"/preview/{alice}/people/{world['paul']}").status_code == 403
    assert rep.get("/preview").status_code == 403


def test_preview_chooser_goes_to_the_page(client, web_cast, world):
    login(client, "mona")
    page = client.get("/preview").get_data(as_text=True)
    assert "Alice" in page and "Bob" in page and "Carol" not in page
    alice = web_cast.id("alice")
    response = client.get("/preview", query_string={"user": alice, "what": "plan", "account": "Thales"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/preview/{alice}/accounts/{world['thales']}/plan")
    response = client.get("/preview", query_string={"user": alice, "what": "paths", "person": "Paul Martin"})
    assert response.headers["Location"].endswith(f"/preview/{alice}/people/{world['paul']}/paths")
    missing = client.get("/preview", query_string={"user": alice, "what": "person"})
    assert missing.status_code == 400 and "choose a person" in missing.get_data(as_text=True)
    assert client.get("/preview", query_string={"user": web_cast.id("carol"), "what": "person",
                                                "person": "Paul Martin"}).status_code == 403
