"""Writes a plan all or nothing, though FalkorDB has no multi-statement transactions.

The plan is complete and checked before the first write. Writes go in UNWIND batches (each
one statement, so atomic), and everything created carries the plan's batch id (`import_batch`;
an ended position carries `ended_by_import`). Each batch must touch exactly its rows: a row
the graph no longer allows (a person deleted meanwhile, a relationship recorded meanwhile)
is a Conflict. On any failure the batch is rolled back: updated values are put back from the
plan, then whatever carries the batch id is deleted or reopened, so the file has left
nothing behind."""

from __future__ import annotations

from typing import Callable

from ..errors import Conflict
from .plan import Plan

BATCH = 2000  # rows per statement (DESIGN: ≤ 10k; short statements keep FalkorDB readers flowing)

# (statement, plan attribute, what it writes), in the order that keeps every end present.
STEPS = (
    ("imports/create_organisations", "orgs", "organisations"),
    ("imports/create_people", "people", "people"),
    ("imports/update_people", "person_updates", "updated people"),
    ("imports/end_positions", "ended", "ended positions"),
    ("imports/create_positions", "positions", "positions"),
    ("imports/update_positions", "position_updates", "updated positions"),
    ("relationships/create_knows", "knows", "relationships"),
    ("imports/update_knows", "knows_updates", "updated relationships"),
)
# Updates are undone by writing back their previous values with the same statements.
RESTORE = (("imports/update_knows", "knows_updates"), ("imports/update_positions", "position_updates"),
           ("imports/update_people", "person_updates"))
UNDONE = tuple(attr for _, attr in RESTORE)  # what a rollback needs beyond the batch id
# Then what carries the batch id goes, relationships before their ends.
CLEAN = ("imports/delete_knows", "imports/delete_positions", "imports/reopen_positions", "imports/delete_people",
         "imports/delete_organisations")


def _chunks(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def write(store, plan: Plan, *, batch_size: int = BATCH, progress: Callable[[int], None] | None = None,
          renew: Callable[[], None] | None = None) -> None:
    """Write every step of `plan`; on any failure roll the batch back and raise again.
    `renew()` is called after each statement (the committing worker's lease) and may raise to
    stop the commit."""
    written = {attr: 0 for _, attr, _ in STEPS}
    try:
        for statement, attr, what in STEPS:
            for chunk in _chunks(getattr(plan, attr), batch_size):
                rows = store.write(statement, rows=chunk, batch=plan.batch)
                written[attr] += len(chunk)  # a short count may still have written some rows
                done = next(iter(rows[0].values())) if rows else 0  # each step answers one count
                if done < len(chunk):
                    raise Conflict(f"the graph changed while importing: {len(chunk) - done} of {len(chunk)} {what} "
                                   "could no longer be written; nothing of the file was kept, preview it again",
                                   "file")
                if renew:
                    renew()
                if progress:
                    progress(len(chunk))
    except BaseException:
        rollback(store, plan, written, batch_size=batch_size)
        raise


def rollback(store, plan: Plan, written: dict | None = None, *, batch_size: int = BATCH) -> None:
    """Undo what was written of `plan` (`written`: rows per attribute; None: all of it).
    Only updates that were written are put back, so nobody else's later edit is overwritten."""
    for statement, attr in RESTORE:
        rows = getattr(plan, attr)
        done = rows if written is None else rows[:written.get(attr, 0)]
        undo = [{**{k: v for k, v in row.items() if k not in ("props", "prev")}, "props": row["prev"]}
                for row in done]
        for chunk in _chunks(undo, batch_size):
            store.write(statement, rows=chunk, batch=plan.batch)
    for statement in CLEAN:
        while True:
            rows = store.write(statement, batch=plan.batch, limit=batch_size)
            if not rows or not rows[0]["n"]:
                break
