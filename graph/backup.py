"""Full backup and restore of the graph as JSON Lines (`graph export` / `graph import`).

Line 1 is a header `{format, version, exported_at, backend, counts}`; then one line per node
`{"node": {key, labels, props}}` and one per relationship `{"rel": {type, from, to, props}}`.
Every node gets a stable export key, `Label:id` (`Meta:key` for the keyed Meta nodes), so
relationships can name their ends even when they have no id of their own.

Labels and types are data, never Cypher text: each known label and relationship type has its
own fixed statement in cypher/backup/, and anything unknown fails export and import alike, so
a new label cannot silently drop out of backups (add it to NODE_LABELS / REL_TYPES and give it
a file). Import restores into an empty graph only, and validates the whole file before its
first write. The change counter (Meta 'graph') is restored ahead of the exported one and under
the target's own epoch, so no cache key of an earlier graph can come back."""

from __future__ import annotations

import datetime as _dt
import json
import uuid
from collections import Counter

from . import migrations
from .errors import Conflict, StoreUnavailable, ValidationError
from .model import pair_key

FORMAT = "carnet-backup"
VERSION = 1
BATCH = 2000  # rows per write: short statements keep FalkorDB readers flowing
RETRIES = 3  # export re-reads when a write lands between its two reads

# label -> (key property, properties that must be unique, cypher file that creates a batch)
NODE_LABELS = {
    "Person": ("id", ("id",), "backup/create_person"),
    "Organisation": ("id", ("id",), "backup/create_organisation"),
    "User": ("id", ("id", "username"), "backup/create_user"),
    "Team": ("id", ("id", "name"), "backup/create_team"),
    "Plan": ("id", ("id", "account_id"), "backup/create_plan"),
    "PlanAction": ("id", ("id",), "backup/create_plan_action"),
    "PolicyRule": ("id", ("id",), "backup/create_policy_rule"),
    "Event": ("id", ("id",), "backup/create_event"),
    "Nomination": ("id", ("id",), "backup/create_nomination"),
    "AccessGrant": ("id", ("id",), "backup/create_access_grant"),
    "AuditEntry": ("id", ("id",), "backup/create_audit_entry"),
    "Notification": ("id", ("id",), "backup/create_notification"),
    "IntroRequest": ("id", ("id",), "backup/create_intro_request"),
    "Alert": ("id", ("id", "key"), "backup/create_alert"),
    "Import": ("id", ("id",), "backup/create_import"),
    "ApiToken": ("id", ("id",), "backup/create_api_token"),
    "LoginThrottle": ("key", ("key",), "backup/create_login_throttle"),
    "IdempotencyKey": ("key", ("key",), "backup/create_idempotency_key"),  # a resend after a restore acts once
    # a user's own signals: restored with the graph, shown to nobody else (graph/signals/)
    "Signal": ("key", ("key",), "backup/create_signal"),
    "SignalAlias": ("key", ("key",), "backup/create_signal_alias"),
    "SignalDecision": ("key", ("key",), "backup/create_signal_decision"),
    "Connection": ("id", ("id",), "backup/create_connection"),  # its password stays sealed
    "Meta": ("key", ("key",), "backup/restore_meta"),
}

# type -> (start label, end label, cypher file that creates a batch)
REL_TYPES = {
    "KNOWS": ("Person", "Person", "relationships/create_knows"),
    "WORKS_AT": ("Person", "Organisation", "backup/create_works_at"),
    "REPORTS_TO": ("Person", "Person", "backup/create_reports_to"),
    "STUDIED_AT": ("Person", "Organisation", "backup/create_studied_at"),
    "PART_OF": ("Organisation", "Organisation", "backup/create_part_of"),
    "IS_PERSON": ("User", "Person", "backup/create_is_person"),
    "MEMBER_OF": ("User", "Team", "backup/create_member_of"),
    "MANAGES": ("User", "Team", "backup/create_manages"),
    "PLAN_FOR": ("Plan", "Organisation", "backup/create_plan_for"),
    "PLAN_MEMBER": ("Plan", "Person", "backup/create_plan_member"),
    "INFLUENCES": ("Person", "Person", "backup/create_influences"),
    "HAS_ACTION": ("Plan", "PlanAction", "backup/create_has_action"),
    "HAS_TOKEN": ("User", "ApiToken", "backup/create_has_token"),
    "HAS_CONNECTION": ("User", "Connection", "backup/create_has_connection"),
}

# Relationship properties that must be unique per type (backed by a constraint on Neo4j).
REL_UNIQUE = {"KNOWS": ("pair",)}
# Statements that name a relationship's ends otherwise than from_id / to_id.
REL_ENDS = {"KNOWS": ("person_id", "other_id")}

_SCALARS = (str, int, float, bool)


def _bad(message: str) -> ValidationError:
    return ValidationError(message, "file")


def _label_of(labels, where: str) -> str:
    if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in NODE_LABELS:
        raise _bad(f"{where}: unsupported labels {labels!r} (known: {', '.join(NODE_LABELS)}); "
                   "add new labels to graph/backup.py")
    return labels[0]


def _key(label: str, props: dict, where: str) -> str:
    prop = NODE_LABELS[label][0]
    value = props.get(prop)
    if not isinstance(value, str) or not value:
        raise _bad(f"{where}: a {label} node without a string {prop}")
    return f"{label}:{value}"


def _props(props, where: str) -> dict:
    """Property maps hold scalars and lists of scalars only; nulls are simply absent."""
    if not isinstance(props, dict):
        raise _bad(f"{where}: props must be an object")
    out = {}
    for name, value in props.items():
        if not isinstance(name, str) or not name:
            raise _bad(f"{where}: bad property name {name!r}")
        if value is None:
            continue
        if isinstance(value, list):
            if not all(isinstance(item, _SCALARS) for item in value):
                raise _bad(f"{where}: property {name} holds a list of non-scalar values")
        elif not isinstance(value, _SCALARS):
            raise _bad(f"{where}: property {name} has an unsupported value")
        out[name] = value
    return out


# -- export -------------------------------------------------------------------------------------
def snapshot(store) -> tuple[list[dict], list[dict]]:
    """Every node and relationship as export records, sorted; consistent across the two reads
    (re-read if the change counter moved in between)."""
    for _ in range(RETRIES):
        before = store.version()
        node_rows = store.read("backup/export_nodes", timeout_ms=0)  # the whole graph: no cap
        rel_rows = store.read("backup/export_relationships", timeout_ms=0)
        if store.version() == before:
            break
    else:
        raise StoreUnavailable("the graph kept changing during the export; try again")
    nodes = []
    for row in node_rows:
        label = _label_of(row["labels"], "export")
        props = _props(row["props"], "export")
        if label == "Meta":
            props.pop("journal", None)  # cache bookkeeping of this graph (graph/changes.py), not data
            props.pop("writes", None)  # ids of the latest writes, so a resend applies once (graph/store.py)
        nodes.append({"key": _key(label, props, "export"), "labels": [label], "props": props})
    rels = []
    for row in rel_rows:
        rtype = row["type"]
        if rtype not in REL_TYPES:
            raise _bad(f"export: unsupported relationship type {rtype} (known: {', '.join(REL_TYPES)}); "
                       "add new types to graph/backup.py")
        ends = []
        for side in ("from", "to"):
            label = _label_of(row[f"{side}_labels"], "export")
            ends.append(_key(label, {"id": row[f"{side}_id"], "key": row[f"{side}_key"]}, "export"))
        rels.append({"type": rtype, "from": ends[0], "to": ends[1], "props": _props(row["props"], "export")})
    nodes.sort(key=lambda n: n["key"])
    rels.sort(key=lambda r: (r["type"], r["from"], r["to"], json.dumps(r["props"], sort_keys=True)))
    return nodes, rels


def _counts(nodes, rels) -> dict:
    return {"nodes": dict(sorted(Counter(n["labels"][0] for n in nodes).items())),
            "relationships": dict(sorted(Counter(r["type"] for r in rels).items()))}


def export_graph(store, out, now: _dt.datetime | None = None) -> dict:
    """Write the whole graph to the text stream `out`; returns the header's counts."""
    nodes, rels = snapshot(store)
    counts = _counts(nodes, rels)
    now = now or _dt.datetime.now(_dt.timezone.utc)
    header = {"format": FORMAT, "version": VERSION, "exported_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
              "backend": store.backend, "counts": counts}
    out.write(json.dumps(header, ensure_ascii=False) + "\n")
    for node in nodes:
        out.write(json.dumps({"node": node}, ensure_ascii=False, sort_keys=True) + "\n")
    for rel in rels:
        out.write(json.dumps({"rel": rel}, ensure_ascii=False, sort_keys=True) + "\n")
    return counts


# -- import -------------------------------------------------------------------------------------
def parse(lines) -> tuple[list[dict], list[dict]]:
    """Read and check a whole backup: header, every record, references and unique values.

    Raises ValidationError(field='file') naming the first problem; returns (nodes, rels)."""
    lines = iter(lines)
    try:
        header = json.loads(next(lines))
    except StopIteration:
        raise _bad("the file is empty") from None
    except (ValueError, UnicodeDecodeError):
        raise _bad("line 1: not a Carnet backup header") from None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise _bad(f"line 1: unknown format (expected {FORMAT})")
    if header.get("version") != VERSION:
        raise _bad(f"line 1: unsupported backup version {header.get('version')!r} (this Carnet reads {VERSION})")
    nodes, rels, ends = [], [], {}
    for number, line in enumerate(lines, start=2):
        where = f"line {number}"
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError:
            raise _bad(f"{where}: not valid JSON") from None
        if isinstance(record, dict) and set(record) == {"node"} and isinstance(record["node"], dict):
            node = record["node"]
            label = _label_of(node.get("labels"), where)
            props = _props(node.get("props"), where)
            key = _key(label, props, where)
            if node.get("key") != key:
                raise _bad(f"{where}: export key {node.get('key')!r} does not match the node ({key})")
            if key in ends:
                raise _bad(f"{where}: node {key} appears twice")
            ends[key] = label
            nodes.append({"key": key, "labels": [label], "props": props})
        elif isinstance(record, dict) and set(record) == {"rel"} and isinstance(record["rel"], dict):
            rel = record["rel"]
            rtype = rel.get("type")
            if rtype not in REL_TYPES:
                raise _bad(f"{where}: unsupported relationship type {rtype!r}")
            rels.append({"type": rtype, "from": rel.get("from"), "to": rel.get("to"),
                         "props": _props(rel.get("props"), where), "where": where})
        else:
            raise _bad(f"{where}: expected a node or rel record")
    for rel in rels:
        start, end, _ = REL_TYPES[rel["type"]]
        for side, wanted in (("from", start), ("to", end)):
            if ends.get(rel[side]) != wanted:
                raise _bad(f"{rel['where']}: {rel['type']} {side} {rel[side]!r} is not a {wanted} node of this file")
        if rel["type"] == "KNOWS":  # keyed again: a backup made when the key had no owner restores too
            rel["props"]["pair"] = pair_key(rel["props"].get("owner"), rel["from"].split(":", 1)[1],
                                            rel["to"].split(":", 1)[1])
    _check_unique(nodes, rels)
    for rel in rels:
        del rel["where"]
    if header.get("counts") != _counts(nodes, rels):
        raise _bad("the counts in the header do not match the file (truncated or edited?)")
    return nodes, rels


def _check_unique(nodes, rels) -> None:
    for label, (_, unique, _) in NODE_LABELS.items():
        for prop in unique:
            seen = Counter(n["props"].get(prop) for n in nodes if n["labels"][0] == label and prop in n["props"])
            dupes = [value for value, count in seen.items() if count > 1]
            if dupes:
                raise _bad(f"{label}.{prop} {dupes[0]!r} appears more than once")
    for rtype, unique in REL_UNIQUE.items():
        for prop in unique:
            seen = Counter(r["props"].get(prop) for r in rels if r["type"] == rtype and prop in r["props"])
            dupes = [value for value, count in seen.items() if count > 1]
            if dupes:
                raise _bad(f"{rtype}.{prop} {dupes[0]!r} appears more than once")


def _batches(rows):
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def import_graph(store, lines) -> dict:
    """Restore a backup (an iterable of text lines) into an empty graph; returns the counts."""
    nodes, rels = parse(lines)
    store.ensure_schema()
    if store.read("backup/count_nodes")[0]["nodes"]:
        raise Conflict("import restores into an empty graph; this graph already holds data", "file")
    for label, (_, _, statement) in NODE_LABELS.items():
        rows = [n["props"] for n in nodes if n["labels"][0] == label]
        extra = {"epoch": uuid.uuid4().hex} if label == "Meta" else {}
        for batch in _batches(rows):
            _written(store.write(statement, rows=batch, **extra), len(batch), label)
    for rtype, (_, _, statement) in REL_TYPES.items():
        start, end = REL_ENDS.get(rtype, ("from_id", "to_id"))
        rows = [{start: r["from"].split(":", 1)[1], end: r["to"].split(":", 1)[1], "props": r["props"]}
                for r in rels if r["type"] == rtype]
        for batch in _batches(rows):
            _written(store.write(statement, rows=batch), len(batch), rtype)
    migrations.migrate(store)  # a backup written by an older version is upgraded like a live graph
    return _counts(nodes, rels)


def _written(result: list[dict], expected: int, what: str) -> None:
    created = result[0]["created"] if result else 0
    if created != expected:  # only if the graph changed under us: the file was checked
        raise Conflict(f"import stopped: {created} of {expected} {what} rows written; "
                       "clear the graph and import again", "file")
