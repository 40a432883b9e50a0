"""The one place that decides what a viewer may see. Every read goes through here.

Relationship levels (DESIGN.md): private (owner only; others never learn it exists),
exclusive (others learn that the owner knows the person — locked — not how well), team (the
owner's team sees it; other teams see it locked), company (everyone). Managers see their
teams' non-private relationships; admins see every non-private one. Contact details of a
person are visible to admins, the person's creator, the user who is that person, holders of a
visible relationship touching the person, and holders of an active grant; others get nulls
and details_locked."""

from __future__ import annotations

import dataclasses
from typing import Iterable

VISIBLE = "visible"
LOCKED = "locked"
HIDDEN = None

# Fields of a KNOWS that only a viewer with full access may learn.
RELATIONSHIP_SECRET_FIELDS = ("strength", "context", "since", "last_contact", "notes")
PERSON_DETAIL_FIELDS = ("email", "phone", "notes")


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who is looking. `system` is for the CLI (export, demo): it sees everything."""

    user_id: str | None
    role: str = "rep"
    team_id: str | None = None
    managed_team_ids: frozenset = frozenset()
    person_id: str | None = None
    granted_person_ids: frozenset = frozenset()
    username: str | None = None
    name: str | None = None
    preview: bool = False  # "see as colleague": a manager/admin looking through this user's eyes (preview_of)
    previewer: Viewer | None = None  # who looks through them: a preview shows only what both may see

    @property
    def is_admin(self) -> bool:
        return self.role in ("admin", "system")

    @property
    def is_system(self) -> bool:
        return self.role == "system"

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"


SYSTEM = Viewer(user_id=None, role="system")


def preview_of(viewer: Viewer, previewer: Viewer | None = None) -> Viewer:
    """The user's own Viewer as a manager or admin previews it ("see as colleague"): the same
    rules, minus what is the user's alone — their private relationships (owner only) and the
    details their personal grants open — and never more than `previewer` sees on their own: a
    relationship or a detail shows only when both the user and the previewer may see it (the
    narrower access wins), so seeing as someone never widens the previewer's rights."""
    return dataclasses.replace(viewer, preview=True, granted_person_ids=frozenset(), previewer=previewer)


@dataclasses.dataclass(frozen=True)
class Directory:
    """Every user's team, so a relationship's owner can be placed without a join per row."""

    team_of: dict  # user id -> team id (or None)
    name_of: dict  # user id -> display name

    def owner_team(self, owner_id: str | None) -> str | None:
        return self.team_of.get(owner_id)

    def owner_name(self, owner_id: str | None) -> str | None:
        return self.name_of.get(owner_id)


SEEN_BY_ALL = frozenset({"company"})  # levels every viewer sees, whoever owns the relationship


_NARROWNESS = {HIDDEN: 0, LOCKED: 1, VISIBLE: 2}


def relationship_access(viewer: Viewer, owner_id: str | None, level: str, owner_team: str | None) -> str | None:
    """VISIBLE, LOCKED or HIDDEN (None) for one KNOWS of `level` owned by `owner_id`; for a
    preview, the narrower of the previewed user's and the previewer's own access."""
    access = _own_access(viewer, owner_id, level, owner_team)
    if viewer.previewer is not None and access is not HIDDEN:
        theirs = relationship_access(viewer.previewer, owner_id, level, owner_team)
        access = min(access, theirs, key=_NARROWNESS.__getitem__)
    return access


def _own_access(viewer: Viewer, owner_id: str | None, level: str, owner_team: str | None) -> str | None:
    if viewer.is_system:
        return VISIBLE
    if level == "private" and viewer.preview:  # a preview never shows the user's private relationships
        return HIDDEN
    if viewer.user_id is not None and owner_id == viewer.user_id:
        return VISIBLE
    if level == "private":
        return HIDDEN
    if level in SEEN_BY_ALL:
        return VISIBLE
    if viewer.role == "admin":
        return VISIBLE
    if owner_team is not None and owner_team in viewer.managed_team_ids:
        return VISIBLE
    if level == "team" and owner_team is not None and owner_team == viewer.team_id:
        return VISIBLE
    return LOCKED


def access_of(viewer: Viewer, rel: dict, directory: Directory) -> str | None:
    return relationship_access(viewer, rel.get("owner"), rel.get("visibility"), directory.owner_team(rel.get("owner")))


def shape_relationship(viewer: Viewer, rel: dict, directory: Directory) -> dict | None:
    """The relationship as `viewer` may see it: None when hidden, secrets nulled when locked."""
    access = access_of(viewer, rel, directory)
    if access is HIDDEN:
        return None
    out = dict(rel)
    out["owner_name"] = directory.owner_name(rel.get("owner"))
    out["locked"] = access == LOCKED
    if access == LOCKED:
        for field in RELATIONSHIP_SECRET_FIELDS:
            out[field] = None
    out.pop("pair", None)
    return out


def visible_relationships(viewer: Viewer, rels: Iterable[dict], directory: Directory) -> list[dict]:
    shaped = (shape_relationship(viewer, r, directory) for r in rels)
    return [r for r in shaped if r is not None]


def can_see_details(viewer: Viewer, person: dict, touching: Iterable[dict], directory: Directory) -> bool:
    """Whether `viewer` may read the person's email, phone and notes.

    `touching` is every KNOWS that has the person at one end (unfiltered). A preview shows
    them only when the previewer may see them too."""
    if viewer.previewer is not None:
        touching = list(touching)
        if not can_see_details(viewer.previewer, person, touching, directory):
            return False
    if viewer.is_admin:
        return True
    if viewer.user_id is not None and person.get("created_by") == viewer.user_id:
        return True
    if viewer.person_id is not None and person.get("id") == viewer.person_id:
        return True
    if person.get("id") in viewer.granted_person_ids:
        return True
    return any(access_of(viewer, r, directory) == VISIBLE for r in touching)


def shape_person(viewer: Viewer, person: dict, touching: Iterable[dict], directory: Directory) -> dict:
    """The person with contact details nulled unless the viewer may see them."""
    out = dict(person)
    allowed = can_see_details(viewer, person, touching, directory)
    out["details_locked"] = not allowed
    if not allowed:
        for field in PERSON_DETAIL_FIELDS:
            out[field] = None
    return out


def can_modify_relationship(viewer: Viewer, rel: dict, directory: Directory) -> bool:
    """Owner, the owner's manager, and admins may change a relationship they can see."""
    if viewer.is_system:
        return True
    if access_of(viewer, rel, directory) is HIDDEN:
        return False
    if rel.get("owner") == viewer.user_id:
        return True
    if viewer.role == "admin":
        return True
    return directory.owner_team(rel.get("owner")) in viewer.managed_team_ids
