"""Account plans: one per account (an organisation with its sub-organisations).

What is typed: period, objectives, status; the decision-making unit (role, stance, influence,
notes per member); influence lines between members; actions. Everything else is computed from
the graph on every read, as the viewer may see it: coverage comes from KNOWS between a
colleague's person and the member, shaped by graph.visibility (locked: owner, no strength;
another user's private: absent), and graph.plans derives score, gaps, warnings and leavers.

Who may change what (graph.plans.can_edit_plan / can_manage_action): managers and admins edit
the plan; reps read it and manage the actions they own. A plan is created on its first write;
reading an account without one answers an empty draft."""

from __future__ import annotations

import threading

from .. import plans as calc
from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, ValidationError
from ..messages import N_
from ..paths import knows_preference
from ..model import (ACTION_STATUSES, MAX_NOTES, MAX_OBJECTIVES, MAX_TEXT, PLAN_KINDS, PLAN_ROLES,
                     PLAN_STATUSES, STANCES)
from ..visibility import HIDDEN, LOCKED, Viewer, relationship_access

MAX_OBJECTIVE = 500
ANSWER_CACHE_SIZE = 32  # plan answers kept per process (cleared whole when full)


def seen_as(viewer: Viewer) -> tuple:
    """Everything about a viewer that shapes a plan: visibility (graph.visibility) and rights."""
    return (viewer.user_id, viewer.role, viewer.team_id, tuple(sorted(viewer.managed_team_ids)))
MEMBER_FIELDS = ("role", "stance", "influence", "notes")


def _preferred(entry: dict) -> tuple:
    return knows_preference(entry["strength"], entry["locked"], entry["owner"])


class PlanService:
    alerts = None  # AlertService, set by Services: a member change may uncover a decision maker

    def __init__(self, store, clock, users, paths):
        self.store = store
        self.clock = clock
        self.users = users
        self.paths = paths
        self._answers: dict = {}  # see get
        self._lock = threading.Lock()

    # -- reads ------------------------------------------------------------------------------------
    def account(self, viewer: Viewer, org_id) -> dict:
        """The account with its sub-organisations; NotFound unless it may carry a plan."""
        if not isinstance(org_id, str) or len(org_id) > 64:
            raise NotFound(N_("unknown account"))
        rows = self.store.read("plans/get_account", id=org_id)
        if not rows or rows[0]["account"] is None or rows[0]["account"].get("id") is None:
            raise NotFound(N_("unknown account"))
        account = dict(rows[0]["account"])
        if account.get("kind") not in PLAN_KINDS:
            raise NotFound("this organisation is not an account (kinds with a plan: " + ", ".join(PLAN_KINDS) + ")")
        subs = sorted((s for s in rows[0]["subs"] if s and s.get("id")), key=lambda s: (s["name"].lower(), s["id"]))
        account["sub_organisations"] = subs
        account["org_ids"] = [account["id"]] + [s["id"] for s in subs]
        return account

    def get(self, viewer: Viewer, org_id, *, paths: bool = True, cached: bool = True) -> dict:
        """The whole plan as the viewer may see it (CONTRACT GET /api/accounts/{id}/plan).

        A plan is read far more often than the graph changes, and a gap's route costs tens of
        milliseconds on a large graph, so answers are kept per (change counter, what decides the
        viewer's visibility and rights, account, day): any write anywhere moves the counter, read
        here before the data, so a kept answer may be newer than its key but never older.
        Callers must not change the answer they get (it may be shared)."""
        key = None
        if cached:
            key = (self.store.current(), seen_as(viewer), org_id, bool(paths), self.clock.today())
            with self._lock:
                hit = self._answers.get(key)
            if hit is not None:
                return hit
        answer = self._compute(viewer, org_id, paths)
        if key is not None:
            with self._lock:
                if len(self._answers) >= ANSWER_CACHE_SIZE:
                    self._answers.clear()
                self._answers[key] = answer
        return answer

    def _compute(self, viewer: Viewer, org_id, paths: bool) -> dict:
        account = self.account(viewer, org_id)
        rows = self.store.read("plans/get_plan", account_id=account["id"])
        plan = dict(rows[0]["plan"]) if rows else {"id": None, "status": "draft"}
        plan["objectives"] = list(plan.get("objectives") or [])
        directory = self.users.directory()
        coverage = self._coverage(viewer, account["id"], directory)
        posts_of: dict = {}
        for post in self.store.read("plans/list_member_posts", account_id=account["id"], org_ids=account["org_ids"]):
            posts_of.setdefault(post["person_id"], []).append(post)
        members = []
        for row in self.store.read("plans/list_members", account_id=account["id"]):
            posts = posts_of.get(row["person_id"], [])
            left = calc.has_left(posts)
            members.append({
                "person_id": row["person_id"], "name": row["name"], "title": row["title"], "role": row["role"],
                "stance": row["stance"], "influence": row["influence"], "notes": row["notes"],
                "coverage": calc.sort_coverage(coverage.get(row["person_id"], [])),
                "left": left, "left_title": calc.last_title(posts, row["title"]) if left else None,
                "organisation": next((p["organisation"] for p in posts if p.get("end") is None), None),
            })
        if any(m["left"] for m in members):
            staff = self.store.read("plans/list_staff", org_ids=account["org_ids"])
            for m in members:
                m["successors"] = calc.successors(m, staff) if m["left"] else []
        else:
            for m in members:
                m["successors"] = []
        names = {m["person_id"]: m["name"] for m in members}
        lines = [dict(line, from_name=names.get(line["from_id"]), to_name=names.get(line["to_id"]))
                 for line in self.store.read("plans/list_influences", account_id=account["id"])]
        today = self.clock.today()
        actions = []
        for row in self.store.read("plans/list_actions", account_id=account["id"]):
            action = dict(row["action"])
            action["owner_name"] = directory.owner_name(action.get("owner"))
            action["member_name"] = names.get(action.get("member_id"))
            action["overdue"] = calc.is_overdue(action, today)
            action["can_manage"] = calc.can_manage_action(viewer, action)
            actions.append(action)
        gaps = calc.gaps(members)
        if paths:
            self._best_paths(viewer, gaps)
        warnings = calc.single_threaded(members)
        opposed = calc.opponents_influencing(members, lines)
        account.pop("org_ids")
        return {
            "account": account, "plan": plan, "members": members, "influences": lines, "gaps": gaps,
            "single_threaded": warnings, "opponents_influencing": opposed,
            "left": [{"person_id": m["person_id"], "name": m["name"], "title": m["left_title"],
                      "successors": m["successors"]} for m in members if m["left"]],
            "actions": actions, "summary": calc.summary(members, gaps, warnings, opposed, actions),
            "today": today, "can_edit": calc.can_edit_plan(viewer), "can_add_action": calc.can_manage_action(viewer),
        }

    def _coverage(self, viewer: Viewer, account_id: str, directory) -> dict:
        """member id -> coverage entries the viewer may see (one per colleague)."""
        out: dict = {}
        for row in self.store.read("plans/list_coverage", account_id=account_id):
            owner = row["owner"]
            access = relationship_access(viewer, owner, row["visibility"], directory.owner_team(owner))
            if access is HIDDEN:
                continue
            locked = access == LOCKED
            entry = {
                "colleague": row["colleague"], "colleague_name": row["colleague_name"],
                "colleague_user_id": row["user_id"], "strength": None if locked else row["strength"],
                "locked": locked, "owner": owner, "owner_name": directory.owner_name(owner),
                "relationship_id": row["rel_id"],
            }
            mine = out.setdefault(row["member_id"], {})
            held = mine.get(row["colleague"])
            if held is None or _preferred(entry) < _preferred(held):  # several owners: the pair rule keeps one
                mine[row["colleague"]] = entry
        return {member: list(entries.values()) for member, entries in out.items()}

    def _best_paths(self, viewer: Viewer, gaps: list[dict]) -> None:
        """Each gap gets its best warm introduction path (the path engine's top route), names included."""
        ids = set()
        for gap in gaps:
            found = self.paths.find(viewer, gap["person_id"], k=1)["paths"]
            gap["path"] = found[0] if found else None
            if gap["path"]:
                ids.update(end for hop in gap["path"]["hops"] for end in (hop["from"], hop["to"]))
        if not ids:
            return
        names = {r["id"]: r["name"] for r in self.store.read("plans/get_people", ids=sorted(ids))}
        for gap in gaps:
            for hop in (gap["path"] or {}).get("hops", ()):
                hop["from_name"], hop["to_name"] = names.get(hop["from"]), names.get(hop["to"])

    def staff_options(self, viewer: Viewer, org_id) -> dict:
        """Current staff of the account not yet in the plan (the "add a member" choice)."""
        account = self.account(viewer, org_id)
        members = {r["person_id"] for r in self.store.read("plans/list_members", account_id=account["id"])}
        staff = [s for s in self.store.read("plans/list_staff", org_ids=account["org_ids"]) if s["id"] not in members]
        account.pop("org_ids")
        return {"account": account, "staff": staff}

    def require_editor(self, viewer: Viewer, org_id) -> dict:
        """The account, when the viewer may change its plan: unknown → 404 first, then role → 403,
        before any input is looked at."""
        account = self.account(viewer, org_id)
        if not calc.can_edit_plan(viewer):
            raise Forbidden(N_("only managers and admins may change an account plan"))
        return account

    def member_form(self, viewer: Viewer, org_id, person_id=None) -> dict:
        """What the member form needs: the member being edited, or the staff who may be added."""
        self.require_editor(viewer, org_id)
        if person_id is None:
            return self.staff_options(viewer, org_id)
        return self.member(viewer, org_id, person_id)

    def action_form(self, viewer: Viewer, org_id, action_id=None) -> dict:
        """What the action form needs: members to link, colleagues who may own it, the action."""
        account = self.account(viewer, org_id)
        members = [{"person_id": r["person_id"], "name": r["name"]}
                   for r in self.store.read("plans/list_members", account_id=account["id"])]
        action = self._action(account["id"], action_id) if action_id is not None else None
        if action is not None and not calc.can_manage_action(viewer, action):
            raise Forbidden(N_("only the action's owner, a manager or an admin may change it"))
        owners = self.owners()
        if not calc.can_edit_plan(viewer):
            owners = [o for o in owners if o["id"] == viewer.user_id]
        account.pop("org_ids")
        return {"account": account, "members": members, "owners": owners, "action": action}

    def owners(self) -> list[dict]:
        """Colleagues who may own an action (active users)."""
        return self.store.read("plans/list_owners")

    def member(self, viewer: Viewer, org_id, person_id) -> dict:
        account = self.account(viewer, org_id)
        row = self._member(account["id"], person_id)
        if row is None:
            raise NotFound(N_("this person is not in the plan"), "person_id")
        names = self.store.read("plans/get_people", ids=[person_id])
        account.pop("org_ids")
        return {"account": account, "member": dict(row, name=names[0]["name"], title=names[0]["title"])}

    def action(self, viewer: Viewer, org_id, action_id) -> dict:
        account = self.account(viewer, org_id)
        action = self._action(account["id"], action_id)
        account.pop("org_ids")
        return {"account": account, "action": action}

    # -- writes: the plan itself (managers, admins) --------------------------------------------------
    def update(self, viewer: Viewer, org_id, data: dict) -> dict:
        """Period, objectives and status. Fields left out keep their value."""
        account = self.account(viewer, org_id)
        self._require_editor(viewer)
        v.only_fields(data, ("period_start", "period_end", "objectives", "status"))
        current = self.store.read("plans/get_plan", account_id=account["id"])
        current = current[0]["plan"] if current else {}
        props = {}
        start = data.get("period_start", current.get("period_start"))
        end = data.get("period_end", current.get("period_end"))
        props["period_start"], props["period_end"] = v.period("period_start", start, "period_end", end)
        if "objectives" in data:
            props["objectives"] = self._objectives(data["objectives"])
        if "status" in data:
            props["status"] = v.choice("status", data["status"], PLAN_STATUSES)
        props.update(updated_at=self.clock.now_ms(), updated_by=viewer.user_id)
        self._ensure(viewer, account["id"])
        self.store.write("plans/update_plan", account_id=account["id"], props=props)
        return self.get(viewer, account["id"], paths=False)

    @staticmethod
    def _objectives(value) -> list[str]:
        if isinstance(value, str):
            value = value.splitlines()
        if not isinstance(value, list):
            raise ValidationError(N_("objectives must be a list of texts"), "objectives")
        out = []
        for item in value:
            text = v.text("objectives", item, max_len=MAX_OBJECTIVE)
            if text:
                out.append(text)
        if len(out) > MAX_OBJECTIVES:
            raise ValidationError(f"at most {MAX_OBJECTIVES} objectives", "objectives")
        return out

    def set_member(self, viewer: Viewer, org_id, person_id, data: dict) -> dict:
        """Add a member (who works or worked at the account: a leaver is flagged) or change their role, stance,
        influence and notes. Returns the member as the plan shows them."""
        account = self.account(viewer, org_id)
        self._require_editor(viewer)
        v.only_fields(data, MEMBER_FIELDS)
        person_id = v.identifier("person_id", person_id)
        props = {
            "role": v.choice("role", data.get("role"), PLAN_ROLES),
            "stance": v.choice("stance", data.get("stance"), STANCES),
            "influence": v.integer("influence", data.get("influence"), low=1, high=5),
        }
        if "notes" in data:
            props["notes"] = v.text("notes", data.get("notes"), max_len=MAX_NOTES)
        if self._member(account["id"], person_id) is None:
            if not self.store.read("people/person_exists", ids=[person_id]):
                raise NotFound(N_("unknown person"), "person_id")
            if not self.store.read("plans/list_positions", person_id=person_id, org_ids=account["org_ids"]):
                raise ValidationError(N_("this person has never worked at the account or its sub-organisations"),
                                      "person_id")
        props["updated_at"] = self.clock.now_ms()
        self._ensure(viewer, account["id"])
        self.store.write("plans/upsert_member", account_id=account["id"], person_id=person_id, props=props,
                         now=self.clock.now_ms(), user_id=viewer.user_id)
        if self.alerts is not None:
            self.alerts.check_account(account["id"])
        plan = self.get(viewer, account["id"], paths=False)
        return next(m for m in plan["members"] if m["person_id"] == person_id)

    def remove_member(self, viewer: Viewer, org_id, person_id) -> None:
        account = self.account(viewer, org_id)
        self._require_editor(viewer)
        if self._member(account["id"], person_id) is None:
            raise NotFound(N_("this person is not in the plan"), "person_id")
        self.store.write("plans/remove_member", account_id=account["id"], person_id=person_id)

    def add_influence(self, viewer: Viewer, org_id, data: dict) -> dict:
        """"To listens to From": a line from an influencer to the member they sway."""
        account = self.account(viewer, org_id)
        self._require_editor(viewer)
        v.only_fields(data, ("from_id", "to_id"))
        a = v.identifier("from_id", data.get("from_id"))
        b = v.identifier("to_id", data.get("to_id"))
        for field, pid in (("from_id", a), ("to_id", b)):
            if self._member(account["id"], pid) is None:
                raise ValidationError(N_("this person is not in the plan"), field)
        if a == b:
            raise ValidationError(N_("a member cannot influence themself"), "to_id")
        lines = self.store.read("plans/list_influences", account_id=account["id"])  # a refusal writes nothing
        if any(line["from_id"] == a and line["to_id"] == b for line in lines):
            raise Conflict(N_("this influence line is already in the plan"), "to_id")
        line = {"id": new_id(), "created_at": self.clock.now_ms(), "created_by": viewer.user_id}
        created = self.store.write("plans/add_influence", account_id=account["id"], from_id=a, to_id=b, line=line)
        if not created:
            raise Conflict(N_("this influence line is already in the plan"), "to_id")
        return {"id": line["id"], "from_id": a, "to_id": b}

    def remove_influence(self, viewer: Viewer, org_id, line_id) -> None:
        account = self.account(viewer, org_id)
        self._require_editor(viewer)
        if not isinstance(line_id, str) or not self.store.write("plans/delete_influence", account_id=account["id"],
                                                                 id=line_id):
            raise NotFound(N_("unknown influence line"))

    # -- writes: actions (editors: all; reps: their own) ------------------------------------------
    def add_action(self, viewer: Viewer, org_id, data: dict) -> dict:
        account = self.account(viewer, org_id)
        v.only_fields(data, ("title", "owner", "due", "status", "member_id"))
        fields = self._action_fields(account["id"], data, partial=False)
        if not calc.can_manage_action(viewer, {"owner": fields["owner"]}):
            raise Forbidden(N_("a rep may only add actions they own themselves"))
        now = self.clock.now_ms()
        action = {k: val for k, val in fields.items() if val is not None}
        action.update(id=new_id(), created_at=now, updated_at=now, created_by=viewer.user_id)
        self._ensure(viewer, account["id"])
        self.store.write("plans/create_action", account_id=account["id"], action=action)
        return self._shape_action(viewer, self._action(account["id"], action["id"]))

    def update_action(self, viewer: Viewer, org_id, action_id, data: dict) -> dict:
        account = self.account(viewer, org_id)
        current = self._action(account["id"], action_id)
        if not calc.can_manage_action(viewer, current):
            raise Forbidden(N_("only the action's owner, a manager or an admin may change it"))
        v.only_fields(data, ("title", "owner", "due", "status", "member_id"))
        fields = self._action_fields(account["id"], data, partial=True)
        if not fields:
            raise ValidationError(N_("nothing to change"), "title")
        if "owner" in fields and not calc.can_manage_action(viewer, {"owner": fields["owner"]}):
            raise Forbidden(N_("a rep may not hand an action to someone else"))
        fields["updated_at"] = self.clock.now_ms()
        self.store.write("plans/update_action", account_id=account["id"], id=current["id"], props=fields)
        return self._shape_action(viewer, self._action(account["id"], current["id"]))

    def delete_action(self, viewer: Viewer, org_id, action_id) -> None:
        account = self.account(viewer, org_id)
        current = self._action(account["id"], action_id)
        if not calc.can_manage_action(viewer, current):
            raise Forbidden(N_("only the action's owner, a manager or an admin may delete it"))
        self.store.write("plans/delete_action", account_id=account["id"], id=current["id"])

    def _action_fields(self, account_id: str, data: dict, *, partial: bool) -> dict:
        out = {}
        if not partial or "title" in data:
            out["title"] = v.text("title", data.get("title"), required=True, max_len=MAX_TEXT)
        if not partial or "owner" in data:
            owner = v.identifier("owner", data.get("owner"))
            if not any(o["id"] == owner for o in self.owners()):
                raise ValidationError(N_("the owner must be a colleague (an active user)"), "owner")
            out["owner"] = owner
        if not partial or "due" in data:
            out["due"] = v.iso_date("due", data.get("due"))
        if not partial or "status" in data:
            out["status"] = v.choice("status", data.get("status"), ACTION_STATUSES, default="open",
                                     required=partial)
        if not partial or "member_id" in data:
            member = v.identifier("member_id", data.get("member_id"), required=False)
            if member and self._member(account_id, member) is None:
                raise ValidationError(N_("the linked member is not in the plan"), "member_id")
            out["member_id"] = member
        return out

    def _shape_action(self, viewer: Viewer, action: dict) -> dict:
        action = dict(action)
        action["owner_name"] = self.users.directory().owner_name(action.get("owner"))
        action["overdue"] = calc.is_overdue(action, self.clock.today())
        return action

    # -- helpers ---------------------------------------------------------------------------------------
    def _member(self, account_id: str, person_id) -> dict | None:
        if not isinstance(person_id, str):
            return None
        rows = self.store.read("plans/get_member", account_id=account_id, person_id=person_id)
        return rows[0] if rows else None

    def _action(self, account_id: str, action_id) -> dict:
        rows = self.store.read("plans/get_action", account_id=account_id, id=action_id) \
            if isinstance(action_id, str) else []
        if not rows:
            raise NotFound(N_("unknown action"))
        return dict(rows[0]["action"])

    def _ensure(self, viewer: Viewer, account_id: str) -> None:
        self.store.write("plans/ensure_plan", account_id=account_id, id=new_id(), now=self.clock.now_ms(),
                         user_id=viewer.user_id)

    @staticmethod
    def _require_editor(viewer: Viewer) -> None:
        if not calc.can_edit_plan(viewer):
            raise Forbidden(N_("only managers and admins may change an account plan"))
