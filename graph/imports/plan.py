"""The dry run: what each row of a file will do, and the exact writes that do it.

Pure: the service hands in what the graph holds (Facts); nothing is read or written here.
Every row gets one Entry (create, merge into an existing person, unchanged, duplicate of an
earlier line, or reject with every reason), and the writes of the accepted rows are
collected per kind, ready for the committer. Updates keep the values they replace, so a
failed commit can put them back. An existing person is shown by public fields only (name,
title, organisation): the preview never shows a rep what the visibility model hides. A row
meets an existing person by e-mail only when the importer may read that person's e-mail, so
neither the preview nor the commit depends on an e-mail hidden from the importer."""

from __future__ import annotations

import dataclasses
from typing import Callable, Iterable

from .. import policy, searchtext
from ..messages import N_, Message
from ..visibility import PERSON_DETAIL_FIELDS, Viewer, contributor_field, credit_details
from .matching import PeopleIndex, keys, norm_email, plain, plain_name
from .rows import Row, clean

ACTIONS = ("create", "merge", "unchanged", "duplicate", "reject")
DETAILS = PERSON_DETAIL_FIELDS  # contact details: filled only where the importer may read them
FILLED = ("linkedin",)  # public extras filled when missing
NEW_PERSON = N_("new person")


@dataclasses.dataclass
class Options:
    strength: int | None = 2  # the file's strength for rows without one; None or 0: no relationships
    visibility: str | None = None  # the file's visibility; None: the sharing rules decide


@dataclasses.dataclass
class Facts:
    """What the graph holds that a plan depends on (gathered by graph/services/imports.py)."""

    people: PeopleIndex
    organisations: list  # [{id, name, kind, sector, country}]
    mine: dict  # other person id -> {id, owner, strength}: the importer's own KNOWS with them
    rules: list  # sharing rules (graph/policy.py)
    plan_roles: dict  # person id -> their roles in account plans (read only when a rule asks)
    readable: Callable[[list], dict]  # person ids -> {id: detail fields the importer may read}
    today: str
    now: int


@dataclasses.dataclass(slots=True)
class Entry:
    line: int
    action: str
    name: str | None
    target: dict | None = None  # the existing person merged into: public fields only
    notes: list = dataclasses.field(default_factory=list)
    errors: list = dataclasses.field(default_factory=list)
    duplicate_of: int | None = None
    job_change: dict | None = None


@dataclasses.dataclass
class Plan:
    batch: str
    format: str
    encoding: str
    warnings: list
    entries: list = dataclasses.field(default_factory=list)
    orgs: list = dataclasses.field(default_factory=list)
    people: list = dataclasses.field(default_factory=list)
    person_updates: list = dataclasses.field(default_factory=list)  # {id, props, prev}
    ended: list = dataclasses.field(default_factory=list)  # {person_id, organisation_id, end}
    positions: list = dataclasses.field(default_factory=list)  # {person_id, organisation_id, props}
    position_updates: list = dataclasses.field(default_factory=list)  # {person_id, organisation_id, props, prev}
    knows: list = dataclasses.field(default_factory=list)  # {person_id, other_id, props}
    knows_updates: list = dataclasses.field(default_factory=list)  # {id, props, prev}
    job_changes: list = dataclasses.field(default_factory=list)

    @property
    def rejected(self) -> list:
        return [e for e in self.entries if e.action == "reject"]

    def counts(self) -> dict:
        rows = {a: 0 for a in ACTIONS}
        for e in self.entries:
            rows[e.action] += 1
        return {"rows": len(self.entries), **rows, "organisations": len(self.orgs), "people": len(self.people),
                "people_updated": len(self.person_updates), "relationships": len(self.knows),
                "relationships_updated": len(self.knows_updates), "positions": len(self.positions),
                "positions_ended": len(self.ended), "positions_updated": len(self.position_updates),
                "job_changes": len(self.job_changes)}

    def writes(self) -> int:
        return sum(len(x) for x in (self.orgs, self.people, self.person_updates, self.ended, self.positions,
                                    self.position_updates, self.knows, self.knows_updates))


def code(word: str) -> Message:
    """A visibility code word as a sentence part: the catalogue has it (graph/model.py VISIBILITIES)."""
    return Message(word)


def public(person: dict) -> dict:
    """An existing person as anyone may see them (DESIGN: name, title, organisation are public)."""
    return {"id": person["id"], "name": person.get("name"), "title": person.get("title"),
            "organisation": ", ".join(c.get("name") or "" for c in person.get("current") or () if c)}


def _some(d: dict) -> dict:
    return {k: val for k, val in d.items() if val is not None}


class Planner:
    """Builds one Plan from rows fed in chunks: rows are parsed lazily and only the plan is kept."""

    def __init__(self, viewer: Viewer, facts: Facts, options: Options, plan: Plan, new_id: Callable[[], str]):
        self.viewer, self.facts, self.options, self.plan, self.new_id = viewer, facts, options, plan, new_id
        self.org_by_id = {o["id"]: o for o in facts.organisations}
        self.orgs_by_name: dict = {}
        for org in facts.organisations:
            self.orgs_by_name.setdefault(plain(org.get("name")), []).append(org)
        self.new_orgs: dict = {}  # plain name -> planned organisation
        self.new_ids: set = set()  # ids of planned organisations
        self.kept: set = set()  # ids of planned organisations an accepted row uses
        self.seen: dict = {}  # duplicate key -> (line, planned person or None)
        self.handled: dict = {}  # existing person id -> line that merges into it
        self.texts: dict = {}
        self.note_fields: dict = {}
        if viewer.person_id is None and options.strength:
            plan.warnings.append(N_("no importing user: people, organisations and positions only, no relationships"))

    # -- feeding -----------------------------------------------------------------------------------
    def add(self, rows: Iterable[Row]) -> None:
        """Plan a chunk of rows: check and match them all, ask once whose details the importer
        may see, then decide each row in file order."""
        prepared = [self._prepare(row) for row in rows]
        people = self.facts.people
        wanted = sorted(set().union(*(people.candidates(p[4]) for p in prepared)))
        readable = self.facts.readable(wanted) if wanted else {}

        def usable(key, person) -> bool:
            return key[0] != "email" or "email" in readable.get(person["id"], ())
        for line, values, errors, org, keys in prepared:
            match = people.lookup(keys, usable) if keys else (None, None, 0)  # a planned org's id matches nobody
            self._row(line, values, errors, org, keys, match, readable)

    def _prepare(self, row: Row) -> tuple:
        values, errors = clean(row)
        org, keys = None, []
        if not errors:
            org, org_error = self._org(values)
            if org_error:
                errors = [org_error]
            else:
                keys = self._keys(values, org["id"] if org else None)
        return row.line, values, errors, org, keys

    def _row(self, line, values, errors, org, keys, match, readable: dict) -> None:
        name = values.get("name")
        if errors:
            return self._reject(line, name, errors)
        for key in keys:
            if key in self.seen:
                return self._duplicate(line, name, values, keys, *self.seen[key])
        person, how, others = match
        if person is None:
            return self._create(line, values, org, keys)
        if person["id"] == self.viewer.person_id:
            return self._reject(line, name, [N_("this is you: your own record is not imported")])
        if person["id"] in self.handled:
            return self._duplicate(line, name, values, keys, self.handled[person["id"]], None)
        return self._merge(line, values, org, keys, person, how, others, readable.get(person["id"], frozenset()))

    # -- the five outcomes -------------------------------------------------------------------------
    def _reject(self, line, name, errors) -> None:
        self.plan.entries.append(Entry(line, "reject", name, errors=list(errors)))

    def _duplicate(self, line, name, values, keys, first_line, planned) -> None:
        notes = [N_("same person as line %(line)s", line=first_line)]
        if planned is not None:  # a new person: this row may fill what the first one left empty
            filled = [f for f in DETAILS + FILLED + ("title",) if values.get(f) and not planned.get(f)]
            planned.update(credit_details({f: values[f] for f in filled}, self.viewer.user_id))
            planned.update(searchtext.record_fields(planned["name"], planned.get("title")))
            if filled:
                notes.append(N_("adds %(fields)s", fields=", ".join(filled)))
            self._remember(keys, first_line, planned)
        self.plan.entries.append(Entry(line, "duplicate", name, notes=notes, duplicate_of=first_line))

    def _create(self, line, values, org, keys) -> None:
        person_id = self.new_id()
        contact_orgs = [org] if org else []
        rel, rel_note, error = self._relationship(values, person_id, contact_orgs, None)
        if error:
            return self._reject(line, values["name"], [error])
        now = self.facts.now
        person = _some({"id": person_id, "name": values["name"], "title": values.get("title"),
                        **credit_details({f: values.get(f) for f in DETAILS}, self.viewer.user_id),
                        **{f: values.get(f) for f in FILLED}, "created_by": self.viewer.user_id,
                        "created_at": now, "updated_at": now, "import_batch": self.plan.batch})
        person.update(searchtext.record_fields(person["name"], person.get("title")))
        notes = [NEW_PERSON]
        if org:
            notes.append(self._shared(N_("at %(organisation)s", organisation=self._use_org(org))))
            self._add_position(person_id, org, values)
        self.plan.people.append(person)
        self._add_relationship(rel, notes, rel_note)
        self._remember(keys, line, person)
        self.plan.entries.append(Entry(line, "create", values["name"], notes=notes))

    def _merge(self, line, values, org, keys, person, how, others, readable: frozenset) -> None:
        current = [c for c in person.get("current") or () if c and c.get("id")]
        moved = org is not None and current and org["id"] not in {c["id"] for c in current}
        contact_orgs = [org] if moved or (org and not current) else [self.org_by_id.get(c["id"], c) for c in current]
        rel, rel_note, error = self._relationship(values, person["id"], contact_orgs,
                                                  self.facts.mine.get(person["id"]))
        if error:
            return self._reject(line, values["name"], [error])
        shown = public(person)
        into = (N_("will merge into existing %(name)s (%(organisation)s)", name=shown["name"],
                   organisation=shown["organisation"]) if shown["organisation"]
                else N_("will merge into existing %(name)s", name=shown["name"]))
        notes = [N_("%(note)s: %(how)s", note=into, how=how)]  # met by a public key or a readable e-mail
        if others:
            notes.append(N_("%(count)s other record(s) match as well: a manager can merge them (Duplicates)",
                            count=others))
        changed = self._update_person(person, values, readable, notes)
        job_change = None
        if org is not None:
            org_note = self._use_org(org)
            same = next((c for c in current if c["id"] == org["id"]), None)
            if same is not None:
                if values.get("title") and values["title"] != same.get("title"):
                    self.plan.position_updates.append({"person_id": person["id"], "organisation_id": org["id"],
                                                       "props": {"title": values["title"]},
                                                       "prev": {"title": same.get("title")}})
                    changed = True
            else:
                for c in current:
                    self.plan.ended.append({"person_id": person["id"], "organisation_id": c["id"],
                                            "end": self.facts.today})
                self._add_position(person["id"], org, values)
                changed = True
                if current:
                    job_change = {"line": line, "person_id": person["id"], "name": person.get("name"),
                                  "old_organisation": ", ".join(c.get("name") or "" for c in current),
                                  "old_organisation_ids": [c["id"] for c in current],
                                  "new_organisation": org["name"], "new_organisation_id": org["id"],
                                  "title": values.get("title")}
                    self.plan.job_changes.append(job_change)
                    notes.append(N_("job change: %(old)s → %(new)s; the old position is ended today",
                                    old=job_change["old_organisation"], new=org_note))
                else:
                    notes.append(N_("adds a position at %(organisation)s", organisation=org_note))
        changed = self._add_relationship(rel, notes, rel_note) or changed
        self.handled[person["id"]] = line
        self._remember(keys, line, None)
        self.plan.entries.append(Entry(line, "merge" if changed else "unchanged", values["name"], target=shown,
                                       notes=notes, job_change=job_change))

    # -- parts -------------------------------------------------------------------------------------
    def _update_person(self, person: dict, values: dict, readable: frozenset, notes: list) -> bool:
        props, prev = {}, {}
        fill = tuple(f for f in DETAILS if f in readable) + FILLED
        for f in fill:
            known = person.get(f) if f != "notes" else (person.get("has_notes") or None)
            if values.get(f) and not known:
                props[f], prev[f] = values[f], None
        if "email" in readable and values.get("email") and person.get("email") \
                and norm_email(person["email"]) != values["email"]:
            notes.append(N_("e-mail differs from the one on record: the record's is kept"))
        if values.get("title") and values["title"] != person.get("title"):
            props["title"], prev["title"] = values["title"], person.get("title")
            props.update(searchtext.record_fields(person.get("name"), values["title"]))  # search follows
            prev.update(searchtext.record_fields(person.get("name"), person.get("title")))
        if not props:
            return False
        notes.append(N_("updates %(fields)s", fields=", ".join(sorted(props))))
        for f, by in credit_details({f: props[f] for f in DETAILS if f in props}, self.viewer.user_id).items():
            if f not in DETAILS:  # the importer becomes the contributor of each detail they fill
                props[f], prev[f] = by, person.get(f)
        props["updated_at"], prev["updated_at"] = self.facts.now, person.get("updated_at")
        self.plan.person_updates.append({"id": person["id"], "props": props, "prev": prev})
        return True

    def _relationship(self, values, contact_id, contact_orgs, existing):
        """(write, note, error) for the importer's relationship with the contact."""
        if self.viewer.person_id is None:
            return None, None, None
        explicit = values.get("strength")
        strength = explicit if explicit is not None else self.options.strength
        if not strength:
            return None, (N_("no relationship (strength 0)") if explicit == 0 else None), None
        now = self.facts.now
        if existing is not None:  # the importer's own (a colleague's never changes what an import does)
            if explicit is not None and explicit != existing.get("strength"):
                return ({"id": existing["id"], "props": {"strength": explicit, "updated_at": now},
                         "prev": {"strength": existing.get("strength"), "updated_at": existing.get("updated_at")}},
                        N_("your relationship: strength %(old)s → %(new)s", old=existing.get("strength"),
                           new=explicit), None)
            return None, N_("you already know them (strength %(strength)s)", strength=existing.get("strength")), None
        facts = {"orgs": [{k: o.get(k) for k in ("kind", "sector", "country")} for o in contact_orgs],
                 "strength": strength, "owner_team": self.viewer.team_id,
                 "plan_roles": self.facts.plan_roles.get(contact_id, [])}
        rule = policy.decide(self.facts.rules, facts)
        chosen = values.get("visibility") or self.options.visibility
        if chosen is None:
            visibility, source = rule["outcome"], "policy"
        elif self.viewer.is_system or policy.allowed(rule, chosen):
            visibility, source = chosen, "owner"
        else:
            return None, None, N_("visibility: the rule “%(rule)s” requires %(visibility)s", rule=rule["name"],
                                  visibility=code(rule["outcome"]))
        props = _some({"id": self.new_id(), "strength": strength, "context": values.get("context"),
                       "since": values.get("since"), "visibility": visibility, "visibility_source": source,
                       "policy_rule_id": rule.get("id"), "owner": self.viewer.user_id,
                       "created_at": now, "updated_at": now, "import_batch": self.plan.batch,
                       **self._note_fields(values.get("context"))})
        said = {"strength": strength, "visibility": code(visibility)}
        note = (N_("you know them: strength %(strength)s, %(visibility)s by the rule “%(rule)s”", rule=rule["name"],
                   **said) if source == "policy" else N_("you know them: strength %(strength)s, %(visibility)s", **said))
        return ({"person_id": self.viewer.person_id, "other_id": contact_id, "props": props},
                self._shared(note), None)

    def _note_fields(self, context) -> dict:
        if context not in self.note_fields:
            self.note_fields[context] = searchtext.note_fields(None, context)
        return self.note_fields[context]

    def _shared(self, text: Message) -> Message:
        """One copy of a note that thousands of rows repeat (a 100k-row plan stays small)."""
        return self.texts.setdefault(text, text)

    def _add_relationship(self, rel, notes, note) -> bool:
        if note:
            notes.append(note)
        if rel is None:
            return False
        (self.plan.knows_updates if "props" in rel and "prev" in rel else self.plan.knows).append(rel)
        return True

    def _add_position(self, person_id: str, org: dict, values: dict) -> None:
        self.plan.positions.append({"person_id": person_id, "organisation_id": org["id"], "props": _some({
            "id": self.new_id(), "title": values.get("title"), "department": values.get("department"),
            "start": values.get("start"), "created_at": self.facts.now, "import_batch": self.plan.batch})})

    def _existing_org(self, name: str | None) -> tuple[dict | None, str | None]:
        if not name:
            return None, None
        found = self.orgs_by_name.get(plain_name(name), [])
        if len(found) > 1:
            found = [o for o in found if o.get("name") == name.strip()] or found
        if len(found) > 1:
            return None, N_("organisation: several organisations are called %(name)s; rename one of them in Carnet "
                            "or add this person by hand", name=name.strip())
        return (found[0] if found else None), None

    def _org(self, values: dict) -> tuple[dict | None, str | None]:
        """The existing organisation the row names, or a planned new one (not yet kept)."""
        name = values.get("organisation")
        org, error = self._existing_org(name)
        if org or error or not name:
            return org, error
        key = plain_name(name)
        if key not in self.new_orgs:
            org_id = self.new_id()
            self.new_ids.add(org_id)
            self.new_orgs[key] = {"id": org_id, "name": name.strip(),
                                  "kind": values.get("organisation_kind") or "other",
                                  "created_by": self.viewer.user_id, "created_at": self.facts.now,
                                  "import_batch": self.plan.batch, **searchtext.record_fields(name.strip())}
        return self.new_orgs[key], None

    def _use_org(self, org: dict) -> str | Message:
        """Keep a planned organisation (it is written only when an accepted row uses it)."""
        if org["id"] in self.new_ids and org["id"] not in self.kept:
            self.kept.add(org["id"])
            self.plan.orgs.append(org)
            return N_("%(name)s (new organisation)", name=org["name"])
        return org["name"]

    def _keys(self, values: dict, org_id: str | None) -> list:
        return keys({"email": values.get("email"), "name": values.get("name"),
                     "current": [{"id": org_id}] if org_id else []})

    def _remember(self, keys: list, line: int, planned: dict | None) -> None:
        for key in keys:
            self.seen.setdefault(key, (line, planned))


# -- keeping a plan (the preview of an upload is planned once, at upload) ------------------------
_MESSAGE = "$message"


def _plain(value):
    """JSON-ready: a Message keeps what translates it."""
    if isinstance(value, Message):
        return {_MESSAGE: value.as_dict()}
    if isinstance(value, dict):
        return {k: _plain(x) for k, x in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(x) for x in value]
    return value


def _revived(value):
    if isinstance(value, dict):
        if _MESSAGE in value and len(value) == 1:
            return Message.from_dict(value[_MESSAGE])
        return {k: _revived(x) for k, x in value.items()}
    if isinstance(value, list):
        return [_revived(x) for x in value]
    return value


def dump(plan: Plan) -> dict:
    """`plan` as JSON-ready data (load gives it back)."""
    out = {f.name: _plain(getattr(plan, f.name)) for f in dataclasses.fields(Plan) if f.name != "entries"}
    out["entries"] = [{f.name: _plain(getattr(e, f.name)) for f in dataclasses.fields(Entry)} for e in plan.entries]
    return out


def load(data: dict) -> Plan:
    plan = Plan(**{k: _revived(x) for k, x in data.items() if k != "entries"})
    plan.entries = [Entry(**_revived(e)) for e in data["entries"]]
    return plan
