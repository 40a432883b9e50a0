"""Users, teams and the viewer a request acts as."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

from .. import changes, searchtext
from .. import validation as v
from ..clock import new_id
from ..errors import Conflict, Forbidden, NotFound, Throttled, Unauthenticated, ValidationError
from ..messages import N_
from ..model import ROLES
from ..visibility import Directory, Viewer, credit_details
from .grants import active_person_ids
from .adoption import week_of_ms

# Login throttling: after this many failures within the window, refuse for the rest of it.
MAX_FAILED_LOGINS = 5
FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000


class UserService:
    def __init__(self, store, clock, password_method: str | None = None):
        self.store = store
        self.clock = clock
        # werkzeug's default (scrypt) in production; tests pass a cheap method to stay fast.
        self.password_method = password_method or "scrypt"
        self._users = changes.Kept(size=1024)
        self._directory = changes.Kept()
        self._grants = changes.Kept(size=1024)

    def hash_password(self, password: str) -> str:
        return generate_password_hash(password, method=self.password_method)

    # -- reads -------------------------------------------------------------------------------
    def get(self, user_id: str) -> dict | None:
        """The user record with team and managed teams (password hash included: internal).

        Every request reads its user: kept per process until a write noted ANY (graph/changes.py).
        Callers must not change the record they get."""
        return self._users.get(self.store, lambda: self._read(user_id), user_id)

    def _read(self, user_id: str) -> dict | None:
        rows = self.store.read("users/get_user", id=user_id)
        if not rows or rows[0]["user"] is None:
            return None
        row = rows[0]
        user = dict(row["user"])
        user.update(team_id=row["team_id"], team=row["team"], person_id=row["person_id"],
                    managed_team_ids=[t for t in row["managed_team_ids"] if t])
        return user

    def public(self, user: dict) -> dict:
        """The user as the API shows it (CONTRACT: id, username, role, team, person_id)."""
        return {"id": user["id"], "username": user["username"], "role": user["role"],
                "team": user.get("team"), "person_id": user.get("person_id"), "name": user.get("name"),
                "active": user.get("active", True)}

    def viewer(self, user_id: str) -> Viewer | None:
        user = self.get(user_id)
        if user is None or user.get("active") is False:
            return None
        return self.viewer_of(user)

    def viewer_of(self, user: dict) -> Viewer:
        """The Viewer of a user, with the people their active grants open (checked against the clock)."""
        return Viewer(user_id=user["id"], role=user["role"], team_id=user.get("team_id"),
                      managed_team_ids=frozenset(user.get("managed_team_ids") or ()),
                      person_id=user.get("person_id"), username=user["username"], name=user.get("name"),
                      granted_person_ids=self._granted(user["id"]))

    def _granted(self, user_id: str) -> frozenset:
        """Active grants, kept like the user records while the clock stays between their read and
        the end of the first of them: a grant lapses by the clock alone, with no write."""
        now = self.clock.now_ms()

        def load():
            ids, until = active_person_ids(self.store, user_id, now)
            return ids, now, until

        def still(held) -> bool:
            return held[1] <= now and (held[2] is None or now < held[2])
        return self._grants.get(self.store, load, user_id, still=still)[0]

    def directory(self) -> Directory:
        """Who is on which team, by user id (kept like the user records)."""
        return self._directory.get(self.store, self._read_directory)

    def _read_directory(self) -> Directory:
        rows = self.store.read("users/list_directory")
        return Directory(team_of={r["id"]: r["team_id"] for r in rows},
                         name_of={r["id"]: r["name"] for r in rows})

    def list(self, viewer: Viewer) -> list[dict]:
        self._require_admin(viewer)
        return self.store.read("users/list_users")

    def teams(self) -> list[dict]:
        return self.store.read("users/list_teams")

    def admin_teams(self, viewer: Viewer) -> list[dict]:
        """The teams with members and managers, for the admin pages."""
        self._require_admin(viewer)
        return self.teams()

    def admin_user(self, viewer: Viewer, user_id) -> dict:
        """One user as the admin pages show it, with the teams they manage by name."""
        self._require_admin(viewer)
        user = self.get(user_id) if isinstance(user_id, str) else None
        if user is None:
            raise NotFound(N_("unknown user"))
        names = {t["id"]: t["name"] for t in self.teams()}
        out = self.public(user)
        out["managed_teams"] = sorted(({"id": t, "name": names.get(t, t)} for t in user["managed_team_ids"]),
                                      key=lambda t: t["name"].lower())
        return out

    # -- authentication ------------------------------------------------------------------------
    def authenticate(self, username, password) -> dict:
        """The user for a correct username/password; throttled after repeated failures."""
        if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
            raise ValidationError(N_("username and password are required"), "username")
        now = self.clock.now_ms()
        rows = self.store.read("users/get_login", username=username)
        row = rows[0] if rows else None
        if row and (row.get("failed_logins") or 0) >= MAX_FAILED_LOGINS \
                and (row.get("last_failed_at") or 0) > now - FAILED_LOGIN_WINDOW_MS:
            raise Throttled("too many failed logins; try again in 15 minutes", "username")
        if row is None or not row.get("password_hash") or not check_password_hash(row["password_hash"], password):
            if row is not None:
                self.store.write("users/record_login_failure", username=username, now=now,
                                 window_start=now - FAILED_LOGIN_WINDOW_MS, change=changes.LOGGED)
            else:
                self.hash_password(password)  # same cost whether or not the user exists
            raise Unauthenticated("wrong username or password", "username")
        if row.get("active") is False:
            raise Unauthenticated("wrong username or password", "username")
        # a login marks the user active this week (the adoption dashboard counts weeks)
        self.store.write("users/record_login_success", id=row["id"], now=now, week=week_of_ms(now),
                         change=changes.LOGGED)
        return self.get(row["id"])

    # -- writes --------------------------------------------------------------------------------
    def create(self, actor: Viewer, data: dict) -> dict:
        """Create a user with their own person node; an unknown team name creates the team, and
        a manager created with team T manages T."""
        self._require_admin(actor)
        v.only_fields(data, ("username", "password", "role", "team", "name", "title", "email"))
        username = v.username(data.get("username"))
        password = v.password(data.get("password"))
        role = v.choice("role", data.get("role"), ROLES)
        team = v.text("team", data.get("team"), max_len=100)
        name = v.text("name", data.get("name"), max_len=200) or username
        title = v.text("title", data.get("title"))
        email = v.email(data.get("email"))
        if self.store.read("users/find_user_by_username", username=username):
            raise Conflict(N_("that username is taken"), "username")
        now = self.clock.now_ms()
        user_id, person_id = new_id(), new_id()
        self.store.write(
            "users/create_user",
            user={"id": user_id, "username": username, "password_hash": self.hash_password(password),
                  "role": role, "name": name, "active": True, "auth_epoch": 0, "created_at": now},
            person={"id": person_id, "name": name, "title": title, **credit_details({"email": email}, user_id),
                    "colleague": True, "created_by": user_id, "created_at": now, **searchtext.record_fields(name, title)},
        )
        if team:
            team_id = self.store.write("users/join_team", user_id=user_id, team=team, team_id=new_id(), now=now)[0]["team_id"]
            if role == "manager":
                self.store.write("users/manage_team", user_id=user_id, team_id=team_id)
        return self.public(self.get(user_id))

    def create_team(self, actor: Viewer, name) -> dict:
        self._require_admin(actor)
        name = v.text("name", name, required=True, max_len=100)
        return self.store.write("users/create_team", team_name=name, id=new_id(), now=self.clock.now_ms())[0]

    def set_team(self, actor: Viewer, user_id: str, team) -> None:
        self._require_admin(actor)
        team = v.text("team", team, required=True, max_len=100)
        self._existing(user_id)
        self.store.write("users/join_team", user_id=user_id, team=team, team_id=new_id(), now=self.clock.now_ms())

    def set_managed(self, actor: Viewer, user_id: str, team_id: str, manages: bool) -> None:
        self._require_admin(actor)
        user = self._existing(user_id)
        if manages and user["role"] != "manager":
            raise ValidationError(N_("only a manager can manage a team"), "role")
        if not any(t["id"] == team_id for t in self.teams()):
            raise NotFound(N_("unknown team"), "team")
        self.store.write("users/manage_team" if manages else "users/unmanage_team", user_id=user_id, team_id=team_id)

    def set_language(self, user_id: str, lang: str) -> None:
        """The language the user reads Carnet in, kept for what reaches them outside a page (e-mail)."""
        self.store.write("users/set_language", id=user_id, lang=lang, change=changes.LOGGED)

    def set_active(self, actor: Viewer, user_id: str, active: bool) -> None:
        """Disabling a user also ends their sessions and tokens (the auth epoch moves on)."""
        self._require_admin(actor)
        if user_id == actor.user_id and not active:
            raise ValidationError(N_("you cannot disable yourself"), "active")
        self._existing(user_id)
        self.store.write("users/set_active", id=user_id, active=bool(active))

    def end_sessions(self, user_id: str) -> None:
        """Sign a user out everywhere: signed cookies cannot be revoked one by one, so the auth
        epoch moves on and every session, remember-me cookie and API token issued before dies."""
        self.store.write("users/end_sessions", id=user_id)

    def _existing(self, user_id: str) -> dict:
        user = self.get(user_id)
        if user is None:
            raise NotFound(N_("unknown user"))
        return user

    @staticmethod
    def _require_admin(viewer: Viewer) -> None:
        if not viewer.is_admin:
            raise Forbidden(N_("only an admin may do this"))
