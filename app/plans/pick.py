"""Choosing a person or a colleague in the plan forms without a long list (no list over 20 options).

A Picker holds the choices the plan service offered the viewer (staff of the account, plan members,
colleagues). While they fit in MAX_OPTIONS options it fills a plain <select>; beyond, the form shows
a type-to-find field instead: static/suggest.js asks the scope's suggest route for a few matches and
keeps the picked id in a hidden field named like the select, and the server resolves what was typed
among the same choices (an exact name works without JavaScript). The service checks the id again."""

from __future__ import annotations

from collections import Counter

from graph.errors import CarnetError
from graph.services.organisations import LABEL_SEP, resolve_reference

from ..people.forms import apply_error, options

MAX_OPTIONS = 20  # tests/browser/rules.py: no <select> with more options than this
SUGGESTIONS = 10


def _label(name: str, *details) -> str:
    detail = ", ".join(d for d in details if d)
    return name + (LABEL_SEP + detail if detail else "")


def staff(rows) -> list[dict]:
    """Staff of the account (plans.member_form "staff")."""
    return [{"id": r["id"], "name": r["name"], "label": _label(r["name"], r.get("title"), r.get("organisation"))}
            for r in rows]


def members(rows) -> list[dict]:
    """Members of the plan (plans.get / plans.action_form "members"), by name: every form that
    offers them labels them alike, so a suggestion picked on one resolves the same on another."""
    return [{"id": r["person_id"], "name": r["name"], "label": r["name"]} for r in rows]


def colleagues(rows) -> list[dict]:
    """Colleagues who may own an action (plans.action_form "owners"), by name; the username tells
    namesakes apart."""
    names = Counter(r["name"] for r in rows)
    return [{"id": r["id"], "name": r["name"],
             "label": _label(r["name"], r.get("username")) if names[r["name"]] > 1 else r["name"]} for r in rows]


def unique(items: list[dict]) -> list[dict]:
    """Labels made unique (a suggestion list maps a label back to one id)."""
    seen: dict = {}
    out = []
    for item in items:
        n = seen[item["label"]] = seen.get(item["label"], 0) + 1
        out.append(dict(item, label=f"{item['label']} ({n})") if n > 1 else item)
    return out


def matches(items: list[dict], q) -> list[dict]:
    """A few choices whose label holds `q` (those starting with it first), as suggest.js wants them."""
    q = (q or "").strip().casefold()[:100]
    if not q:
        return []
    found = [item for item in unique(items) if q in item["label"].casefold()]
    found.sort(key=lambda item: (not item["label"].casefold().startswith(q), item["label"].casefold()))
    return [{"id": item["id"], "label": item["label"]} for item in found[:SUGGESTIONS]]


class Picker:
    """One choice of a form: `select` (a SelectField holding the id) and `typed` (its text field)."""

    def __init__(self, items: list[dict], select, typed, *, blank: str | None = None, what: str = "person"):
        self.items, self.select, self.typed, self.what = unique(items), select, typed, what
        self.by_id = {item["id"]: item for item in self.items}
        self.listed = len(self.items) + (blank is not None) <= MAX_OPTIONS
        if self.listed:
            select.choices = options(([("", blank)] if blank is not None else [])
                                     + [(item["id"], item["label"]) for item in self.items])
        elif not typed.raw_data and select.data in self.by_id:
            typed.data = self.by_id[select.data]["label"]  # the current choice (none typed yet), as text

    def chosen(self) -> str | None:
        """The id picked: the select's, or the one the typed text names among the choices (none
        when emptied; an unknown or ambiguous name raises, on the typed field). An id posted without
        its text field is passed on as it is: the service decides whether it may be chosen."""
        if self.listed or not self.typed.raw_data:
            return self.select.data or None
        return resolve_reference(
            self.typed.data, self.select.data, self.by_id.get,
            lambda name: [i for i in self.items if i["name"].casefold() == name.casefold()],
            lambda item: item["label"], self.what, self.typed.name)


def apply_pick_error(form, exc: CarnetError, *pickers: Picker) -> None:
    """apply_error, with an error on a hidden id shown at the typed field that stands for it."""
    apply_error(form, exc, {p.select.name: p.typed.name for p in pickers if not p.listed})
