"""Full backup and restore: export, import into a fresh empty graph, export again, compare."""

from __future__ import annotations

import io
import json
import os
import uuid
from collections import Counter

import pytest
import redis

from graph import backup, demo
from graph.adapters.factory import make_store
from graph.adapters.falkordb_store import FalkorDBStore
from graph.errors import CarnetError, Conflict, ValidationError
from graph.services import Services
from graph.visibility import SYSTEM
from tests.conftest import FAST_HASH, PASSWORD, soon


@pytest.fixture
def fresh(data_dir):
    """A second, empty graph on the session server: the restore target."""
    s = FalkorDBStore(data_dir, graph_name=f"t_{uuid.uuid4().hex[:12]}")
    yield s
    s.clear()
    s.close()


def build_graph(services, cast) -> dict:
    """Every label and relationship type through the services, plus extra property kinds."""
    alice, mona = cast.viewer("alice"), cast.viewer("mona")
    group = services.organisations.create(SYSTEM, {"name": "Groupe Zéphyr", "kind": "account", "country": "France"})
    sub = services.organisations.create(SYSTEM, {"name": "Zéphyr Sud", "kind": "account", "parent_id": group["id"]})
    school = services.organisations.create(SYSTEM, {"name": "École des Mines d'Ys", "kind": "school"})
    ceo = services.people.create(alice, {"name": "Aude Ceo", "title": "PDG", "organisation_id": group["id"],
                                         "email": "aude@zephyr.example", "phone": "+33 1 99 00 00 01"})
    cfo = services.people.create(alice, {"name": "Basile Cfo", "organisation_id": sub["id"], "reports_to": ceo["id"]})
    services.people.add_position(alice, cfo["id"], {"organisation_id": group["id"], "title": "Contrôleur",
                                                    "start": "2010-01-01", "end": "2015-12-31"})
    services.people.add_education(alice, ceo["id"], {"school_id": school["id"], "start": "1990-09-01"})
    services.relationships.create(alice, {"person_id": cast.person("alice"), "other_id": ceo["id"], "strength": 4,
                                          "context": "client", "visibility": "private", "notes": "«golf» \n ok"})
    services.relationships.create(mona, {"person_id": ceo["id"], "other_id": cfo["id"], "strength": 2,
                                         "visibility": "company"})
    # Lists, floats, booleans, None (absent once stored) on an existing statement's `SET +=`.
    services.store.write("people/update_person", id=cfo["id"],
                         props={"tags": ["a", "b"], "scores": [1, 2, 3], "ratio": 0.25, "flag": False,
                                "nothing": None, "big": 2**53})
    return {"ceo": ceo["id"], "cfo": cfo["id"], "group": group["id"]}


def canonical(store) -> tuple[set, set]:
    """The graph as order-free sets of JSON texts; the change counter's value and epoch are left
    out (the counter moves on with every write, the restore included)."""
    nodes, rels = backup.snapshot(store)
    for node in nodes:
        if node["key"] == "Meta:graph":
            node["props"].pop("version")
            node["props"].pop("epoch", None)
    dump = lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False)  # noqa: E731
    return {dump(n) for n in nodes}, {dump(r) for r in rels}


def records(text: str) -> set:
    """The records of an export file, order-free, the change counter's value and epoch left out."""
    out = set()
    for line in text.splitlines()[1:]:
        record = json.loads(line)
        if record.get("node", {}).get("key") == "Meta:graph":
            record["node"]["props"].pop("version")
            record["node"]["props"].pop("epoch", None)
        out.add(json.dumps(record, sort_keys=True))
    return out


def export_text(store) -> str:
    out = io.StringIO()
    backup.export_graph(store, out)
    return out.getvalue()


def test_round_trip_is_identical(services, cast, fresh):
    build_graph(services, cast)
    text = export_text(services.store)
    header = json.loads(text.splitlines()[0])
    assert header["format"] == "carnet-backup" and header["version"] == 1
    assert header["counts"]["nodes"] == {"Meta": 1, "Organisation": 3, "Person": 8, "PolicyRule": 1, "Team": 2,
                                         "User": 6}  # the default sharing rule, made on first use
    assert header["counts"]["relationships"] == {
        "IS_PERSON": 6, "KNOWS": 2, "MANAGES": 2, "MEMBER_OF": 5, "PART_OF": 1, "REPORTS_TO": 1,
        "STUDIED_AT": 1, "WORKS_AT": 3}

    counts = backup.import_graph(fresh, io.StringIO(text))
    assert counts == header["counts"]
    assert canonical(fresh) == canonical(services.store)
    (old_epoch, old_count), (new_epoch, new_count) = services.store.version(), fresh.version()
    assert new_count > old_count and new_epoch and new_epoch != old_epoch  # no cache key comes back

    second = export_text(fresh)
    assert records(second) == records(text)
    assert json.loads(second.splitlines()[0])["counts"] == header["counts"]

    # The restored graph works through the services, not just byte for byte.
    restored = Services(fresh, password_method=FAST_HASH)
    user = restored.users.authenticate("bob", PASSWORD)
    assert user["team"] == "North"
    cfo_props = [json.loads(line)["node"]["props"] for line in second.splitlines()[1:]
                 if json.loads(line).get("node", {}).get("props", {}).get("name") == "Basile Cfo"][0]
    assert cfo_props["tags"] == ["a", "b"] and cfo_props["ratio"] == 0.25 and cfo_props["flag"] is False
    assert cfo_props["big"] == 2**53 and "nothing" not in cfo_props
    mona = restored.users.viewer(cast.id("mona"))
    alice = restored.users.viewer(cast.id("alice"))
    assert len(restored.relationships.owned(alice)) == 1  # alice's private tie came back, still hers
    assert restored.relationships.touching(mona, cast.person("alice")) == []  # and still private


def test_import_refuses_a_graph_that_holds_data(services, cast, fresh):
    build_graph(services, cast)
    text = export_text(services.store)
    Services(fresh, password_method=FAST_HASH).users.create(SYSTEM, {"username": "zoe", "password": PASSWORD,
                                                                    "role": "rep"})
    before = canonical(fresh)
    with pytest.raises(Conflict, match="import restores into an empty graph"):
        backup.import_graph(fresh, io.StringIO(text))
    assert canonical(fresh) == before


def _corrupt(text: str, how: str) -> str:
    lines = text.splitlines()

    def first(token: str) -> int:  # the first record (never the header) mentioning token
        return next(i for i, line in enumerate(lines) if i > 0 and token in line)

    if how == "truncated":
        return "\n".join(lines[:-3]) + "\n"
    if how == "cut mid-line":
        return text[: len(text) - 40]
    if how == "dangling rel":
        rel = first('"KNOWS"')
        record = json.loads(lines[rel])
        record["rel"]["to"] = "Person:nobody"
        lines[rel] = json.dumps(record)
    if how == "unknown label":
        node = first('"Team"')
        lines[node] = lines[node].replace('"Team"', '"Squad"')
    if how == "unknown type":
        rel = first('"MANAGES"')
        lines[rel] = lines[rel].replace('"MANAGES"', '"OWNS"')
    if how == "duplicate username":
        users = [i for i, line in enumerate(lines) if i > 0 and '"username"' in line]
        first = json.loads(lines[users[0]])["node"]["props"]["username"]
        second = json.loads(lines[users[1]])["node"]["props"]["username"]
        lines[users[1]] = lines[users[1]].replace(f'"{second}"', f'"{first}"')
    if how == "nested value":
        node = first('"Person"')
        record = json.loads(lines[node])
        record["node"]["props"]["nested"] = {"a": 1}
        lines[node] = json.dumps(record)
    if how == "wrong version":
        header = json.loads(lines[0])
        header["version"] = 99
        lines[0] = json.dumps(header)
    if how == "not a backup":
        lines[0] = json.dumps({"format": "neo4j-dump"})
    if how == "empty":
        return ""
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("how, message", [
    ("truncated", "counts in the header do not match"),
    ("cut mid-line", "not valid JSON"),
    ("dangling rel", "is not a Person node of this file"),
    ("unknown label", "unsupported labels"),
    ("unknown type", "unsupported relationship type 'OWNS'"),
    ("duplicate username", "User.username"),
    ("nested value", "unsupported value"),
    ("wrong version", "unsupported backup version 99"),
    ("not a backup", "unknown format"),
    ("empty", "the file is empty"),
])
def test_a_corrupt_file_is_refused_with_nothing_written(services, cast, fresh, how, message):
    build_graph(services, cast)
    text = _corrupt(export_text(services.store), how)
    with pytest.raises(ValidationError, match=message) as caught:
        backup.import_graph(fresh, io.StringIO(text))
    assert caught.value.field == "file"
    assert backup.snapshot(fresh) == ([], [])  # not even the change counter moved


def test_export_fails_clearly_on_a_label_it_does_not_know(services, cast, monkeypatch):
    monkeypatch.delitem(backup.NODE_LABELS, "Team")
    with pytest.raises(CarnetError, match="unsupported labels \\['Team'\\]"):
        export_text(services.store)


def test_an_empty_graph_round_trips(store, fresh):
    text = export_text(store)
    assert json.loads(text)["counts"] == {"nodes": {}, "relationships": {}}
    assert backup.import_graph(fresh, io.StringIO(text)) == {"nodes": {}, "relationships": {}}


def test_every_label_and_type_used_in_cypher_is_backed_up():
    """A new label or relationship type must be added to graph/backup.py (and given its cypher
    file), or backups would refuse the graph: this finds it before a user does."""
    import pathlib
    import re

    from graph.cypher import CYPHER_DIR

    labels, types = set(), set()
    for path in pathlib.Path(CYPHER_DIR).rglob("*.cypher"):
        text = path.read_text(encoding="utf-8")
        labels.update(re.findall(r"\(\s*\w*\s*:\s*(\w+)", text))
        for group in re.findall(r"\[\s*\w*\s*:\s*([\w|:]+)", text):
            types.update(t for t in group.replace(":", "").split("|") if t)
    assert labels and types
    assert labels <= set(backup.NODE_LABELS), labels - set(backup.NODE_LABELS)
    assert types <= set(backup.REL_TYPES), types - set(backup.REL_TYPES)
    for _, _, statement in list(backup.NODE_LABELS.values()) + list(backup.REL_TYPES.values()):
        assert (pathlib.Path(CYPHER_DIR) / f"{statement}.cypher").is_file()


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="set NEO4J_URI to run the backup tests against Neo4j")
def test_falkordb_to_neo4j_and_back(services, cast, fresh):
    """A backup moves a graph between the two backends unchanged (and reads work on both)."""
    neo = make_store({"CARNET_GRAPH_BACKEND": "neo4j", "NEO4J_URI": os.environ["NEO4J_URI"],
                      "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
                      "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", ""),
                      "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE", "neo4j")})
    try:
        neo.clear()
        build_graph(services, cast)
        backup.import_graph(neo, io.StringIO(export_text(services.store)))
        assert canonical(neo) == canonical(services.store)
        backup.import_graph(fresh, io.StringIO(export_text(neo)))
        assert canonical(fresh) == canonical(services.store)
    finally:
        neo.clear()
        neo.close()


# -- the demo data set: export, wipe, import, compare with an independent reader ----------------
def raw_dump(store) -> Counter:
    """Every node and relationship read with the FalkorDB client itself (not graph/backup.py),
    as a multiset of JSON texts. Relationship ends are named by their node's labels and id (or
    key), since internal ids change on restore; the change counter's value, epoch, journal and
    latest write ids are left out (they move on by design)."""
    from falkordb import FalkorDB

    db = FalkorDB(unix_socket_path=str(store.server.socket_path))
    try:
        graph = db.select_graph(store.graph_name)
        try:
            nodes = [row[0] for row in graph.ro_query("MATCH (n) RETURN n").result_set]
            edges = [row[0] for row in graph.ro_query("MATCH ()-[r]->() RETURN r").result_set]
        except redis.ResponseError as exc:  # a wiped graph is an empty key
            assert "empty key" in str(exc).lower()
            return Counter()
    finally:
        db.connection.close()
    name = {}
    out = Counter()
    for node in nodes:
        props = dict(node.properties)
        if node.labels == ["Meta"] and props.get("key") == "graph":
            props.pop("version"), props.pop("epoch", None), props.pop("journal", None), props.pop("writes", None)
        name[node.id] = f"{':'.join(sorted(node.labels))}:{props.get('id') or props.get('key')}"
        out[json.dumps({"node": sorted(node.labels), "props": props}, sort_keys=True, ensure_ascii=False)] += 1
    for edge in edges:
        out[json.dumps({"rel": edge.relation, "from": name[edge.src_node], "to": name[edge.dest_node],
                        "props": dict(edge.properties)}, sort_keys=True, ensure_ascii=False)] += 1
    return out


def governed_sharing(services) -> None:
    """On top of the demo: a sharing rule, an event, a nomination consented to by every exclusive
    owner and approved (grants, audit entries, notifications), and a visibility change."""
    users = {u["username"]: u["id"] for u in services.users.list(SYSTEM)}
    viewer = lambda name: services.users.viewer(users[name])  # noqa: E731
    services.policy.create(viewer("paul"), {"name": "Strong ties stay with the team", "min_strength": 5,
                                            "outcome": "team"})
    mine = services.relationships.owned(viewer("julien"))
    services.relationships.update(viewer("julien"), mine[0]["id"],
                                  {"visibility": "company" if mine[0]["visibility"] != "company" else "team"})
    event = services.events.create(viewer("helene"), {"name": "Roland-Garros, loge Solvéa",
                                                      "date": soon(services.clock), "capacity": 4})
    nomination = services.events.nominate(viewer("julien"), event["id"], {"person_id": mine[1]["other_id"],
                                                                         "reason": "décideur clé"})
    for owner in nomination["owners"]:
        services.events.consent(services.users.viewer(owner["id"]), nomination["id"], {"decision": "consent"})
    decided = services.events.decide(viewer("helene"), nomination["id"], {"decision": "approve", "reason": "ok"})
    assert decided["status"] == "approved"


@pytest.mark.falkordb_only  # the independent reader is FalkorDB's own client
def test_demo_backup_wipe_restore_gives_the_identical_graph(app, tmp_path):
    services = app.extensions["carnet"]
    store = services.store
    demo.load(services)
    governed_sharing(services)
    before = raw_dump(store)
    labels = {json.loads(text)["node"][0] for text in before if text.startswith('{"node"')}
    types = {json.loads(text)["rel"] for text in before if text.startswith('{"from"')}
    assert {"User", "Team", "Person", "Organisation", "Plan", "PlanAction", "PolicyRule", "Event", "Nomination",
            "AccessGrant", "AuditEntry", "Notification", "Meta"} <= labels
    assert {"KNOWS", "WORKS_AT", "REPORTS_TO", "STUDIED_AT", "PART_OF", "IS_PERSON", "MEMBER_OF", "MANAGES",
            "PLAN_FOR", "PLAN_MEMBER", "INFLUENCES", "HAS_ACTION"} <= types
    old_epoch, old_count = store.version()

    target = tmp_path / "demo.jsonl"
    cli = app.test_cli_runner()
    result = cli.invoke(args=["graph", "export", str(target)])
    assert result.exit_code == 0, result.output
    store.clear()  # the wipe
    assert raw_dump(store) == Counter()
    result = cli.invoke(args=["graph", "import", str(target)])
    assert result.exit_code == 0, result.output

    after = raw_dump(store)
    assert sum(after.values()) == sum(before.values()) > 500
    assert after == before, (list((before - after).items())[:3], list((after - before).items())[:3])
    new_epoch, new_count = store.version()
    assert new_epoch != old_epoch and new_count > old_count  # no cache of the old graph comes back
    # The restored graph works: a demo login, and the approved grant opens the contact's details.
    julien = services.users.authenticate("julien", demo.PASSWORD)
    assert services.users.viewer(julien["id"]).granted_person_ids


def _as_written_when_keys_named_the_pair_alone(text: str) -> str:
    """A backup as the code that kept one KNOWS per pair wrote it: `pair` = the two ends only."""
    lines = text.splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        record = json.loads(line)
        rel = record.get("rel")
        if rel and rel["type"] == "KNOWS":
            rel["props"]["pair"] = "|".join(sorted(end.split(":", 1)[1] for end in (rel["from"], rel["to"])))
        out.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return "\n".join(out) + "\n"


def test_a_backup_keyed_by_pair_alone_restores_into_keys_per_owner(services, cast, fresh):
    ids = build_graph(services, cast)
    text = _as_written_when_keys_named_the_pair_alone(export_text(services.store))
    assert all(len(r["rel"]["props"]["pair"].split("|")) == 2 for r in map(json.loads, text.splitlines()[1:])
               if r.get("rel", {}).get("type") == "KNOWS")
    backup.import_graph(fresh, io.StringIO(text))
    assert canonical(fresh) == canonical(services.store)  # the keys came back as the owner's
    restored = Services(fresh, password_method=FAST_HASH)
    carol = restored.users.viewer(cast.id("carol"))
    mine = restored.relationships.create(carol, {"person_id": cast.person("alice"), "other_id": ids["ceo"],
                                                 "strength": 3})  # alice's private one blocks nobody
    assert mine["owner"] == cast.id("carol")


def test_several_owners_on_one_pair_round_trip(services, cast, fresh):
    ids = build_graph(services, cast)
    services.relationships.create(cast.viewer("carol"), {"person_id": ids["ceo"], "other_id": cast.person("alice"),
                                                         "strength": 1, "visibility": "company"})
    text = export_text(services.store)
    assert json.loads(text.splitlines()[0])["counts"]["relationships"]["KNOWS"] == 3
    backup.import_graph(fresh, io.StringIO(text))
    assert records(export_text(fresh)) == records(text)
