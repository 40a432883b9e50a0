"""Account plans: the pure computations over an already visibility-shaped plan.

Everything here is derived, never typed: coverage score, gaps, single-threaded warnings,
opponents who influence a decision maker, leavers and their likely successors, overdue actions.
The inputs are plain dicts whose coverage was shaped by graph.visibility, so nothing here can
leak what the viewer may not see: a locked coverage entry has no strength, and it counts as
LOCKED_STRENGTH (the same rank the path engine gives a locked hop), never as its real value."""

from __future__ import annotations

from .visibility import Viewer

LOCKED_STRENGTH = 3  # a locked relationship ranks as "good contact" in path ranking
GAP_ROLES = ("decision_maker", "economic_buyer")
KEY_ROLES = ("decision_maker", "economic_buyer", "champion")
KEY_INFLUENCE = 4  # any member this influential is key whatever their role
GAP_STRENGTH = 3
OPPOSED = ("opponent", "strong_opponent")
OPEN_ACTIONS = ("open", "in_progress")


# -- who may do what ------------------------------------------------------------------------------
def can_edit_plan(viewer: Viewer) -> bool:
    """Managers own account plans; admins may too. Reps read them."""
    return viewer.is_admin or viewer.is_manager


def can_manage_action(viewer: Viewer, action: dict | None = None) -> bool:
    """Plan editors manage every action; a rep manages the actions they own (or will own)."""
    if can_edit_plan(viewer):
        return True
    if viewer.user_id is None:
        return False
    return action is None or action.get("owner") == viewer.user_id


# -- coverage ---------------------------------------------------------------------------------------
def rank(entry: dict) -> int:
    """The strength a coverage entry counts for: its own, or LOCKED_STRENGTH when locked."""
    return LOCKED_STRENGTH if entry.get("locked") else int(entry.get("strength") or 0)


def sort_coverage(entries: list[dict]) -> list[dict]:
    """Strongest first; a visible entry before a locked one of the same rank; then by name."""
    return sorted(entries, key=lambda e: (-rank(e), bool(e.get("locked")), (e.get("colleague_name") or "").lower(),
                                          e.get("colleague") or ""))


def best(member: dict) -> int:
    return max((rank(e) for e in member.get("coverage") or ()), default=0)


def is_key(member: dict) -> bool:
    return member.get("role") in KEY_ROLES or int(member.get("influence") or 0) >= KEY_INFLUENCE


def weight(member: dict) -> int:
    """Influence counts, and a decision maker or economic buyer counts double."""
    return int(member.get("influence") or 1) * (2 if member.get("role") in GAP_ROLES else 1)


def coverage_score(members: list[dict]) -> int | None:
    """0–100: how well the people who matter are covered, each member's best coverage (out of 5)
    weighted by `weight`. Members who left do not count. None for a plan with nobody in it."""
    counted = [m for m in members if not m.get("left")]
    total = sum(weight(m) for m in counted)
    if not total:
        return None
    return round(100 * sum(weight(m) * best(m) for m in counted) / (5 * total))


def gaps(members: list[dict]) -> list[dict]:
    """Decision makers and economic buyers with no coverage ranking GAP_STRENGTH or more."""
    return [{"person_id": m["person_id"], "name": m["name"], "title": m.get("title"), "role": m["role"],
             "best_strength": best(m) or None}
            for m in members if m.get("role") in GAP_ROLES and not m.get("left") and best(m) < GAP_STRENGTH]


def colleagues_covering(member: dict) -> set:
    return {e.get("colleague") for e in member.get("coverage") or ()}


def single_threaded(members: list[dict]) -> list[dict]:
    """Key members covered by exactly one colleague: lose that colleague and the account goes dark."""
    out = []
    for m in members:
        if m.get("left") or not is_key(m):
            continue
        covering = colleagues_covering(m)
        if len(covering) == 1:
            entry = (m.get("coverage") or [{}])[0]
            out.append({"person_id": m["person_id"], "name": m["name"], "role": m["role"],
                        "colleague": entry.get("colleague"), "colleague_name": entry.get("colleague_name")})
    return out


def opponents_influencing(members: list[dict], lines: list[dict]) -> list[dict]:
    """Influence lines that run from an opponent to a decision maker."""
    by_id = {m["person_id"]: m for m in members}
    out = []
    for line in lines:
        source, target = by_id.get(line["from_id"]), by_id.get(line["to_id"])
        if source and target and source.get("stance") in OPPOSED and target.get("role") == "decision_maker":
            out.append({"line_id": line.get("id"), "opponent_id": source["person_id"], "opponent": source["name"],
                        "stance": source["stance"], "decision_maker_id": target["person_id"],
                        "decision_maker": target["name"]})
    return out


# -- leavers ----------------------------------------------------------------------------------------
def has_left(posts: list[dict]) -> bool:
    """No current position (no end date) at the account or its sub-organisations."""
    return not any(p.get("end") is None for p in posts)


def last_title(posts: list[dict], fallback: str | None) -> str | None:
    """The title the member held when they left: their latest ended post at the account."""
    ended = sorted((p for p in posts if p.get("end")), key=lambda p: (p.get("end") or "", p.get("start") or ""))
    for post in reversed(ended):
        if post.get("title"):
            return post["title"]
    return fallback


def successors(leaver: dict, staff: list[dict], limit: int = 3) -> list[dict]:
    """Who probably took over: current staff holding the leaver's title, else their former
    direct reports (whoever now carries the reporting line)."""
    title = (leaver.get("left_title") or "").strip().lower()
    same_title = [s for s in staff if title and (s.get("title") or "").strip().lower() == title
                  and s["id"] != leaver["person_id"]]
    reports = [s for s in staff if s.get("reports_to") == leaver["person_id"] and s["id"] != leaver["person_id"]]
    picked, seen = [], set()
    for reason, group in (("same title", same_title), ("reported to them", reports)):
        for s in sorted(group, key=lambda s: ((s.get("name") or "").lower(), s["id"])):
            if s["id"] not in seen:
                seen.add(s["id"])
                picked.append({"person_id": s["id"], "name": s["name"], "title": s.get("title"), "reason": reason})
        if picked:
            break
    return picked[:limit]


# -- actions ----------------------------------------------------------------------------------------
def is_overdue(action: dict, today: str) -> bool:
    """Still open and due before today (ISO dates compare as strings)."""
    return bool(action.get("due")) and action.get("status") in OPEN_ACTIONS and action["due"] < today


def summary(members: list[dict], gap_list: list[dict], warnings: list[dict], opposed: list[dict],
            actions: list[dict]) -> dict:
    """The numbers a manager reads first."""
    return {
        "members": len(members),
        "covered": sum(1 for m in members if m.get("coverage")),
        "coverage_score": coverage_score(members),
        "gaps": len(gap_list),
        "single_threaded": len(warnings),
        "opponents_influencing": len(opposed),
        "left": sum(1 for m in members if m.get("left")),
        "open_actions": sum(1 for a in actions if a.get("status") in OPEN_ACTIONS),
        "overdue_actions": sum(1 for a in actions if a.get("overdue")),
    }
