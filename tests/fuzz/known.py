"""Planting real values into generated requests: ids of seeded objects, known logins.

Random ids only ever reach "not found"; naming real objects most of the time lets the fuzzer
reach authorization, validation against data and the writes. The kind of object a parameter
names comes from its own name (`org_id`, `reports_to`) or, for a bare `{id}`, from the path
segment before it; unknown kinds draw from every id."""

from __future__ import annotations

import re

from hypothesis import strategies as st

# Path segments whose singular is not the kind's name (others: "events" -> "event", ...).
SEGMENT_KIND = {"people": "person", "members": "person", "organisations": "org", "accounts": "org",
                "relationships": "rel", "reviews": "rel", "influences": "line", "intro-requests": "intro",
                "intros": "intro"}
NAME_KIND = {"other": "person", "target": "person", "source": "person", "from": "person", "to": "person",
             "member": "person", "reports_to": "person", "organisation": "org", "parent": "org",
             "account": "org", "relationship": "rel", "owner": "user"}
PLANTED = re.compile(r"(?:(.+)_id|(reports_to|owner|target|source|username|password))$")


def path_kind(path: str, name: str) -> str:
    if name != "id":
        return name_kind(name.removesuffix("_id"))
    before = path.split("{" + name + "}")[0].rstrip("/").rsplit("/", 1)[-1]
    return SEGMENT_KIND.get(before, before.removesuffix("s"))


def name_kind(name: str) -> str:
    return NAME_KIND.get(name, name)


def field_kind(name: str) -> str | None:
    match = PLANTED.match(name)
    return name_kind(match.group(1) or match.group(2)) if match else None


def pool(known: dict[str, list[str]], kind: str) -> list[str]:
    return known.get(kind) or known["any"]


def _known(data, label: str) -> bool:
    """Three times in four, roughly (0 — the shrink target — keeps the generated value)."""
    return data.draw(st.integers(0, 3), label=f"plant {label}") > 0


def plant(data, case, known: dict[str, list[str]], *, fields: bool) -> None:
    """Replace path parameters, and with `fields` id-like query/body fields, by known values."""
    for name in list(case.path_parameters or {}):
        if _known(data, name):
            case.path_parameters[name] = data.draw(st.sampled_from(pool(known, path_kind(case.path, name))))
    if not fields:
        return
    for container in (case.query, case.body):
        if not isinstance(container, dict):
            continue
        for name in list(container):
            kind = field_kind(name)
            if kind and _known(data, name):
                container[name] = data.draw(st.sampled_from(pool(known, kind)))
