"""When two records are the same person — one rule for import and for the duplicates page:
the same e-mail address (case ignored), or the same name (accents, case and spacing ignored)
currently at the same organisation."""

from __future__ import annotations

import functools
import itertools
import unicodedata
from typing import Iterable

from ..messages import N_, Message

MAX_GROUP = 20  # a bigger group of namesakes is listed by its first members only


@functools.lru_cache(maxsize=4096)
def plain_name(text: str) -> str:
    """plain() of a name that comes back often (organisations): cached."""
    return plain(text)


def plain(text: str | None) -> str:
    """Accents, case and runs of spaces removed: 'Élodie  DURAND ' -> 'elodie durand'."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def norm_email(email: str | None) -> str | None:
    return email.strip().lower() or None if isinstance(email, str) else None


def current_org_ids(person: dict) -> list[str]:
    return [c["id"] for c in person.get("current") or () if c and c.get("id")]


def keys(person: dict) -> list[tuple]:
    """Every key under which `person` meets its duplicates."""
    out = []
    email = norm_email(person.get("email"))
    if email:
        out.append(("email", email))
    name = plain(person.get("name"))
    if name:
        out += [("name", name, org) for org in current_org_ids(person)]
    return out


def why(key: tuple) -> Message:
    """How two records met under `key`, said to people."""
    return N_("same e-mail") if key[0] == "email" else N_("same name at the same organisation")


def seniority(person: dict) -> tuple:
    """Which record of a group survives by default: a colleague's own record, then the oldest."""
    return (person.get("user_id") is None, person.get("created_at") or 0, person.get("id") or "")


class PeopleIndex:
    """The existing people, looked up by the duplicate keys."""

    def __init__(self, people: Iterable[dict]):
        self.by_id: dict = {}
        self.by_key: dict = {}
        for person in people:
            self.by_id[person["id"]] = person
            for key in keys(person):
                self.by_key.setdefault(key, []).append(person)
        for group in self.by_key.values():
            group.sort(key=seniority)

    def candidates(self, wanted: Iterable[tuple]) -> set:
        """Ids of every record that meets one of `wanted`."""
        return {p["id"] for key in wanted for p in self.by_key.get(key, ())}

    def lookup(self, wanted: list[tuple], usable=None) -> tuple[dict | None, str | None, int]:
        """(person, how it matched, how many other records match too) for a record's keys
        (see keys(): the e-mail first). `usable(key, person)`, when given, says whether a
        record may be met under a key (an importer meets nobody by an e-mail they cannot read)."""
        for key in wanted:
            group = self.by_key.get(key)
            if group and usable is not None:
                group = [p for p in group if usable(key, p)]
            if group:
                return group[0], why(key), len(group) - 1
        return None, None, 0


def pairs(people: Iterable[dict]) -> list[tuple[dict, dict, list[str]]]:
    """Candidate duplicate pairs (older record first) with why each pair matched."""
    index = PeopleIndex(people)
    found: dict = {}
    for key, group in index.by_key.items():
        if len(group) < 2:
            continue
        reason = why(key)
        for a, b in itertools.combinations(group[:MAX_GROUP], 2):
            reasons = found.setdefault((a["id"], b["id"]), (a, b, []))[2]
            if reason not in reasons:
                reasons.append(reason)
    return sorted(found.values(), key=lambda t: (plain(t[0].get("name")), t[0]["id"], t[1]["id"]))
