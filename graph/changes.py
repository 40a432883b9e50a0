"""What a write changed, as far as caches care (the change journal kept with the counter).

Every write advances the change counter (graph/store.py) and appends one note to a short
journal kept in the same statement, so a cache keyed by the counter can ask what happened
since its key instead of throwing itself away: a relationship edit under load need not make
every worker rebuild its path context. A write that says nothing is noted as ANY, which every
cache must treat as "anything may have changed" — so forgetting a note costs speed, never
correctness."""

from __future__ import annotations

import dataclasses
import threading

ANY = "*"  # anything may have changed
KNOWS = "knows"  # a KNOWS between the two people named was created, changed or deleted
NEW_PERSON = "new-person"  # a person with no KNOWS was created (maybe a position; ids: they, then their manager)
LOG = "log"  # only records nobody caches (audit entries, activity marks, login counters)
TOKEN = "token"  # an API token was issued or revoked (only the user records hold token ids)

# Notes kept in the graph: enough to bridge one worker's consecutive reads of it (every request
# reads it). Each read and each write copies the whole list, so it stays short. A worker that
# falls further behind (idle while others write) starts its caches afresh.
JOURNAL_LENGTH = 64
FEED_LENGTH = 1024  # notes a worker keeps for its own caches (a cache further behind rebuilds)


@dataclasses.dataclass(frozen=True)
class Change:
    kind: str
    ids: tuple = ()

    def note(self) -> str:
        return " ".join((self.kind, *self.ids))


def knows(a: str, b: str) -> Change:
    return Change(KNOWS, (a, b))


def new_person(person_id: str, manager_id: str | None = None) -> Change:
    """A new person; their manager is named too (a new REPORTS_TO changes the manager's lines)."""
    return Change(NEW_PERSON, (person_id, manager_id) if manager_id else (person_id,))


LOGGED = Change(LOG)
ANYTHING = Change(ANY)


def parse(entry) -> tuple[int, Change] | None:
    """A journal entry "<counter> <kind> <id>…" as (counter, change); None when malformed."""
    number, _, rest = str(entry).partition(" ")
    if not number.isdigit():
        return None
    kind, *ids = rest.split(" ") if rest else [ANY]
    return int(number), Change(kind, tuple(ids))


class Feed:
    """This process's view of the journal: the latest change key it has read and the changes
    that led to it (the last FEED_LENGTH at most).

    The store refreshes it with one small read (only the notes it has not seen yet) at the
    first cache lookup of each request and after each of its own writes, so every cache of
    the request checks itself against that one read. Shared by the threads of a process."""

    def __init__(self):
        self.key: tuple = ("", 0)
        self._notes: dict[int, Change] = {}
        self._complete_after = 0  # every change after this counter is in _notes
        self._lock = threading.Lock()

    def update(self, epoch: str, counter: int, journal) -> None:
        """Take in a read of the counter and the journal entries after self.key."""
        with self._lock:
            if epoch == self.key[0] and counter <= self.key[1]:
                return  # another thread has already seen this far (or further)
            notes = {}
            for entry in journal or ():
                parsed = parse(entry)
                if parsed is not None:
                    notes[parsed[0]] = parsed[1]
            if epoch != self.key[0] or any(n not in notes for n in range(self.key[1] + 1, counter + 1)):
                self._notes, self._complete_after = {}, counter  # a new graph, or too far behind
            else:
                self._notes.update((n, c) for n, c in notes.items() if self.key[1] < n <= counter)
                self._complete_after = max(self._complete_after, counter - FEED_LENGTH)
                for n in [n for n in self._notes if n <= self._complete_after]:
                    del self._notes[n]
            self.key = (epoch, counter)

    def since(self, key: tuple) -> tuple[tuple, list[Change] | None]:
        """The latest key and the changes after `key` up to it (None: unknown, assume anything)."""
        with self._lock:
            now = self.key
            if key == now:
                return now, []
            if key[0] != now[0] or not self._complete_after <= key[1] <= now[1]:
                return now, None
            return now, [self._notes[n] for n in range(key[1] + 1, now[1] + 1)]


# Changes that touch nothing but the people they name (a LOG or TOKEN note names nobody): no
# record of teams or rules depends on them (the user records hold token ids, so their cache
# leaves TOKEN out), and the path caches absorb them person by person. Any other kind means
# "rebuild".
SETTLED = frozenset({KNOWS, NEW_PERSON, LOG, TOKEN})


class Kept:
    """Values read from the store and kept in the process while every change since they were
    read is of a kind in `survives`: users, teams and sharing rules are read by nearly every
    request and change only through writes noted ANY.

    Holds up to `size` values by item (one when there is no item)."""

    def __init__(self, survives: frozenset = SETTLED, size: int = 1):
        self.survives = survives
        self.size = size
        self._held: dict = {}
        self._lock = threading.Lock()

    def get(self, store, load, item=None, still=None):
        """The value for `item`, from `load()` unless a kept one is still good (and passes
        `still(value)`, for values that lapse by other means than writes). The key is read
        before the value, so a kept value may be newer than its key but never older."""
        key = store.current()
        held = self._held.get(item)
        if held is not None and (still is None or still(held[1])):
            if held[0] == key:
                return held[1]
            now, changed = store.changes_since(held[0])
            if changed is not None and all(c.kind in self.survives for c in changed):
                with self._lock:
                    self._held[item] = (now, held[1])
                return held[1]
        value = load()
        with self._lock:
            if len(self._held) >= self.size and item not in self._held:
                self._held.clear()
            self._held[item] = (key, value)
        return value
