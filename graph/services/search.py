"""Full-text search over people, organisations and relationship notes, for one viewer.

Matching (graph/searchtext.py): accent- and case-insensitive, every word of the query must start
some word of the record (AND on both backends: the Cypher files check each term themselves,
whatever the backend's own query syntax does). People match on name and title, or through
the name of an organisation they currently work at; organisations on name, sector and
country; relationships on notes and context. Ranking: exact name, then name starting with the
query, then every word found in the name, then other fields; ties by folded name, then id.

Names, titles and organisations are public. Notes and context are locked details: a
relationship's note matches only for a viewer to whom graph.visibility shows it in full, so
a search never reveals, even by a result's presence, a note the viewer may not read.

Index builds are asynchronous (both backends); while an index is not ready — or missing,
before `graph init` — its kind is searched by a scan of the same `search_text` with the same
rules, so answers are identical, only slower.

The Cypher files compute the word test as a column and filter on it in the next clause:
FalkorDB 4.16 returns no rows at all for `WITH x WHERE all(t IN list WHERE ...x...) RETURN ...`."""

from __future__ import annotations

from .. import searchtext
from .. import validation as v
from ..visibility import VISIBLE, Viewer, access_of, shape_relationship
from .people import rel_row

KINDS = ("person", "organisation", "note")
GROUPS = {"person": "people", "organisation": "organisations", "note": "notes"}
LABELS = {"person": "Person", "organisation": "Organisation", "note": "KNOWS"}  # index of each kind
DEFAULT_LIMIT = 20
MAX_LIMIT = 100
NOTE_CANDIDATES = 1000  # matching notes weighed for visibility; a broader query weighs the first 1000
BACKFILL_BATCH = 5000  # rows per UNWIND write: short enough not to hold up reads for long


class SearchService:
    def __init__(self, store, users):
        self.store = store
        self.users = users

    # -- reads ---------------------------------------------------------------------------------
    def search(self, viewer: Viewer, q, kind=None, limit=DEFAULT_LIMIT) -> dict:
        """{q, people, organisations, notes}, each best first and at most `limit` long."""
        text = v.text("q", q, max_len=100)
        kind = v.choice("kind", kind, KINDS, required=False)
        limit = v.integer("limit", limit, low=1, high=MAX_LIMIT, default=DEFAULT_LIMIT)
        out = {"q": text or "", **{group: [] for group in GROUPS.values()}}
        query = searchtext.parse(text)
        if not query:
            return out
        ready = self.ready_indexes()
        finders = {"person": self._people, "organisation": self._organisations, "note": self._notes}
        for wanted in ([kind] if kind else KINDS):
            out[GROUPS[wanted]] = finders[wanted](viewer, query, limit, ready)
        return out

    def ready_indexes(self) -> set:
        """Labels whose full-text index is built and answering ("Person", "Organisation", "KNOWS")."""
        return {row["label"] for row in self.store.read("search/index_status") if row["ready"]}

    def _read(self, name: str, label: str, ready: set, query, limit: int, **extra) -> list[dict]:
        """Statement `name` through its index when that is ready, else its scan twin."""
        return self.store.read(f"search/{name}" if label in ready else f"search/{name}_scan",
                               keys=list(query.keys), terms=list(query.terms), phrase=query.phrase, limit=limit,
                               **extra)

    def _people(self, viewer: Viewer, query, limit: int, ready: set) -> list[dict]:
        found: dict = {}
        for name, label in (("people_by_fields", "Person"), ("people_by_organisation", "Organisation")):
            for row in self._read(name, label, ready, query, limit):
                if row["id"] not in found or row["rank"] < found[row["id"]]["rank"]:
                    found[row["id"]] = row
        best = sorted(found.values(), key=lambda r: (r["rank"], r.get("search_name") or "", r["id"]))[:limit]
        return [{k: r[k] for k in ("id", "name", "title", "organisation", "organisation_id", "rank")} for r in best]

    def _organisations(self, viewer: Viewer, query, limit: int, ready: set) -> list[dict]:
        rows = self._read("organisations", "Organisation", ready, query, limit)
        return [{k: r[k] for k in ("id", "name", "kind", "sector", "country", "rank")} for r in rows]

    def _notes(self, viewer: Viewer, query, limit: int, ready: set) -> list[dict]:
        """Relationships whose notes or context match and that the viewer sees in full.

        Two reads: the matches' owner and level only (cheap rows, many of them), then the full
        rows of the best visible few. Notes and context are locked details, so a relationship
        the viewer sees locked or not at all does not match, and nothing shows it exists. The
        first read already leaves out everybody else's private relationships (a preview: all
        private ones), so they never take one of the NOTE_CANDIDATES places: otherwise a rep who
        records that many matching notes would see one go missing when a private note matches."""
        directory = self.users.directory()
        own = None if viewer.preview else viewer.user_id
        keys = [r for r in self._read("notes", "KNOWS", ready, query, NOTE_CANDIDATES, owner=own)
                if access_of(viewer, r, directory) == VISIBLE]
        keys.sort(key=lambda r: (r["other_key"] or "", r["person_key"] or "", r["id"]))
        rows = self.store.read("search/notes_by_id", ids=[r["id"] for r in keys[:limit]])
        order = {r["id"]: i for i, r in enumerate(keys)}
        out = []
        for row in sorted(rows, key=lambda row: order[row["rel"]["id"]]):
            rel = shape_relationship(viewer, rel_row(row), directory)
            if rel is not None and not rel["locked"]:  # decided on the full row as well
                out.append({k: rel.get(k) for k in ("id", "person_id", "person_name", "other_id", "other_name",
                                                    "context", "notes", "visibility", "owner", "owner_name")})
        return out

    # -- backfill ------------------------------------------------------------------------------
    def after_import(self, plan) -> None:
        """An import writes in bulk without search fields: fill the new records', refresh the updated ones'."""
        self.backfill()
        self.refresh(people=[u["id"] for u in plan.person_updates], notes=[u["id"] for u in plan.knows_updates])

    def refresh(self, people=(), notes=()) -> None:
        """Recompute the search fields of records changed in bulk (an import's updates)."""
        for ids, reader, setter, fields in (
                (people, "people_fields_by_id", "set_people_text",
                 lambda r: searchtext.record_fields(r["name"], r["title"])),
                (notes, "notes_fields_by_id", "set_notes_text",
                 lambda r: searchtext.note_fields(r["notes"], r["context"]))):
            ids = sorted(set(ids))
            for start in range(0, len(ids), BACKFILL_BATCH):
                rows = self.store.read(f"search/{reader}", ids=ids[start:start + BACKFILL_BATCH])
                if rows:
                    self.store.write(f"search/{setter}", rows=[{"id": r["id"], **fields(r)} for r in rows])

    def backfill(self) -> dict:
        """Compute the search fields of records written without them (demo, bench, older data).

        Idempotent; `graph init` runs it. Counts what it filled, per kind."""
        steps = (
            ("person", "missing_people", "set_people_text",
             lambda r: searchtext.record_fields(r["name"], r["title"])),
            ("organisation", "missing_organisations", "set_organisations_text",
             lambda r: searchtext.record_fields(r["name"], r["sector"], r["country"])),
            ("note", "missing_notes", "set_notes_text",
             lambda r: searchtext.note_fields(r["notes"], r["context"])),
        )
        counts = {}
        for kind, missing, setter, fields in steps:
            counts[kind] = 0
            while rows := self.store.read(f"search/{missing}", limit=BACKFILL_BATCH):
                batch = [{"id": r["id"], **fields(r)} for r in rows if r["id"] is not None]
                done = self.store.write(f"search/{setter}", rows=batch)[0]["updated"] if batch else 0
                counts[kind] += done
                if done < len(rows):  # a record without an id cannot be addressed: stop, not loop
                    break
        return counts
