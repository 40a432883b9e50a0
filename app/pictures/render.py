"""Turn the picture data of graph.services.pictures into vis-network JSON, built with pyvis.

pyvis builds the network (nodes, edges, options); we never use its HTML template
(write_html/generate_html): it links a CDN and, when a title contains "href", writes titles
with innerHTML. Every label and title here is plain text; picture.js hands titles to
vis-network as text nodes, and json_response escapes <, > and & so no markup survives in
the response bytes either."""

from __future__ import annotations

import json
import math
from collections import deque
from urllib.parse import quote

from flask import current_app, request
from flask_babel import gettext as _, lazy_gettext as _l
from pyvis.network import Network

from graph.model import CONTEXT_LABELS, ORG_KIND_LABELS, PLAN_ROLE_LABELS, STANCE_LABELS, STRENGTH_LABELS

from ..i18n import label

# Physics settle in at most this many iterations before the first draw.
STABILIZATION_ITERATIONS = 150
# Kamada-Kawai initial layout is quadratic; above this size it is skipped and the picture starts
# from positions seeded here instead (_seed_positions), which a short polish is enough to finish.
IMPROVED_LAYOUT_MAX_NODES = 100
LARGE_STABILIZATION_ITERATIONS = 40
# Barnes-Hut approximation: 0.8 (vis default 0.5) costs far less per iteration on 300 nodes.
LARGE_THETA = 0.8
SEED_SPACING = 55  # px between neighbouring seeded nodes: nothing starts piled up
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))

COLOURS = {
    "focus": "#d9822b",
    "colleague": "#3d8c5f",
    "contact": "#4a7ab5",
    "organisation": "#cfd6de",
    "root": "#f0c987",
    "knows": "#4a7ab5",
    "locked": "#9aa0a6",
    "reports_to": "#7a5c99",
    "works_at": "#b0b7bf",
    "part_of": "#8c96a0",
}
NO_ARROWS = {"to": {"enabled": False}}


def page_url(area: str, object_id: str) -> str:
    """The page of a person or organisation (the public page addresses), same origin."""
    return f"{request.script_root}/{area}/{quote(object_id, safe='')}"


def _lines(*parts) -> str:
    """A multi-line plain-text title from the parts that are present."""
    return "\n".join(str(p) for p in parts if p)


def _network() -> Network:
    # directed=True: pyvis would otherwise merge a KNOWS and a REPORTS_TO between the same pair.
    return Network(directed=True, cdn_resources="local")


def _payload(net: Network, **extra) -> dict:
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), **extra}


def _force_options(count: int, spring_length: int, gravity: int = -5000) -> dict:
    """vis-network options of a force-directed picture of `count` nodes (a dict: pyvis's
    set_options() strips spaces out of string values). Physics settle within a bounded number
    of iterations; a large picture (seeded positions, no quadratic initial layout) gets fewer
    and a coarser Barnes-Hut, so 300 nodes lay out well under a second."""
    large = count > IMPROVED_LAYOUT_MAX_NODES
    return {
        "autoResize": True,
        "layout": {"improvedLayout": not large, "randomSeed": 7},
        "nodes": {"font": {"size": 14}},
        "edges": {"smooth": False, "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": count > 150,
                        "keyboard": {"enabled": True, "bindToWindow": False}},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": gravity, "springLength": spring_length, "avoidOverlap": 0.2,
                          **({"theta": LARGE_THETA} if large else {})},
            "stabilization": {"enabled": True, "updateInterval": 50, "fit": True,
                              "iterations": LARGE_STABILIZATION_ITERATIONS if large else STABILIZATION_ITERATIONS},
        },
    }


def _seed_positions(net: Network, focus_id) -> None:
    """x/y for every node: breadth-first from the focus (then from the best-connected node of each
    other part), laid on a sunflower spiral (golden angle, radius ∝ √rank). Evenly spread, never
    closer than SEED_SPACING, the focus in the middle and its neighbours around it."""
    adjacent: dict = {node["id"]: [] for node in net.nodes}
    for edge in net.edges:
        adjacent[edge["from"]].append(edge["to"])
        adjacent[edge["to"]].append(edge["from"])
    rank: dict = {}
    for root in sorted(adjacent, key=lambda i: (i != focus_id, -len(adjacent[i]), str(i))):
        if root in rank:
            continue
        rank[root] = len(rank)
        queue = deque([root])
        while queue:
            for other in adjacent[queue.popleft()]:
                if other not in rank:
                    rank[other] = len(rank)
                    queue.append(other)
    for node in net.nodes:
        k = rank[node["id"]]
        radius = SEED_SPACING * math.sqrt(k)
        node["x"] = round(radius * math.cos(k * GOLDEN_ANGLE), 1)
        node["y"] = round(radius * math.sin(k * GOLDEN_ANGLE), 1)


def _lay_out(net: Network, focus_id, spring_length: int, gravity: int = -5000) -> None:
    """Force-directed layout: the options, and seeded positions when the picture is large."""
    net.options = _force_options(len(net.nodes), spring_length, gravity)
    if len(net.nodes) > IMPROVED_LAYOUT_MAX_NODES:
        _seed_positions(net, focus_id)


def _person_title(person: dict) -> str:
    role = _("You") if person.get("is_viewer") else (_("Colleague") if person.get("is_colleague") else None)
    return _lines(person["name"], person.get("title"), person.get("organisation"), role)


# -- tooltip sentences, in the reader's language (the .json requests carry the page's locale) ------------
def _known_to(owner) -> str:
    return _("Known to %(name)s; how well stays with them", name=owner)


def _strength(strength) -> str:
    return _("Strength %(strength)s/5 (%(label)s)", strength=strength, label=label(STRENGTH_LABELS.get(strength, "")))


def _reports_to(person, boss) -> str:
    return _("%(a)s reports to %(b)s", a=person, b=boss)


def _works_at(person, organisation) -> str:
    return _("%(a)s works at %(b)s", a=person, b=organisation)


def person_network(data: dict) -> dict:
    """The ego network: force-directed, edge width by strength, locked edges dashed and grey."""
    net = _network()
    names = {}
    for person in data["people"]:
        names[person["id"]] = person["name"]
        kind = "focus" if person["focus"] else ("colleague" if person["is_colleague"] else "contact")
        net.add_node(person["id"], label=person["name"], title=_person_title(person), shape="dot",
                     color=COLOURS[kind], size=26 if person["focus"] else 14, role=kind,
                     kind="person", url=page_url("people", person["id"]))
    for org in data["organisations"]:
        net.add_node(org["id"], label=org["name"], title=_lines(org["name"], _("Organisation")), shape="box",
                     color=COLOURS["organisation"], kind="organisation",
                     url=page_url("organisations", org["id"]))
    for rel in data["knows"]:
        ends = f"{names.get(rel['person_id'])} — {names.get(rel['other_id'])}"
        if rel["locked"]:
            net.add_edge(rel["person_id"], rel["other_id"], id=rel["id"], kind="knows", locked=True,
                         owner_name=rel["owner_name"], label=rel["owner_name"] or "", dashes=True, width=1,
                         color=COLOURS["locked"], arrows=NO_ARROWS, font={"size": 11, "color": "#6b7075"},
                         title=_lines(ends, _known_to(rel["owner_name"])))
        else:
            strength = rel["strength"] or 1
            net.add_edge(rel["person_id"], rel["other_id"], id=rel["id"], kind="knows", locked=False,
                         owner_name=rel["owner_name"], strength=strength, width=strength, dashes=False,
                         color=COLOURS["knows"], arrows=NO_ARROWS,
                         title=_lines(ends, _strength(strength),
                                      rel.get("context") and _("Context: %(context)s", context=label(
                                          CONTEXT_LABELS.get(rel["context"], rel["context"]))),
                                      rel["owner_name"] and _("Recorded by %(name)s", name=rel["owner_name"])))
    for line in data["reports_to"]:
        net.add_edge(line["person_id"], line["boss_id"], id=f"reports:{line['person_id']}:{line['boss_id']}",
                     kind="reports_to", width=2, color=COLOURS["reports_to"], arrows="to",
                     title=_reports_to(names.get(line["person_id"]), names.get(line["boss_id"])))
    for post in data["works_at"]:
        org_name = next(o["name"] for o in data["organisations"] if o["id"] == post["organisation_id"])
        net.add_edge(post["person_id"], post["organisation_id"],
                     id=f"works:{post['person_id']}:{post['organisation_id']}", kind="works_at", width=1,
                     color=COLOURS["works_at"], arrows="to",
                     title=_lines(_works_at(names.get(post["person_id"]), org_name), post.get("title")))
    _lay_out(net, data["focus_id"], spring_length=140)
    return _payload(net, kind="person_network", focus_id=data["focus_id"], truncated=data["truncated"])


def _levels(data: dict) -> tuple[dict, dict, dict]:
    """Hierarchy levels: organisations by PART_OF depth, people under their organisation or boss."""
    parent = {o["id"]: o.get("parent_id") for o in data["organisations"]}
    org_level: dict = {}

    def depth_of_org(org_id, seen=()):
        if org_id not in org_level:
            up = parent.get(org_id)
            org_level[org_id] = 0 if up is None or up not in parent or org_id in seen \
                else depth_of_org(up, seen + (org_id,)) + 1
        return org_level[org_id]

    for org_id in parent:
        depth_of_org(org_id)
    people = {p["id"]: p for p in data["people"]}
    boss = {}
    for line in data["reports_to"]:
        if line["boss_id"] in people and line["person_id"] != line["boss_id"]:
            boss.setdefault(line["person_id"], line["boss_id"])
    person_level: dict = {}

    def depth_of_person(person_id, seen=()):
        if person_id not in person_level:
            up = boss.get(person_id)
            if up is None or person_id in seen:
                person_level[person_id] = org_level.get(people[person_id]["organisation_id"], 0) + 1
            else:
                person_level[person_id] = depth_of_person(up, seen + (person_id,)) + 1
        return person_level[person_id]

    for person_id in people:
        depth_of_person(person_id)
    return org_level, person_level, boss


def organisation_chart(data: dict) -> dict:
    """The org chart: organisations on top, people below their organisation or boss (hierarchical)."""
    net = _network()
    org_level, person_level, boss = _levels(data)
    orgs = {o["id"]: o for o in data["organisations"]}
    root_id = data["organisation"]["id"]
    for org in data["organisations"]:
        parent_name = orgs[org["parent_id"]]["name"] if org.get("parent_id") in orgs else None
        net.add_node(org["id"], label=org["name"], shape="box", level=org_level[org["id"]], kind="organisation",
                     color=COLOURS["root" if org["id"] == root_id else "organisation"],
                     title=_lines(org["name"], org.get("kind") and _("Kind: %(kind)s", kind=label(
                                      ORG_KIND_LABELS.get(org["kind"], org["kind"]))),
                                  parent_name and _("Part of %(name)s", name=parent_name)),
                     url=page_url("organisations", org["id"]))
    for person in data["people"]:
        org_name = orgs.get(person["organisation_id"], {}).get("name")
        net.add_node(person["id"], label=_lines(person["name"], person.get("title")), shape="box",
                     level=person_level[person["id"]], kind="person", color=COLOURS["contact"],
                     font={"color": "#ffffff"},
                     title=_lines(person["name"], person.get("title"), person.get("department"), org_name),
                     url=page_url("people", person["id"]))
    for org in data["organisations"]:
        if org.get("parent_id") in orgs:
            net.add_edge(org["parent_id"], org["id"], id=f"part:{org['id']}:{org['parent_id']}", kind="part_of",
                         color=COLOURS["part_of"], arrows=NO_ARROWS,
                         title=_("%(a)s is part of %(b)s", a=org["name"], b=orgs[org["parent_id"]]["name"]))
    names = {p["id"]: p["name"] for p in data["people"]}
    for person in data["people"]:
        if person["id"] in boss:
            up = boss[person["id"]]
            net.add_edge(up, person["id"], id=f"reports:{person['id']}:{up}", kind="reports_to", width=2,
                         color=COLOURS["reports_to"], arrows=NO_ARROWS,
                         title=_reports_to(person["name"], names[up]))
        else:
            net.add_edge(person["organisation_id"], person["id"], id=f"works:{person['id']}:{person['organisation_id']}",
                         kind="works_at", color=COLOURS["works_at"], arrows=NO_ARROWS, dashes=True,
                         title=_lines(_works_at(person["name"], orgs[person["organisation_id"]]["name"]),
                                      person.get("title")))
    net.options = {  # a dict: pyvis's set_options() strips spaces out of string values
        "autoResize": True,
        "layout": {
            "improvedLayout": False,
            "hierarchical": {"enabled": True, "direction": "UD", "sortMethod": "directed",
                             "levelSeparation": 110, "nodeSpacing": 170, "treeSpacing": 220,
                             "blockShifting": True, "edgeMinimization": True, "parentCentralization": True},
        },
        "nodes": {"font": {"size": 14}, "margin": 8},
        "edges": {"smooth": False, "color": {"inherit": False}},
        "interaction": {"hover": True, "tooltipDelay": 120, "keyboard": {"enabled": True, "bindToWindow": False}},
        # Levels are computed here, so no simulation is needed: the chart draws at once.
        "physics": {"enabled": False, "stabilization": {"enabled": False, "iterations": 0}},
    }
    return _payload(net, kind="organisation_chart", focus_id=root_id, truncated=data["truncated"])


HOP_WORDS = {"knows": _l("knows"), "reports_to": _l("reporting line"), "employer": _l("former colleagues"),
             "school": _l("same school")}


def routes_picture(answer: dict) -> dict:
    """The ranked introduction routes as one picture: our colleagues on the left, the target on
    the right, each hop an edge (width by strength; locked hops dashed, labelled with the owner)."""
    net = _network()
    people = answer.get("people") or {}
    target_id = answer["target_person"]["id"]
    seen_edges = set()

    def add_person(pid):
        if pid in net.get_nodes():
            return
        person = people.get(pid) or {"name": pid}
        kind = "focus" if pid == target_id else ("colleague" if pid in answer.get("colleagues", {}) else "contact")
        net.add_node(pid, label=person.get("name") or pid, shape="dot", color=COLOURS[kind],
                     size=26 if kind == "focus" else 16, kind="person", role=kind,
                     title=_lines(person.get("name"), person.get("title")), url=page_url("people", pid))

    for rank, path in enumerate(answer["paths"], start=1):
        for hop in path["hops"]:
            add_person(hop["from"])
            add_person(hop["to"])
            key = tuple(sorted((hop["from"], hop["to"])))
            if key in seen_edges:
                continue
            seen_edges.add(key)
            ends = f"{(people.get(hop['from']) or {}).get('name')} — {(people.get(hop['to']) or {}).get('name')}"
            if hop["locked"]:
                net.add_edge(hop["from"], hop["to"], kind=hop["kind"], locked=True, dashes=True, width=1,
                             color=COLOURS["locked"], arrows=NO_ARROWS, label=hop.get("owner_name") or "",
                             font={"size": 11, "color": "#6b7075"},
                             title=_lines(ends, _("Known to %(name)s; ask them for an introduction",
                                                  name=hop.get("owner_name"))))
            else:
                strength = hop["strength"] or 1
                net.add_edge(hop["from"], hop["to"], kind=hop["kind"], locked=False, width=strength,
                             color=COLOURS["reports_to" if hop["kind"] == "reports_to" else "knows"],
                             arrows=NO_ARROWS, dashes=hop["kind"] in ("school", "employer"),
                             title=_lines(ends, _("%(kind)s, strength %(strength)s/5", strength=strength,
                                                  kind=HOP_WORDS.get(hop["kind"], hop["kind"])),
                                          hop.get("organisation")), route=rank)
    _lay_out(net, target_id, spring_length=160, gravity=-6000)
    return _payload(net, kind="routes", focus_id=target_id, truncated=False)


STANCE_COLOURS = {"strong_ally": "#1e7b45", "ally": "#5fb36f", "neutral": "#9aa0a6", "opponent": "#e07a5f",
                  "strong_opponent": "#b3261e"}
POWER_MAP_MAX_MEMBERS = 300


def power_map(plan: dict) -> dict:
    """The account's power map: members coloured by stance and sized by influence, our colleagues
    with their coverage edges (width by strength; locked dashed grey, labelled with the owner),
    influence lines dashed with an arrow towards whoever listens. Leavers are drawn hollow."""
    net = _network()
    members = sorted(plan["members"], key=lambda m: (-(m.get("influence") or 0), m["name"].lower(), m["person_id"]))
    shown = members[:POWER_MAP_MAX_MEMBERS]
    ids = {m["person_id"] for m in shown}
    drawn = set(ids)
    for m in shown:
        role = label(PLAN_ROLE_LABELS.get(m.get("role"), m.get("role")))
        stance = label(STANCE_LABELS.get(m.get("stance"), m.get("stance")))
        colour = STANCE_COLOURS.get(m.get("stance"), COLOURS["contact"])
        net.add_node(m["person_id"], label=m["name"], shape="dot", size=8 + 5 * (m.get("influence") or 1),
                     color={"background": "#ffffff" if m.get("left") else colour, "border": colour},
                     borderWidth=3 if m.get("left") else 1, kind="person", role="member", stance=m.get("stance"),
                     title=_lines(m["name"], m.get("title"), role and _("Role: %(role)s", role=role),
                                  stance and _("Stance: %(stance)s", stance=stance),
                                  _("Influence %(influence)s/5", influence=m.get("influence")),
                                  m.get("left") and _("Has left the account")),
                     url=page_url("people", m["person_id"]))
    for m in shown:
        for c in m["coverage"]:
            if c["colleague"] not in drawn:
                drawn.add(c["colleague"])
                net.add_node(c["colleague"], label=c["colleague_name"], shape="diamond", size=14,
                             color=COLOURS["colleague"], kind="person", role="colleague",
                             title=_lines(c["colleague_name"], _("Colleague")), url=page_url("people", c["colleague"]))
            ends = f"{c['colleague_name']} — {m['name']}"
            if c["locked"]:
                net.add_edge(c["colleague"], m["person_id"], kind="knows", locked=True, dashes=True, width=1,
                             owner_name=c["owner_name"], label=c["owner_name"] or "", color=COLOURS["locked"],
                             arrows=NO_ARROWS, font={"size": 11, "color": "#6b7075"},
                             title=_lines(ends, _known_to(c["owner_name"])))
            else:
                strength = c["strength"] or 1
                net.add_edge(c["colleague"], m["person_id"], kind="knows", locked=False, strength=strength,
                             width=strength, dashes=False, color=COLOURS["knows"], arrows=NO_ARROWS,
                             owner_name=c["owner_name"],
                             title=_lines(ends, _strength(strength)))
    for line in plan.get("influences", ()):
        if line["from_id"] in ids and line["to_id"] in ids:
            net.add_edge(line["from_id"], line["to_id"], id=f"influence:{line['id']}", kind="influences",
                         dashes=[6, 4], width=2, color=COLOURS["reports_to"], arrows="to",
                         title=_("%(who)s listens to %(whom)s", who=line.get("to_name"), whom=line.get("from_name")))
    _lay_out(net, None, spring_length=150)
    return _payload(net, kind="power_map", focus_id=plan["account"]["id"], truncated=len(members) > len(shown))


def json_response(payload: dict):
    """JSON with <, > and & written as \\u escapes, so no markup appears in the bytes at all."""
    body = current_app.json.dumps(payload)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return current_app.response_class(body, mimetype="application/json")
