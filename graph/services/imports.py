"""Import use cases: plan a file for a viewer (the dry run), keep an upload between its
preview and its commit, commit a plan all or nothing, and hand job changes to the alerts.

An uploaded file is kept in the graph, compressed, as an (:Import) node until it is committed
or discarded (app processes keep no state); the Import's id is the batch id stamped on
everything the commit creates. A commit plans the file again against the graph as it is then,
so nothing decided at preview time can be stale.

The preview of an upload is planned once, when it is uploaded, and kept with it (`preview`,
compressed): every view of it, page after page, reads that plan, so a large file is not planned
again per page. It is the owner's view at upload time; the commit plans again.

A committing worker holds the Import as a lease (`lease_until`) that it renews after every
statement it writes. A worker that dies mid-commit stops renewing; once its lease has run out
(LEASE_MS) the next upload, preview, commit or discard rolls its leftovers back (recover) and
an upload is pending again, so nobody waits on a dead worker for more than LEASE_MS."""

from __future__ import annotations

import base64
import json
import logging
import zlib

from .. import changes
from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..imports import commit as committer
from ..imports import csv_format, formats
from ..imports import plan as plans
from ..imports.matching import PeopleIndex
from ..imports.plan import Facts, Options, Plan, Planner
from ..model import MAX_NAME, VISIBILITIES
from ..visibility import PERSON_DETAIL_FIELDS, Viewer, readable_details

log = logging.getLogger(__name__)

CHUNK = 2000  # rows planned together (one read of contact-detail access per chunk)
PENDING_DAYS = 7  # an upload neither committed nor discarded is removed after this
LEASE_MS = 30_000  # a commit whose lease was not renewed for this long was cut short: recover() rolls it back
DAY_MS = 86_400_000
RECENT = 20
SHOWN_ERRORS = 3  # rejected rows quoted in a refusal
PAGE_SIZE = 200  # preview rows per page
NO_ROWS = "the file has a header but no rows to import"
SHOWS = ("all", "create", "merge", "unchanged", "duplicate", "reject", "job_change")


def pack(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def unpack(text: str) -> bytes:
    return zlib.decompress(base64.b64decode(text))


class ImportService:
    on_job_changes = None  # set by Services: called with the job changes a commit recorded (alerts)
    after_commit = None  # set by Services: called with the written plan (bulk writes skip the search fields)

    def __init__(self, store, clock, users, audit):
        self.store = store
        self.clock = clock
        self.users = users
        self.audit = audit

    # -- the dry run -------------------------------------------------------------------------------
    def importer(self, username) -> Viewer:
        """The Viewer a command-line import acts as (`--as USERNAME`)."""
        rows = self.store.read("users/find_user_by_username", username=v.text("as", username, required=True))
        viewer = self.users.viewer(rows[0]["id"]) if rows else None
        if viewer is None:
            raise NotFound(f"unknown or disabled user {username}", "as")
        return viewer

    def options(self, strength=2, visibility=None) -> Options:
        return Options(strength=v.integer("strength", strength, low=0, high=5, default=2),
                       visibility=v.choice("visibility", visibility or None, VISIBILITIES, required=False))

    def facts(self, viewer: Viewer) -> Facts:
        """What the plan depends on, read once per plan."""
        people = PeopleIndex(self.store.read("duplicates/list_people"))
        mine = ({r["other_id"]: r for r in self.store.read("imports/knows_of_person", id=viewer.person_id)
                 if r["owner"] == viewer.user_id} if viewer.person_id else {})  # colleagues' never count
        directory = self.users.directory()

        def readable(ids: list) -> dict:
            if viewer.is_admin:
                return {i: frozenset(PERSON_DETAIL_FIELDS) for i in ids}
            touching: dict = {}
            for start in range(0, len(ids), CHUNK):
                for r in self.store.read("imports/touching_access", ids=ids[start:start + CHUNK]):
                    touching.setdefault(r["person_id"], []).append(r)
            return {i: readable_details(viewer, dict(people.by_id[i], notes=people.by_id[i].get("has_notes") or None),
                                        touching.get(i, ()), directory) for i in ids}

        rules = [r["rule"] for r in self.store.read("policy/list_rules")]
        roles: dict = {}
        if any(r.get("plan_role") for r in rules):
            for r in self.store.read("policy/all_plan_roles"):
                roles.setdefault(r["person_id"], []).append(r["role"])
        return Facts(people=people, organisations=self.store.read("imports/list_organisations"), mine=mine,
                     rules=rules, plan_roles=roles, readable=readable, today=self.clock.today(),
                     now=self.clock.now_ms())

    def plan(self, viewer: Viewer, data: bytes | str, fmt=None, *, strength=2, visibility=None,
             batch: str | None = None, progress=None) -> Plan:
        """What importing `data` would do, row by row; writes nothing. `progress(line)` is
        called as rows are planned."""
        options = self.options(strength, visibility)
        parsed = formats.parse(data, fmt)
        plan = Plan(batch or new_id(), parsed.format, parsed.encoding, list(parsed.warnings))
        planner = Planner(viewer, self.facts(viewer), options, plan, new_id)
        chunk: list = []
        for row in parsed.rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                planner.add(chunk)
                chunk = []
                if progress:
                    progress(row.line)
        planner.add(chunk)
        if progress:
            progress(parsed.lines)
        if not plan.entries:
            raise ValidationError(NO_ROWS, "file")
        return plan

    # -- committing --------------------------------------------------------------------------------
    def commit(self, viewer: Viewer, plan: Plan, *, valid_rows: bool = False, batch_size: int = committer.BATCH,
               progress=None, filename: str | None = None) -> dict:
        """Write `plan` all or nothing. Rejected rows stop it unless `valid_rows`; then only
        the valid rows are written (a rejected row never has writes in the plan)."""
        self.refuse_rejects(plan, valid_rows)
        self.recover()
        self.store.write("imports/save_import", id=plan.batch, props=self._record(viewer, plan, "writing", filename))
        try:
            committer.write(self.store, plan, batch_size=batch_size, progress=progress,
                            renew=lambda: self._renew(plan.batch))
        except Exception as exc:
            self.store.write("imports/save_import", id=plan.batch, props={
                "status": "failed", "error": str(getattr(exc, "message", exc))[:500], "undo": None})
            raise
        counts = plan.counts()
        if self.after_commit is not None:
            self.after_commit(plan)
        self.store.write("imports/save_import", id=plan.batch, props={
            "status": "committed", "committed_at": self.clock.now_ms(), "content": None, "undo": None, "preview": None,
            "summary": json.dumps(counts), "job_changes": json.dumps(plan.job_changes[:200])})
        self.audit.record(viewer, "import.commit", users=(viewer.user_id,) if viewer.user_id else (),
                          detail=self._detail(plan, counts))
        self._tell(plan.job_changes)
        return {"id": plan.batch, "counts": counts, "job_changes": plan.job_changes}

    def _renew(self, batch: str) -> None:
        """Extend this commit's lease; a lease lost (recovered by another worker after this one
        stalled past LEASE_MS) stops the commit, which then rolls back what it wrote."""
        if not self.store.write("imports/renew_lease", id=batch, until=self.clock.now_ms() + LEASE_MS,
                                change=changes.LOGGED):
            raise Conflict("the import was interrupted; nothing of it was kept, import the file again", "file")

    def recover(self) -> list[str]:
        """Roll back the imports left half-written by a process that died while committing
        (still "writing" with its lease run out): what carries their batch id goes, and the
        values their updates replaced, kept on the Import record before the first write, come
        back. An upload is pending again (it can be committed or discarded)."""
        done = []
        for row in self.store.read("imports/list_writing", now=self.clock.now_ms()):
            plan = Plan(row["id"], row.get("format") or "", "", [])
            undo = json.loads(unpack(row["undo"])) if row.get("undo") else {}
            for attr in committer.UNDONE:
                setattr(plan, attr, undo.get(attr, []))
            committer.rollback(self.store, plan)
            self.store.write("imports/save_import", id=row["id"], props={
                "status": "pending" if row.get("upload") else "rolled_back", "undo": None, "lease_until": None,
                "error": "the import was interrupted; nothing of it was kept"})
            done.append(row["id"])
        return done

    def refuse_rejects(self, plan: Plan, valid_rows: bool) -> None:
        rejected = plan.rejected
        if rejected and not valid_rows:
            shown = "; ".join(f"line {e.line}: {', '.join(e.errors)}" for e in rejected[:SHOWN_ERRORS])
            more = f" (and {len(rejected) - SHOWN_ERRORS} more)" if len(rejected) > SHOWN_ERRORS else ""
            raise ValidationError(f"{len(rejected)} row(s) have errors, so nothing was imported: {shown}{more}. "
                                  "Correct the file, or choose to import the valid rows only", "file")

    def _tell(self, job_changes: list) -> None:
        """The alerts hook: a failure to notify must not undo a committed import."""
        if job_changes and self.on_job_changes:
            try:
                self.on_job_changes(job_changes)
            except Exception:  # noqa: BLE001 - logged; the import itself is done
                log.exception("job-change alerts failed after import")

    def _record(self, viewer: Viewer, plan: Plan, status: str, filename: str | None) -> dict:
        undo = {attr: [{k: x for k, x in row.items() if k != "props"} for row in getattr(plan, attr)]
                for attr in committer.UNDONE}
        now = self.clock.now_ms()
        out = {"status": status, "format": plan.format, "started_at": now, "lease_until": now + LEASE_MS,
               "undo": pack(json.dumps(undo).encode())}
        if filename is not None:
            out.update(owner=viewer.user_id, owner_name=viewer.name or viewer.username,
                       filename=v.text("filename", filename, max_len=MAX_NAME) or "file",
                       created_at=self.clock.now_ms())
        return out

    @staticmethod
    def _detail(plan: Plan, counts: dict) -> str:
        """The audit line, read by the importer's managers: private relationships are not
        counted, as nobody but their owner may learn they exist."""
        shared = sum(1 for k in plan.knows if k["props"].get("visibility") != "private")
        return (f"{plan.format} file: {counts['people']} people and {counts['organisations']} organisations created, "
                f"{counts['merge']} merged into existing people, {shared} relationships created (private ones "
                f"not counted), {counts['job_changes']} job changes, {counts['reject']} rows rejected")

    # -- uploads (web): kept between the preview and the commit ----------------------------------
    def upload(self, viewer: Viewer, filename, data: bytes, fmt=None, *, strength=2, visibility=None) -> dict:
        """Keep an uploaded file for its preview; a file that cannot be read at all (encoding,
        missing columns, not a vCard) is refused now, naming what is wrong."""
        if viewer.user_id is None:
            raise Forbidden("only a user can upload a file")
        options = self.options(strength, visibility)
        parsed = formats.parse(data, fmt)
        if next(parsed.rows, None) is None:
            raise ValidationError(NO_ROWS, "file")
        now = self.clock.now_ms()
        self.recover()
        self.store.write("imports/delete_stale", before=now - PENDING_DAYS * DAY_MS)
        record = {"id": new_id(), "owner": viewer.user_id, "owner_name": viewer.name or viewer.username,
                  "filename": v.text("filename", filename, max_len=MAX_NAME) or "file", "format": parsed.format,
                  "strength": options.strength, "visibility": options.visibility, "status": "pending",
                  "created_at": now, "content": pack(data if isinstance(data, bytes) else data.encode())}
        plan = self.plan(viewer, data, parsed.format, strength=options.strength, visibility=options.visibility,
                         batch=record["id"])
        record["preview"] = self._packed(plan)
        self.store.write("imports/save_import", id=record["id"], props={k: x for k, x in record.items()
                                                                        if x is not None})
        return {k: record[k] for k in ("id", "filename", "format", "status")}

    @staticmethod
    def _packed(plan: Plan) -> str:
        return pack(json.dumps(plans.dump(plan), ensure_ascii=False).encode())

    def get(self, viewer: Viewer, import_id) -> dict:
        """An upload of the viewer's (someone else's answers 404, like an unknown one)."""
        record = self._own(viewer, import_id)
        record.pop("content", None)
        return record

    def preview(self, viewer: Viewer, import_id, progress=None) -> tuple[dict, Plan | None]:
        """(the upload, its plan now) — no plan once it is committed."""
        self.recover()
        record = self._own(viewer, import_id)
        content = record.pop("content", None)
        if record["status"] != "pending" or content is None:
            return record, None
        rows = self.store.read("imports/get_preview", id=record["id"])
        if rows and rows[0]["preview"]:
            return record, plans.load(json.loads(unpack(rows[0]["preview"])))
        plan = self._plan_upload(viewer, record, content, progress)  # an upload kept without its preview
        self.store.write("imports/save_import", id=record["id"], props={"preview": self._packed(plan)},
                         change=changes.LOGGED)
        return record, plan

    def commit_upload(self, viewer: Viewer, import_id, *, valid_rows: bool = False) -> dict:
        self.recover()
        record = self._own(viewer, import_id)
        content = record.pop("content", None)
        if record["status"] != "pending" or content is None:
            raise Conflict("this file has already been imported or discarded", "file")
        plan = self._plan_upload(viewer, record, content)
        self.refuse_rejects(plan, valid_rows)
        now = self.clock.now_ms()
        if not self.store.write("imports/claim_import", id=record["id"], expected="pending", status="writing",
                                now=now, until=now + LEASE_MS):
            raise Conflict("this file is already being imported", "file")
        return self.commit(viewer, plan, valid_rows=valid_rows)

    def discard(self, viewer: Viewer, import_id) -> None:
        self.recover()
        record = self._own(viewer, import_id)
        if record["status"] != "pending":
            raise Conflict("only a file not imported yet can be discarded", "file")
        self.store.write("imports/delete_import", id=record["id"])

    def recent(self, viewer: Viewer, limit: int = RECENT) -> list[dict]:
        if viewer.user_id is None:
            return []
        return [self._decoded(r["import"]) for r in self.store.read("imports/list_imports", owner=viewer.user_id,
                                                                   limit=limit)]

    @staticmethod
    def page(plan: Plan, show=None, page=1) -> dict:
        """One page of the preview's rows, optionally only one outcome (or only job changes)."""
        show = v.choice("show", show or None, SHOWS, required=False) or "all"
        page = v.integer("page", page, low=1, high=1_000_000, default=1)
        if show == "all":
            rows = plan.entries
        elif show == "job_change":
            rows = [e for e in plan.entries if e.job_change]
        else:
            rows = [e for e in plan.entries if e.action == show]
        pages = max(1, -(-len(rows) // PAGE_SIZE))
        page = min(page, pages)
        return {"entries": rows[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], "total": len(rows), "page": page,
                "pages": pages, "show": show}

    @staticmethod
    def template() -> str:
        return csv_format.template()

    @staticmethod
    def columns() -> dict:
        return dict(csv_format.COLUMNS)

    def _plan_upload(self, viewer: Viewer, record: dict, content: str, progress=None) -> Plan:
        return self.plan(viewer, unpack(content), record["format"], strength=record.get("strength"),
                         visibility=record.get("visibility"), batch=record["id"], progress=progress)

    def _own(self, viewer: Viewer, import_id) -> dict:
        if not isinstance(import_id, str) or viewer.user_id is None:
            raise NotFound("unknown import")
        rows = self.store.read("imports/get_import", id=import_id)
        if not rows or rows[0]["import"] is None or rows[0]["import"].get("owner") != viewer.user_id:
            raise NotFound("unknown import")
        return self._decoded(rows[0]["import"])

    @staticmethod
    def _decoded(record: dict) -> dict:
        out = dict(record)
        for key in ("summary", "job_changes"):
            if isinstance(out.get(key), str):
                out[key] = json.loads(out[key])
        return out
