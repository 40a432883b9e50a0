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


# Characters every id and text must be refused for with a 400 naming the field, never a 5xx
# (graph/validation.py): NUL, a lone surrogate (JSON carries it as an escape), control and bidi.
HOSTILE = ["\x00", "a\x00b", "\ud800", "x\udfffy", "\x07", "\x1b[31mred", "\x7f", "\x85", "\u202e\u0644abc",
           "\u202a", "\u2066x\u2069", "line\nbreak", "tab\there"]
URL_HOSTILE = [h for h in HOSTILE if not any(0xD800 <= ord(c) <= 0xDFFF for c in h)]  # a URL is UTF-8


def _known(data, label: str) -> bool:
    """Three times in four, roughly (0 — the shrink target — keeps the generated value)."""
    return data.draw(st.integers(0, 3), label=f"plant {label}") > 0


def _hostile(data, label: str, values: list[str]):
    """A hostile value one time in eight, else None."""
    if data.draw(st.integers(0, 7), label=f"hostile {label}") == 7:
        return data.draw(st.sampled_from(values), label=f"hostile value {label}")
    return None


def plant(data, case, known: dict[str, list[str]], *, fields: bool) -> None:
    """Replace path parameters, and with `fields` id-like query/body fields, by known values;
    now and then put a hostile character string (HOSTILE) in a path parameter or a string field."""
    for name in list(case.path_parameters or {}):
        if (bad := _hostile(data, name, URL_HOSTILE)) is not None:
            case.path_parameters[name] = bad
        elif _known(data, name):
            case.path_parameters[name] = data.draw(st.sampled_from(pool(known, path_kind(case.path, name))))
    if not fields:
        return
    for container, values in ((case.query, URL_HOSTILE), (case.body, HOSTILE)):
        if not isinstance(container, dict):
            continue
        for name in list(container):
            kind = field_kind(name)
            if isinstance(container[name], str) and (bad := _hostile(data, name, values)) is not None:
                container[name] = bad
            elif kind and _known(data, name):
                container[name] = data.draw(st.sampled_from(pool(known, kind)))
