"""Upgrades of data written by older versions of Carnet, run by `graph init` and after a
backup is restored.

Each migration is a statement that upgrades up to `limit` records still in the old shape and
is repeated until it finds none: short writes, a run cut short simply continues, and running
it again changes nothing, because the current code never writes that shape."""

from __future__ import annotations

BATCH = 5000

# (name, statement). detail_contributors: a detail without a contributor was written before
# details carried one (the current code always records one, NOBODY included); it is credited to
# whoever created the person, and with no creator recorded it stays with nobody (admins only).
MIGRATIONS = (("detail_contributors", "migrations/fill_detail_contributors"),)


def migrate(store) -> dict:
    """Run every migration; returns {name: records upgraded} for those that upgraded any."""
    counts = {}
    for name, statement in MIGRATIONS:
        total = 0
        while n := int(store.write(statement, limit=BATCH)[0]["n"] or 0):
            total += n
        if total:
            counts[name] = total
    return counts
