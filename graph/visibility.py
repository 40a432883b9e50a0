"""The one place that decides what a viewer may see. Every read goes through here.

Relationship levels: private (owner only; others never learn it exists), exclusive (others
learn that the owner knows the person — locked — not how well), team (the owner's team sees
it; other teams see it locked), company (everyone). Managers see their teams' non-private
relationships; admins see every non-private one.

Contact details (PERSON_DETAIL_FIELDS: e-mail, phone, notes) carry the user who entered each
one (the sibling property named by contributor_field, e.g. `email_by`). A viewer reads a
detail only when
  (a) they entered it themselves;
  (b) its contributor shares the contact with them: a KNOWS the contributor owns with the
      person at one end is VISIBLE (unlocked) to the viewer by relationship_access (team or
      company level, the viewer manages the contributor's team, or an admin's view); private
      and locked ones do not count, and nobody else's relationships count at all;
  (c) an active grant covers the person (approved nomination, accepted introduction) and the
      detail's contributor shares the person in governed sharing (granting_contributors) or
      is nobody in particular; or
  (d) they are an admin (or the system viewer).
Everyone else gets null for that detail. Name, title and organisation are public. So nothing
a user does on their own (recording, editing or deleting their own relationships) widens the
details they see: only the contributor's choices do. A user may write a detail they may read
(an empty one included), and writing it makes them its contributor."""

from __future__ import annotations

import dataclasses
from typing import Iterable

VISIBLE = "visible"
LOCKED = "locked"
HIDDEN = None

# Fields of a KNOWS that only a viewer with full access may learn.
RELATIONSHIP_SECRET_FIELDS = ("strength", "context", "since", "last_contact", "notes")
PERSON_DETAIL_FIELDS = ("email", "phone", "notes")  # every contact detail of a Person; add new ones here


def contributor_field(field: str) -> str:
    """The Person property that names who entered `field` (e.g. email -> email_by)."""
    return field + "_by"


DETAIL_CONTRIBUTOR_FIELDS = tuple(contributor_field(f) for f in PERSON_DETAIL_FIELDS)
NOBODY = ""  # the contributor of a detail no user entered (the system, a merge of several): admins only


@dataclasses.dataclass(frozen=True)
class Viewer:
    """Who is looking. `system` is for the CLI (export, demo): it sees everything."""

    user_id: str | None
    role: str = "rep"
    team_id: str | None = None
    managed_team_ids: frozenset = frozenset()
    person_id: str | None = None
    granted_person_ids: frozenset = frozenset()
    # Of those, the people an approved nomination opens (None: every one), and the (person,
    # granter) pairs of accepted introductions, which open only what their granter entered.
    governed_grant_ids: frozenset | None = None
    grant_granters: frozenset = frozenset()
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
    return dataclasses.replace(viewer, preview=True, granted_person_ids=frozenset(), governed_grant_ids=None,
                               grant_granters=frozenset(), previewer=previewer)


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


def sharing_contributors(viewer: Viewer, touching: Iterable[dict], directory: Directory) -> frozenset:
    """Users who share the person with `viewer`: owners of a KNOWS touching the person that
    the viewer sees unlocked. `touching` is every KNOWS with the person at one end (unfiltered)."""
    return frozenset(r.get("owner") for r in touching
                     if r.get("owner") is not None and access_of(viewer, r, directory) == VISIBLE)


def readable_details(viewer: Viewer, person: dict, touching: Iterable[dict], directory: Directory, *,
                     grants: bool = True) -> frozenset:
    """The detail fields of `person` whose value `viewer` may read: rules (a)-(d) of the module
    docstring; an empty field hides nothing, so it is readable (and writable). `grants=False`
    leaves rule (c) out (to tell a view that only a grant opens). A preview reads a field only
    when the previewer may read it too."""
    if viewer.previewer is not None:
        touching = list(touching)
        return readable_details(dataclasses.replace(viewer, previewer=None), person, touching, directory,
                                grants=grants) & readable_details(viewer.previewer, person, touching, directory,
                                                                  grants=grants)
    if viewer.is_admin:
        return frozenset(PERSON_DETAIL_FIELDS)
    touching = list(touching)
    sharing = sharing_contributors(viewer, touching, directory)
    granted = grants and person.get("id") in viewer.granted_person_ids
    governed = grant_openers(viewer, person.get("id"), touching) if granted else frozenset()
    out = set()
    for field in PERSON_DETAIL_FIELDS:
        by = person.get(contributor_field(field))
        if person.get(field) is None:
            out.add(field)
        elif by and by == viewer.user_id and not viewer.preview:  # a preview shares like the user
            out.add(field)
        elif by and by in sharing:
            out.add(field)
        elif granted and (not by or by in governed):
            out.add(field)
    return frozenset(out)


def grant_openers(viewer: Viewer, person_id, touching: Iterable[dict]) -> frozenset:
    """Contributors whose details the viewer's grants on the person open: an approved nomination
    opens those in governed sharing (granting_contributors); an accepted introduction only its
    granter, the one owner who was asked."""
    opened = frozenset(g for p, g in viewer.grant_granters if p == person_id)
    if viewer.governed_grant_ids is None or person_id in viewer.governed_grant_ids:
        opened |= granting_contributors(touching)
    return opened


def granting_contributors(touching: Iterable[dict]) -> frozenset:
    """Contributors whose details a grant may open: owners of a non-private KNOWS touching the
    person (they put the contact into governed sharing, where a nomination or an introduction
    asks them or finds it shared already). A user whose relationships with the person are all
    private, or who holds none, is never asked, so what they entered stays theirs; telling the
    two apart is not possible from the answer, so no private relationship shows."""
    return frozenset(r.get("owner") for r in touching if r.get("owner") and r.get("visibility") != "private")


def shape_person(viewer: Viewer, person: dict, touching: Iterable[dict], directory: Directory) -> dict:
    """The person with every detail the viewer may not read nulled.

    `details_locked` is true when at least one detail holds a value the viewer may not read
    (`locked_details` names them). It depends only on the stored details, their contributors
    and the relationships the viewer sees unlocked, so nobody's private relationship changes
    it. Contributors are shown to admins only."""
    out = dict(person)
    readable = readable_details(viewer, person, touching, directory)
    locked = [f for f in PERSON_DETAIL_FIELDS if f not in readable]
    for field in locked:
        out[field] = None
    out["details_locked"] = bool(locked)
    out["locked_details"] = locked
    if not viewer.is_admin:
        for field in DETAIL_CONTRIBUTOR_FIELDS:
            out.pop(field, None)
    return out


def credit_details(props: dict, user_id: str | None) -> dict:
    """`props` with `user_id` (None: NOBODY) as the contributor of each detail it sets; a detail
    it clears loses its contributor too. A stored detail thus always has a contributor."""
    out = dict(props)
    for field in PERSON_DETAIL_FIELDS:
        if field in props:
            out[contributor_field(field)] = (user_id or NOBODY) if props[field] is not None else None
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
