"""Network pictures over real HTTP: what each viewer's JSON holds, escaping, the vis asset, the macro."""

from __future__ import annotations

import json
import os
import re

import pytest

from graph.visibility import SYSTEM
from tests.conftest import login

HOSTILE_NAME = "<script>alert(1)</script>"
HOSTILE_TITLE = '"><img src=x onerror=alert(1)>'
HREF_ORG = '<a href="javascript:alert(1)">Evil</a> Corp'
STATIC = os.path.join(os.path.dirname(__file__), "..", "..", "app", "static")


@pytest.fixture
def world(app, web_cast):
    """Acme > Acme France; Tess (hostile name) at Acme France reports to Bert, Rita reports to Tess.

    alice (North) knows Tess, team level, 4; carol (South) knows Tess, exclusive, 5;
    bob (North) recorded privately that Tess knows Hugo (Hugo is linked by nothing else);
    alice recorded that Tess knows Nina (company, 2) and that she knows Nina herself (team, 3)."""
    s = app.extensions["carnet"]
    alice, bob, carol = (web_cast.viewer(u) for u in ("alice", "bob", "carol"))
    acme = s.organisations.create(SYSTEM, {"name": "Acme", "kind": "account"})
    france = s.organisations.create(SYSTEM, {"name": "Acme France", "kind": "account", "parent_id": acme["id"]})
    evil = s.organisations.create(SYSTEM, {"name": HREF_ORG, "kind": "other"})
    bert = s.people.create(SYSTEM, {"name": "Bert Boss", "title": "CEO", "organisation_id": acme["id"]})
    tess = s.people.create(SYSTEM, {"name": HOSTILE_NAME, "title": "CFO", "organisation_id": france["id"],
                                    "reports_to": bert["id"]})
    rita = s.people.create(SYSTEM, {"name": "Rita Report", "title": "Controller",
                                    "organisation_id": france["id"], "reports_to": tess["id"]})
    nina = s.people.create(SYSTEM, {"name": "Nina", "title": HOSTILE_TITLE, "organisation_id": evil["id"]})
    hugo = s.people.create(bob, {"name": "Hugo Hidden"})
    rels = {
        "alice": s.relationships.create(alice, {"person_id": web_cast.person("alice"), "other_id": tess["id"],
                                                "strength": 4, "visibility": "team", "context": "client"}),
        "carol": s.relationships.create(carol, {"person_id": web_cast.person("carol"), "other_id": tess["id"],
                                                "strength": 5, "visibility": "exclusive"}),
        "hugo": s.relationships.create(bob, {"person_id": tess["id"], "other_id": hugo["id"],
                                             "strength": 3, "visibility": "private"}),
        "nina": s.relationships.create(alice, {"person_id": tess["id"], "other_id": nina["id"],
                                               "strength": 2, "visibility": "company"}),
        "alice_nina": s.relationships.create(alice, {"person_id": web_cast.person("alice"), "other_id": nina["id"],
                                                     "strength": 3, "visibility": "team"}),
    }
    return {"acme": acme, "france": france, "evil": evil, "bert": bert, "tess": tess, "rita": rita,
            "nina": nina, "hugo": hugo, "rels": rels, "cast": web_cast}


def fetch(client, username, url):
    """GET url as username (a fresh client each time, so sessions never mix)."""
    client = client.application.test_client()
    login(client, username)
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    return response, json.loads(response.get_data())


def edge_map(data):
    return {e["id"]: e for e in data["edges"]}


def test_teammate_sees_ego_network_with_locked_and_visible_links(client, world):
    cast, w = world["cast"], world
    _, data = fetch(client, "alice", f"/people/{w['tess']['id']}/network.json")
    assert {n["id"] for n in data["nodes"]} == {
        w["tess"]["id"], cast.person("alice"), cast.person("carol"), w["nina"]["id"],
        w["bert"]["id"], w["rita"]["id"], w["france"]["id"]}
    edges = edge_map(data)
    rels = w["rels"]
    expected_knows = {rels[k]["id"] for k in ("alice", "carol", "nina", "alice_nina")}
    assert {i for i, e in edges.items() if e["kind"] == "knows"} == expected_knows
    visible = edges[rels["alice"]["id"]]
    assert (visible["locked"], visible["strength"], visible["width"]) == (False, 4, 4)
    assert {visible["from"], visible["to"]} == {cast.person("alice"), w["tess"]["id"]}
    assert edges[rels["alice_nina"]["id"]]["width"] == 3  # a link among the neighbours
    reports = {(e["from"], e["to"]) for e in data["edges"] if e["kind"] == "reports_to"}
    assert reports == {(w["tess"]["id"], w["bert"]["id"]), (w["rita"]["id"], w["tess"]["id"])}
    works = {(e["from"], e["to"]) for e in data["edges"] if e["kind"] == "works_at"}
    assert works == {(w["tess"]["id"], w["france"]["id"])}
    focus = [n for n in data["nodes"] if n["id"] == w["tess"]["id"]][0]
    assert focus["url"] == f"/people/{w['tess']['id']}"
    assert data["focus_id"] == w["tess"]["id"] and data["truncated"] is False


def test_locked_edge_names_owner_but_carries_no_strength(client, world):
    _, data = fetch(client, "alice", f"/people/{world['tess']['id']}/network.json")
    locked = edge_map(data)[world["rels"]["carol"]["id"]]
    assert locked["locked"] is True and locked["dashes"] is True
    assert locked["label"] == "Carol" and locked["owner_name"] == "Carol"
    assert "strength" not in locked and "value" not in locked and locked["width"] == 1
    assert "5" not in locked["title"] and "context" not in locked["title"].lower()
    # and the other way round: carol sees alice's team-level link locked
    _, data = fetch(client, "carol", f"/people/{world['tess']['id']}/network.json")
    edges = edge_map(data)
    assert edges[world["rels"]["alice"]["id"]]["locked"] is True
    assert "strength" not in edges[world["rels"]["alice"]["id"]]
    assert edges[world["rels"]["carol"]["id"]]["strength"] == 5


@pytest.mark.parametrize("username", ["alice", "carol", "mona", "ada"])
def test_private_link_of_another_user_leaves_no_trace(client, world, username):
    response, data = fetch(client, username, f"/people/{world['tess']['id']}/network.json")
    body = response.get_data(as_text=True)
    assert world["hugo"]["id"] not in body and "Hugo" not in body
    assert world["rels"]["hugo"]["id"] not in body


def test_owner_sees_own_private_link(client, world):
    _, data = fetch(client, "bob", f"/people/{world['tess']['id']}/network.json")
    assert world["hugo"]["id"] in {n["id"] for n in data["nodes"]}
    assert edge_map(data)[world["rels"]["hugo"]["id"]]["strength"] == 3


def test_hostile_text_stays_json_escaped_text(client, world):
    login(client, "alice")
    for url in (f"/people/{world['tess']['id']}/network.json", f"/people/{world['nina']['id']}/network.json",
                f"/organisations/{world['acme']['id']}/chart.json",
                f"/organisations/{world['evil']['id']}/chart.json"):
        response = client.get(url)
        raw = response.get_data()
        for needle in (b"<script", b"<img", b"<a ", b"</", b"http://", b"https://"):
            assert needle not in raw.lower(), (url, needle)
        data = json.loads(raw)
        assert all(isinstance(item["title"], str) for item in data["nodes"] + data["edges"])
    _, tess = fetch(client, "alice", f"/people/{world['tess']['id']}/network.json")
    assert HOSTILE_NAME in {n["label"] for n in tess["nodes"]}
    _, evil = fetch(client, "alice", f"/organisations/{world['evil']['id']}/chart.json")
    assert HREF_ORG in {n["label"] for n in evil["nodes"]}
    _, nina = fetch(client, "alice", f"/people/{world['nina']['id']}/network.json")
    nina_node = [n for n in nina["nodes"] if n["id"] == world["nina"]["id"]][0]
    assert HOSTILE_TITLE in nina_node["title"].split("\n") and HREF_ORG in nina_node["title"]


def test_organisation_chart_is_hierarchical_with_reporting_lines(client, world):
    w = world
    _, data = fetch(client, "carol", f"/organisations/{w['acme']['id']}/chart.json")
    levels = {n["id"]: n["level"] for n in data["nodes"]}
    assert levels == {w["acme"]["id"]: 0, w["france"]["id"]: 1, w["bert"]["id"]: 1,
                      w["tess"]["id"]: 2, w["rita"]["id"]: 3}
    pairs = {(e["kind"], e["from"], e["to"]) for e in data["edges"]}
    assert pairs == {("part_of", w["acme"]["id"], w["france"]["id"]),
                     ("works_at", w["acme"]["id"], w["bert"]["id"]),
                     ("reports_to", w["bert"]["id"], w["tess"]["id"]),
                     ("reports_to", w["tess"]["id"], w["rita"]["id"])}
    assert data["options"]["layout"]["hierarchical"]["enabled"] is True
    assert data["options"]["physics"]["enabled"] is False
    # a sub-organisation's chart stops at its own border
    _, sub = fetch(client, "carol", f"/organisations/{w['france']['id']}/chart.json")
    assert {n["id"] for n in sub["nodes"]} == {w["france"]["id"], w["tess"]["id"], w["rita"]["id"]}


def test_unknown_ids_answer_404_json(client, world):
    login(client, "alice")
    for url in ("/people/nope/network.json", "/organisations/nope/chart.json",
                f"/organisations/{world['tess']['id']}/chart.json"):
        response = client.get(url)
        assert response.status_code == 404 and response.mimetype == "application/json"
        assert response.get_json()["error"]


def test_anonymous_is_sent_to_login(client, world):
    for url in (f"/people/{world['tess']['id']}/network.json", f"/organisations/{world['acme']['id']}/chart.json"):
        response = client.get(url)
        assert response.status_code in (302, 401)
        assert HOSTILE_NAME not in response.get_data(as_text=True)
        if response.status_code == 302:
            assert "/login" in response.headers["Location"]


def test_json_is_not_cached_and_keeps_csp(client, world):
    response, _ = fetch(client, "alice", f"/people/{world['tess']['id']}/network.json")
    assert "no-store" in response.headers["Cache-Control"]
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize("name,mimetype", [("vis-network.min.js", "application/javascript"),
                                           ("vis-network.css", "text/css")])
def test_vis_asset_is_local_long_cached_and_revalidated(client, name, mimetype):
    response = client.get(f"/assets/{name}")  # public, like any static file
    assert response.status_code == 200 and response.mimetype == mimetype
    max_age = int(re.search(r"max-age=(\d+)", response.headers["Cache-Control"]).group(1))
    assert max_age >= 30 * 24 * 3600
    etag = response.headers["ETag"]
    assert etag
    if name.endswith(".js"):
        body = response.get_data()
        assert b"vis-network" in body[:200] and b"DataSet" in body and len(body) > 100_000
        assert b"sourceMappingURL" not in body
    again = client.get(f"/assets/{name}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and not again.get_data()
    assert client.get(f"/assets/{name}", headers={"If-None-Match": '"other"'}).status_code == 200


def test_unknown_asset_is_404(client):
    assert client.get("/assets/tom-select.complete.min.js").status_code == 404
    assert client.get("/assets/..%2Fnetwork.py").status_code == 404


def test_macro_renders_local_scripts_and_escaped_text(app, client):
    template = app.jinja_env.from_string(
        '{% from "pictures/macros.html" import picture %}{{ picture(src, alt) }}')
    with app.test_request_context("/"):
        html = template.render(src="/people/x/network.json", alt=HOSTILE_NAME)
    assert "http://" not in html and "https://" not in html and "<script>alert" not in html
    assert 'role="img"' in html and 'data-picture-url="/people/x/network.json"' in html
    assert 'aria-label="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    sources = re.findall(r'<script src="([^"]+)" defer></script>', html)
    assert len(sources) == 2 and "<script>" not in re.sub(r'<script src="[^"]+" defer>', "", html)
    for url in sources + re.findall(r'<link rel="stylesheet" href="([^"]+)">', html):
        assert url.startswith("/"), url
        assert client.get(url).status_code == 200, url


def test_picture_js_is_plain_text_only_and_offline():
    with open(os.path.join(STATIC, "picture.js"), encoding="utf-8") as f:
        source = f.read()
    for banned in ("http://", "https://", "innerHTML", "outerHTML", "insertAdjacentHTML", "eval(",
                   "document.write", "new Function"):
        assert banned not in source, banned
    assert "textContent" in source and 'credentials: "same-origin"' in source


def test_three_hundred_node_picture_settles_quickly(app):
    """Options only (no timing): bounded stabilisation, no quadratic initial layout."""
    from app.pictures import render

    people = [{"id": f"p{i}", "name": f"Person {i}", "title": None, "organisation": None,
               "is_colleague": False, "is_viewer": False, "focus": i == 0} for i in range(300)]
    knows = [{"id": f"k{i}", "person_id": "p0", "other_id": f"p{i}", "strength": 1 + i % 5, "context": None,
              "visibility": "company", "owner": "u", "owner_name": "Alice", "locked": i % 7 == 0}
             for i in range(1, 300)]
    data = {"focus_id": "p0", "people": people, "organisations": [], "works_at": [], "reports_to": [],
            "knows": knows, "truncated": False}
    with app.test_request_context("/"):
        out = render.person_network(data)
        chart = render.organisation_chart({
            "organisation": {"id": "o", "name": "O", "kind": "account"},
            "organisations": [{"id": "o", "name": "O", "kind": "account", "parent_id": None}],
            "people": [{"id": p["id"], "name": p["name"], "title": None, "department": None,
                        "organisation_id": "o"} for p in people],
            "reports_to": [{"person_id": f"p{i}", "boss_id": f"p{(i - 1) // 3}"} for i in range(1, 300)],
            "truncated": False})
    assert len(out["nodes"]) == 300 and len(out["edges"]) == 299
    stabilization = out["options"]["physics"]["stabilization"]
    assert stabilization["enabled"] and stabilization["iterations"] <= 200
    assert out["options"]["layout"]["improvedLayout"] is False
    assert all("strength" not in e for e in out["edges"] if e["locked"])
    assert chart["options"]["layout"]["hierarchical"]["enabled"] and not chart["options"]["physics"]["enabled"]
    assert max(n["level"] for n in chart["nodes"]) == 1 + 5  # a ternary tree of 300 has depth 5


def locked_route(s, web_cast, target_name: str) -> dict:
    """Carol → Middle Man (carol's, company, 4) → target (alice's, company, 4), and alice's own
    exclusive strength-5 link to Middle Man, which carol sees locked. Returns (target, middle)."""
    carol, alice = web_cast.viewer("carol"), web_cast.viewer("alice")
    target = s.people.create(alice, {"name": target_name})
    middle = s.people.create(alice, {"name": "Middle Man"})
    s.relationships.create(alice, {"person_id": alice.person_id, "other_id": middle["id"], "strength": 5,
                                   "visibility": "exclusive"})
    s.relationships.create(carol, {"person_id": carol.person_id, "other_id": middle["id"], "strength": 4,
                                   "visibility": "company"})
    s.relationships.create(alice, {"person_id": middle["id"], "other_id": target["id"], "strength": 4,
                                   "visibility": "company"})
    return target, middle


def test_routes_picture_shows_each_hop_once_and_locks_without_strength(app, client, web_cast):
    """The paths page's picture: the ranked routes, locked hops dashed with the owner, no strength."""
    carol, alice = web_cast.viewer("carol"), web_cast.viewer("alice")
    target, middle = locked_route(app.extensions["carnet"], web_cast, '<script>alert("t")</script> Target')
    login(client, "carol")
    response = client.get(f"/people/{target['id']}/paths.json?k=5&max_hops=3")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script" not in body
    data = response.get_json()
    ids = {n["id"] for n in data["nodes"]}
    assert {target["id"], middle["id"], carol.person_id, alice.person_id} <= ids
    pairs = [tuple(sorted((e["from"], e["to"]))) for e in data["edges"]]
    assert len(pairs) == len(set(pairs))
    locked = [e for e in data["edges"] if e.get("locked")]
    assert locked and all("strength" not in e and e["label"] == "Alice" for e in locked)
    assert "http://" not in body and "https://" not in body
    page = client.get(f"/people/{target['id']}/paths").get_data(as_text=True)
    assert "data-picture-url" in page and "paths.json" in page


def test_routes_picture_unknown_target_is_404(client, web_cast):
    login(client, "alice")
    assert client.get("/people/nope/paths.json").status_code == 404
