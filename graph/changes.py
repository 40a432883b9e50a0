"""What a write changed, as far as caches care (the change journal kept with the counter).

Every write advances the change counter (graph/store.py) and appends one note to a short
journal kept in the same statement, so a cache keyed by the counter can ask what happened
since its key instead of throwing itself away: a relationship edit under load need not make
every worker rebuild its path context. A write that says nothing is noted as ANY, which every
cache must treat as "anything may have changed" — so forgetting a note costs speed, never
correctness."""

from __future__ import annotations

import dataclasses

ANY = "*"  # anything may have changed
KNOWS = "knows"  # a KNOWS between the two people named was created, changed or deleted
NEW_PERSON = "new-person"  # a person with no relationships was created (and maybe their position)
LOG = "log"  # only records nobody caches (audit entries, activity marks, login counters)

JOURNAL_LENGTH = 256  # notes kept; a cache further behind rebuilds from scratch


@dataclasses.dataclass(frozen=True)
class Change:
    kind: str
    ids: tuple = ()

    def note(self) -> str:
        return " ".join((self.kind, *self.ids))


def knows(a: str, b: str) -> Change:
    return Change(KNOWS, (a, b))


def new_person(person_id: str) -> Change:
    return Change(NEW_PERSON, (person_id,))


LOGGED = Change(LOG)
ANYTHING = Change(ANY)


def since(journal: list | None, counter: int, current: int) -> list[Change] | None:
    """The changes after `counter` up to `current`, or None when the journal no longer reaches back.

    Journal entries read "<counter> <kind> <id>…"; counters are consecutive."""
    if current == counter:
        return []
    wanted: dict[int, Change] = {}
    for entry in journal or ():
        number, _, rest = str(entry).partition(" ")
        if number.isdigit() and counter < int(number) <= current:
            kind, *ids = rest.split(" ") if rest else [ANY]
            wanted[int(number)] = Change(kind, tuple(ids))
    if len(wanted) != current - counter:
        return None
    return [wanted[n] for n in sorted(wanted)]
