"""Upgrades of data written by older versions of Carnet, run by `graph init` and after a
backup is restored.

Each migration runs once per graph: its name is then kept on the (:Meta {key: 'migrations'})
node (which a backup carries), so a later run never redoes it over data that the current code
wrote on purpose (a detail credited to nobody stays so). Each is a statement that fixes up to
`limit` records and is repeated until it fixes none: short writes, and a run cut short simply
continues."""

from __future__ import annotations

BATCH = 5000

# (name, statement). detail_contributors: details written before they carried their contributor
# are credited to whoever created the person (none recorded: nobody, so only admins read them).
MIGRATIONS = (("detail_contributors", "migrations/fill_detail_contributors"),)


def migrate(store) -> dict:
    """Run the migrations this graph has not had; returns {name: records changed}."""
    rows = store.read("migrations/list_done")
    done = set(rows[0]["done"] or ()) if rows else set()
    counts = {}
    for name, statement in MIGRATIONS:
        if name in done:
            continue
        counts[name] = 0
        while n := int(store.write(statement, limit=BATCH)[0]["n"] or 0):
            counts[name] += n
        store.write("migrations/mark_done", migration=name)
    return counts
