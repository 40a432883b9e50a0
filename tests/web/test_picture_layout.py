"""Large pictures lay out fast and readable, and picture.js speaks the page's language.

- Above IMPROVED_LAYOUT_MAX_NODES nodes a force-directed picture starts from positions computed on
  the server (render._seed_positions: breadth-first from the focus, on a sunflower spiral) and gets
  a short, coarse physics polish; small pictures keep vis-network's own initial layout.
- Every sentence picture.js writes (the text list, its error messages) comes from the template's
  data-picture-words, translated; the script holds no English of its own."""

from __future__ import annotations

import itertools
import json
import math
import os
import re

import networkx as nx

from tests.conftest import login
from tests.web.test_i18n import EN, FR

STATIC = os.path.join(os.path.dirname(__file__), "..", "..", "app", "static")


def ego(n: int) -> dict:
    """p0 knows p1..p{n/2}; the others hang in a chain off p{n/2} (farther and farther from p0),
    and two people know only each other (no path to p0)."""
    half = n // 2
    people = [{"id": f"p{i}", "name": f"Person {i}", "title": None, "organisation": None, "is_colleague": False,
               "is_viewer": False, "focus": i == 0} for i in range(n)]
    pairs = [("p0", f"p{i}") for i in range(1, half + 1)] + [(f"p{i}", f"p{i + 1}") for i in range(half, n - 3)]
    pairs.append((f"p{n - 2}", f"p{n - 1}"))
    knows = [{"id": f"k{a}-{b}", "person_id": a, "other_id": b, "strength": 3, "context": None,
              "visibility": "company", "owner": "u", "owner_name": "Alice", "locked": False} for a, b in pairs]
    return {"focus_id": "p0", "people": people, "organisations": [], "works_at": [], "reports_to": [],
            "knows": knows, "truncated": False}


def test_a_large_picture_starts_spread_out_with_the_focus_in_the_middle(app):
    from app.pictures import render

    with app.test_request_context("/"):
        out = render.person_network(ego(300))
        again = render.person_network(ego(300))
    assert out["nodes"] == again["nodes"]  # the same picture every time
    pos = {n["id"]: (n["x"], n["y"]) for n in out["nodes"]}
    assert len(pos) == 300 and pos["p0"] == (0, 0)
    closest = min(math.dist(a, b) for a, b in itertools.combinations(pos.values(), 2))
    assert closest >= render.SEED_SPACING - 0.2, closest  # nothing piled up (positions rounded to 0.1)
    # Independent oracle: hops from the focus (networkx); nearer in the graph is never farther out.
    graph = nx.Graph((e["from"], e["to"]) for e in out["edges"])
    hops = nx.single_source_shortest_path_length(graph, "p0")
    radius = {i: math.hypot(*p) for i, p in pos.items()}
    by_hops: dict = {}
    for node, d in hops.items():
        by_hops.setdefault(d, []).append(radius[node])
    rings = [by_hops[d] for d in sorted(by_hops)] + [[radius[i] for i in pos if i not in hops]]
    for inner, outer in zip(rings, rings[1:]):
        assert max(inner) <= min(outer) + 1e-6
    physics = out["options"]["physics"]
    assert physics["stabilization"]["iterations"] == render.LARGE_STABILIZATION_ITERATIONS <= 60
    assert physics["barnesHut"]["theta"] == render.LARGE_THETA and out["options"]["layout"]["improvedLayout"] is False


def test_a_small_picture_keeps_the_full_layout(app):
    from app.pictures import render

    with app.test_request_context("/"):
        out = render.person_network(ego(render.IMPROVED_LAYOUT_MAX_NODES))
    assert not any("x" in n or "y" in n for n in out["nodes"])
    assert out["options"]["layout"]["improvedLayout"] is True
    assert out["options"]["physics"]["stabilization"]["iterations"] == render.STABILIZATION_ITERATIONS
    assert "theta" not in out["options"]["physics"]["barnesHut"]


def test_a_large_power_map_is_seeded_too(app):
    from app.pictures import render

    members = [{"person_id": f"m{i}", "name": f"Member {i}", "title": None, "role": "user", "stance": "neutral",
                "influence": 1 + i % 5, "left": False, "coverage": []} for i in range(150)]
    members[0]["coverage"] = [{"colleague": "c", "colleague_name": "Colleague", "locked": False, "strength": 3,
                               "owner_name": "Alice"}]
    with app.test_request_context("/"):
        out = render.power_map({"account": {"id": "acc"}, "members": members, "influences": []})
    assert all("x" in n and "y" in n for n in out["nodes"]) and len(out["nodes"]) == 151


# -- picture.js words ---------------------------------------------------------------------------------
def script() -> str:
    with open(os.path.join(STATIC, "picture.js"), encoding="utf-8") as f:
        return f.read()


def words_on(html: str) -> dict:
    m = re.search(r"data-picture-words='([^']*)'", html)
    assert m, "no data-picture-words on the picture"
    return json.loads(m.group(1))


def test_every_sentence_picture_js_writes_comes_translated_from_the_page(client, web_cast):
    source = script()
    keys = {key for line in source.splitlines() if "text(words," in line for key in re.findall(r'"(\w+)"', line)}
    keys |= set(re.findall(r'"(\w+)"', re.search(r"SENTENCES = \[([^\]]*)\]", source).group(1)))
    assert {"list", "knows", "locked", "strength", "failed", "missing", "unsafe", "noscript", "truncated"} <= keys
    # no English sentence in the script itself: no string literal holding two words
    literals = re.findall(r'"[^"\n]*[A-Za-z]{2,} [A-Za-z]{2,}[^"\n]*"', source)
    assert literals == ['"use strict"'], literals
    login(client, "alice")
    person = f"/people/{web_cast.person('bob')}"
    english, french = words_on(client.get(person, headers=EN).get_data(as_text=True)), \
        words_on(client.get(person, headers=FR).get_data(as_text=True))
    assert keys <= set(english) and keys <= set(french)
    assert english["list"] == "The picture as a list ({entries} entries, {links} links)"
    assert french["list"] == "L’image sous forme de liste ({entries} éléments, {links} liens)"
    assert french["reports_to"] == "{a} rend compte à {b}" and french["failed"] == "L’image n’a pas pu être chargée."
    for key in keys:  # every slot survives translation
        assert set(re.findall(r"\{\w+\}", english[key])) == set(re.findall(r"\{\w+\}", french[key])), key
