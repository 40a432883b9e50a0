"""Duplicate people: candidate pairs for managers and admins, and the merge of two records.

A merge joins only a pair the duplicate finder proposes at that moment, and only for a manager
or admin who sees both records in full (their contact details unlocked); anything else answers
404 exactly like an unknown pair. A merge cannot be used to take contacts: every relationship
stays about the same real person (moved onto the kept record), a colleague's private one
included, and the answer and the audit count only what the merger may know exists. The kept
record takes the creator of the older record, so keeping one's own fresh record of someone
does not make one their creator.

A merge is a safe sequence of statements, each atomic on its own (FalkorDB has no
multi-statement transactions): every step moves one kind of relationship from the dropped
record to the kept one by creating the copy and deleting the original in the same statement,
so at every moment each relationship exists exactly once, and a merge cut short (a crash, a
store restart) is finished by merging again. The dropped record is deleted last, and only
when nothing is attached to it any more: a relationship type this module does not know
stops the merge instead of being lost.

What a merge resolves, rather than moves: the KNOWS between the two records (it would be a
person knowing themself) and, when one owner recorded both records knowing the same third
person, that owner's two KNOWS (one per owner per pair): the stronger stays, on a tie the newer,
at the more restrictive level of the two (a merge never widens a relationship); other owners'
KNOWS are never touched but to be moved. Also a second boss (the kept record's reporting line
wins); two current positions at the same organisation and two memberships of the same plan
(folded into one, gaps filled from the dropped one); the dropped record's differing e-mail or
phone (appended to the notes). A detail keeps its contributor; notes put together from details
of different contributors are credited to NOBODY (only admins read them) rather than opened to
either side."""

from __future__ import annotations

from .. import searchtext
from .. import validation as v
from ..errors import Conflict, Forbidden, NotFound
from ..imports.matching import norm_email, pairs, seniority, why
from ..imports.plan import public
from ..messages import N_
from ..visibility import HIDDEN, NOBODY, Viewer, access_of, contributor_field
from .people import rel_row

MAX_PAIRS = 200
SAME_EMAIL = why(("email",))  # the reason two records met by e-mail
# The moves, in order: (statement, what it moves). Each returns n (moved) and maybe folded/dropped.
MOVES = (
    ("duplicates/move_knows_out", "relationships"),
    ("duplicates/move_knows_in", "relationships"),
    ("duplicates/move_reports_out", "reporting lines"),
    ("duplicates/move_reports_in", "reporting lines"),
    ("duplicates/move_positions", "positions"),
    ("duplicates/move_education", "education"),
    ("duplicates/move_plan_members", "plan memberships"),
    ("duplicates/move_influences_out", "influence lines"),
    ("duplicates/move_influences_in", "influence lines"),
)


def fold(keep: dict, drop: dict, now: int) -> dict:
    """The kept record's new properties: its own values win, the dropped one fills the gaps;
    a differing e-mail or phone and both notes are kept in the notes; the merged ids are
    remembered (and make a repeated merge skip this step)."""
    props: dict = {}
    for field in ("title", "email", "phone", "linkedin"):
        if not keep.get(field) and drop.get(field):
            props[field] = drop[field]
            if field in ("email", "phone"):
                props[contributor_field(field)] = drop.get(contributor_field(field))
    extra = [(f"{label} {drop[f]}", drop.get(contributor_field(f))) for f, label in (("email", "e-mail"),
                                                                                    ("phone", "phone"))
             if keep.get(f) and drop.get(f) and norm_email(keep[f]) != norm_email(drop[f])]
    notes = [(n, src.get(contributor_field("notes"))) for src in (keep, drop) for n in [src.get("notes")] if n]
    if extra:
        notes.append((f"From the merged record of {drop.get('name')}: " + "; ".join(t for t, _ in extra),
                      extra[0][1] if len({by for _, by in extra}) == 1 else NOBODY))
    if len(notes) > (1 if keep.get("notes") else 0):
        props["notes"] = "\n\n".join(n for n, _ in notes)
        contributors = {by for _, by in notes}
        props[contributor_field("notes")] = contributors.pop() if len(contributors) == 1 else NOBODY
    if "title" in props:  # the search fields follow the title
        props.update(searchtext.record_fields(keep.get("name"), props["title"]))
    older = min((keep, drop), key=lambda p: (p.get("created_at") or 0, p.get("id") or ""))
    if older is drop:  # the kept record is as old as the person's first record, with its creator
        props.update(created_by=drop.get("created_by"), created_at=drop.get("created_at"))
    props["merged_ids"] = list(keep.get("merged_ids") or []) + [drop["id"]] + list(drop.get("merged_ids") or [])
    props["updated_at"] = now
    return props


class DuplicateService:
    def __init__(self, store, clock, users, audit, people):
        self.store = store
        self.clock = clock
        self.users = users
        self.audit = audit
        self.people = people

    def candidates(self, viewer: Viewer, limit: int = MAX_PAIRS) -> list[dict]:
        """Pairs that look like one person, the record to keep first (a colleague's own, else
        the oldest). Public fields only, and no contact detail: the reason says "same e-mail"
        without the address, and only to a viewer who reads both addresses (to anyone else a
        pair that met only by e-mail is not listed: it would confirm a guessed address).
        `can_merge` says whether this viewer may merge the pair."""
        self.check(viewer)
        out = []
        hidden = self._hidden_emails(viewer)
        for a, b, reasons in pairs(self.store.read("duplicates/list_people")):
            if hidden(a) or hidden(b):  # "same e-mail" would confirm an address the viewer may not read
                reasons = [r for r in reasons if r != SAME_EMAIL]
            if not reasons:
                continue
            if len(out) == limit:
                break
            keep, drop = sorted((a, b), key=seniority)
            out.append({"keep": dict(public(keep), is_colleague=keep.get("user_id") is not None),
                        "drop": dict(public(drop), is_colleague=drop.get("user_id") is not None),
                        "reasons": reasons,
                        "can_merge": drop.get("user_id") is None and self._in_full(viewer, keep, drop)})
        return out

    def merge(self, viewer: Viewer, keep_id, drop_id) -> dict:
        """Merge `drop_id` into `keep_id` (see the module docstring); returns what was moved,
        as far as the merger may know it exists."""
        self.check(viewer)
        keep_id = v.identifier("keep_id", keep_id)
        drop_id = v.identifier("drop_id", drop_id)
        keep, drop = self._proposed(viewer, keep_id, drop_id)
        if keep["user_id"] and drop["user_id"]:
            raise Conflict("both records belong to colleagues' accounts; they cannot be merged", "drop_id")
        if drop["user_id"]:  # a colleague's own record always survives
            keep, drop = drop, keep
        ids = {"keep_id": keep["id"], "drop_id": drop["id"]}
        known = self._known_relationships(viewer, keep["id"], drop["id"])
        if drop["id"] not in (keep.get("merged_ids") or []):
            self.store.write("duplicates/fold_person", keep_id=keep["id"], props=fold(keep, drop, self.clock.now_ms()))
        between = self._known(known, "duplicates/drop_knows_between", ids)
        weaker = self._known(known, "duplicates/drop_weaker_knows", ids)
        done = {"between": len(between), "weaker": len(weaker)}
        moved: dict = {}
        for statement, what in MOVES:
            row = self._row(statement, ids)
            moved[what] = moved.get(what, 0) + int(row.get("n") or 0)
            for extra in ("folded", "dropped"):
                done[extra] = done.get(extra, 0) + int(row.get(extra) or 0)
        # relationships moved, counted among those the merger may know of (no one else's private one)
        moved["relationships"] = len([i for i, r in known.items() if drop["id"] in (r["person_id"], r["other_id"])
                                      and i not in between and i not in weaker])
        done["references"] = self._n("duplicates/repoint_references", ids)
        left = [r["type"] for r in self.store.read("duplicates/leftover_types", drop_id=drop["id"])]
        if left:
            raise Conflict(f"the merge stopped before deleting {drop.get('name')}: relationships of type "
                           f"{', '.join(sorted(left))} are not handled yet (nothing was lost)", "drop_id")
        self.store.write("duplicates/delete_person", drop_id=drop["id"])
        owners = sorted({r["owner"] for r in known.values() if r.get("owner")})
        self.audit.record(viewer, "person.merge", users=tuple(owners), person_id=keep["id"],
                          person_name=keep.get("name"), merged_id=drop["id"], merged_name=drop.get("name"),
                          detail=self._detail(drop, keep, moved, done))
        return {"id": keep["id"], "name": keep.get("name"), "merged_id": drop["id"], "moved": moved,
                "resolved": done}

    def _proposed(self, viewer: Viewer, keep_id: str, drop_id: str) -> tuple[dict, dict]:
        """The two records, when the finder proposes them as a pair right now and the viewer
        sees both in full; else 404, the same as for an unknown id."""
        for a, b, _ in pairs(self.store.read("duplicates/list_people")):
            if {a["id"], b["id"]} == {keep_id, drop_id} and keep_id != drop_id:
                found = {r["person"]["id"]: dict(r["person"], user_id=r["user_id"])
                         for r in self.store.read("duplicates/get_pair", ids=[keep_id, drop_id])}
                if len(found) == 2 and self._in_full(viewer, found[keep_id], found[drop_id]):
                    return found[keep_id], found[drop_id]
                break
        raise NotFound(N_("no such pair of duplicates"), "drop_id")

    def _hidden_emails(self, viewer: Viewer):
        """record -> whether its e-mail holds a value the viewer may not read (asked once per record)."""
        seen: dict = {}

        def hidden(record: dict) -> bool:
            if record["id"] not in seen:
                try:
                    seen[record["id"]] = "email" in self.people.get(viewer, record["id"])["locked_details"]
                except NotFound:  # deleted meanwhile
                    seen[record["id"]] = True
            return seen[record["id"]]
        return hidden

    def _in_full(self, viewer: Viewer, *records: dict) -> bool:
        """Whether the viewer sees every one of these records' contact details."""
        try:
            return all(not self.people.get(viewer, r["id"])["details_locked"] for r in records)
        except NotFound:  # deleted meanwhile
            return False

    def _known_relationships(self, viewer: Viewer, *person_ids: str) -> dict:
        """id -> KNOWS touching these records that the merger may know exists (locked included,
        others' private ones not)."""
        directory = self.users.directory()
        out = {}
        for person_id in person_ids:
            for row in self.store.read("relationships/list_touching", id=person_id):
                rel = rel_row(row)
                if access_of(viewer, rel, directory) is not HIDDEN:
                    out[rel["id"]] = rel
        return out

    def _known(self, known: dict, statement: str, ids: dict) -> set:
        """Run a statement that removes KNOWS; the ids of those the merger knew of."""
        return {i for i in self._row(statement, ids).get("ids") or () if i in known}

    def _row(self, statement: str, ids: dict) -> dict:
        rows = self.store.write(statement, **ids)
        return rows[0] if rows else {}

    def _n(self, statement: str, ids: dict) -> int:
        return int(self._row(statement, ids).get("n") or 0)

    @staticmethod
    def _detail(drop: dict, keep: dict, moved: dict, done: dict) -> str:
        parts = [f"{n} {what}" for what, n in moved.items() if n]
        resolved = []
        if done.get("weaker"):
            resolved.append(f"{done['weaker']} weaker duplicate relationship(s) removed (the stronger kept)")
        if done.get("between"):
            resolved.append("their relationship with each other removed")
        if done.get("dropped"):
            resolved.append(f"{done['dropped']} duplicate or conflicting line(s) not moved")
        if done.get("folded"):
            resolved.append(f"{done['folded']} duplicate position(s)/membership(s) folded")
        return (f"merged {drop.get('name')} ({drop['id']}) into {keep.get('name')}: moved "
                + (", ".join(parts) or "nothing") + ("; " + "; ".join(resolved) if resolved else ""))

    @staticmethod
    def check(viewer: Viewer) -> None:
        """Managers and admins only (a rep gets 403 before anything else is looked at)."""
        if not (viewer.is_admin or viewer.is_manager):
            raise Forbidden("only managers and admins may merge duplicate people")
