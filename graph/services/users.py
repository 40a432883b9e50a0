"""Users, teams and the viewer a request acts as."""

from __future__ import annotations

import hashlib
import ipaddress

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

# Login throttling (see UserService.authenticate): attempts per (username, client address) pair
# and, higher and shorter, per username from every address.
MAX_FAILED_LOGINS = 5
FAILED_LOGIN_WINDOW_MS = 15 * 60 * 1000
MAX_USER_ATTEMPTS = 30
USER_WINDOW_MS = 5 * 60 * 1000
PRUNED_PER_ATTEMPT = 10  # expired counters deleted at each attempt (more than an attempt creates)

MAX_TOKENS = 50  # live API tokens kept per user: a new one past this ends the oldest
MAX_TOKEN_LABEL = 200
TOKENS = changes.Change(changes.TOKEN)


def _throttle_key(*parts: str) -> str:
    """A counter's key: a digest, so what was typed (a password in the username box) is not kept."""
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _client(address) -> str:
    """The client address a pair counter is kept for: IPv4 as is, IPv6 by its /64 (one host
    commonly holds a whole /64), anything unreadable as one shared "unknown"."""
    try:
        ip = ipaddress.ip_address(str(address))
    except ValueError:
        return "unknown"
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


class UserService:
    def __init__(self, store, clock, password_method: str | None = None):
        self.store = store
        self.clock = clock
        # werkzeug's default (scrypt) in production; tests pass a cheap method to stay fast.
        self.password_method = password_method or "scrypt"
        self.audit = None  # set by Services (the audit service reads users)
        # a user record holds their token ids, so it does not survive a token being issued or revoked
        self._users = changes.Kept(survives=changes.SETTLED - {changes.TOKEN}, size=1024)
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
                    managed_team_ids=[t for t in row["managed_team_ids"] if t],
                    token_ids=[t for t in row["token_ids"] if t])
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
                      **self._granted(user["id"]))

    def _granted(self, user_id: str) -> dict:
        """The Viewer fields of the user's active grants, kept like the user records while the
        clock stays between their read and the end of the first of them: a grant lapses by the
        clock alone, with no write."""
        now = self.clock.now_ms()

        def load():
            opened, until = active_person_ids(self.store, user_id, now)
            return opened, now, until

        def still(held) -> bool:
            return held[1] <= now and (held[2] is None or now < held[2])
        ids, governed, granters = self._grants.get(self.store, load, user_id, still=still)[0]
        return {"granted_person_ids": ids, "governed_grant_ids": governed, "grant_granters": granters}

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
    def authenticate(self, username, password, address=None) -> dict:
        """The user for a correct username/password, from client `address`.

        Throttling keys on the username as typed (trimmed, case-folded), whether or not it
        exists, and says the same thing either way (the password is hashed for an unknown
        username too). Each attempt takes its slot in one atomic statement BEFORE the password is
        judged, so a parallel burst gets no more judgements than the limit. Two counters:
        - per (username, address): MAX_FAILED_LOGINS attempts per FAILED_LOGIN_WINDOW_MS; a
          success from that address clears it. An attacker locks out only their own address.
        - per username, every address: MAX_USER_ATTEMPTS per USER_WINDOW_MS; a success gives
          its slot back. It bounds guessing spread over many addresses, and such an attack
          locks the user out for one short window at most once it stops."""
        if not isinstance(username, str) or not isinstance(password, str) or not username or not password:
            raise ValidationError(N_("username and password are required"), "username")
        now = self.clock.now_ms()
        typed = username.strip().casefold()
        pair_key = _throttle_key("pair", typed, _client(address))
        user_key = _throttle_key("user", typed)
        if self._attempt(pair_key, now, FAILED_LOGIN_WINDOW_MS) > MAX_FAILED_LOGINS \
                or self._attempt(user_key, now, USER_WINDOW_MS) > MAX_USER_ATTEMPTS:
            raise Throttled(N_("too many failed logins; try again later"), "username")
        self.store.write("users/prune_login_attempts", now=now, limit=PRUNED_PER_ATTEMPT, change=changes.LOGGED)
        rows = self.store.read("users/get_login", username=username)
        row = rows[0] if rows else None
        if row is None or not row.get("password_hash"):
            self.hash_password(password)  # same cost whether or not the user exists
            raise Unauthenticated(N_("wrong username or password"), "username")
        if not check_password_hash(row["password_hash"], password) or row.get("active") is False:
            raise Unauthenticated(N_("wrong username or password"), "username")
        self.store.write("users/clear_login_attempts", key=pair_key, change=changes.LOGGED)
        self.store.write("users/forget_login_attempt", key=user_key, change=changes.LOGGED)
        # a login marks the user active this week (the adoption dashboard counts weeks)
        self.store.write("users/record_login_success", id=row["id"], now=now, week=week_of_ms(now),
                         change=changes.LOGGED)
        return self.get(row["id"])

    def _attempt(self, key: str, now: int, window_ms: int) -> int:
        """Count one attempt on counter `key` (a fixed window); the count including it."""
        rows = self.store.write("users/count_login_attempt", key=key, now=now, window_start=now - window_ms,
                                expires_at=now + window_ms, change=changes.LOGGED)
        return rows[0]["count"]

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

    # -- credentials ----------------------------------------------------------------------------
    def create_token(self, user_id: str, label, lifetime_ms: int) -> dict:
        """Record a new API token of the user (its secret is the signature the web layer makes
        over the id). Expired ones, and any beyond the newest MAX_TOKENS, are deleted first."""
        now = self.clock.now_ms()
        label = label[:MAX_TOKEN_LABEL] if isinstance(label, str) and label.strip() else None
        token = {"id": new_id(), "created_at": now, "expires_at": now + int(lifetime_ms), "label": label}
        self.store.write("users/prune_tokens", user_id=user_id, keep=MAX_TOKENS - 1, now=now, change=TOKENS)
        if not self.store.write("users/create_token", user_id=user_id, token=token, change=TOKENS):
            raise NotFound(N_("unknown user"))
        return token

    def tokens(self, viewer: Viewer) -> list[dict]:
        """The viewer's own live API tokens, newest first (never a secret: none is stored)."""
        return [r["token"] for r in self.store.read("users/list_tokens", user_id=viewer.user_id,
                                                    now=self.clock.now_ms())]

    def revoke_token(self, viewer: Viewer, token_id) -> None:
        """End one of the viewer's own tokens; anyone else's (an admin's included) is 404."""
        token_id = v.identifier("id", token_id)
        rows = self.store.write("users/revoke_token", user_id=viewer.user_id, id=token_id, change=TOKENS)
        if not rows or not rows[0]["revoked"]:
            raise NotFound(N_("unknown token"))

    def change_password(self, viewer: Viewer, current, new, address=None) -> dict:
        """The user changes their own password: the current one is checked (wrong: 400 on
        `current`, throttled like a login), then every session and token of theirs ends.
        Returns the fresh record, so the web layer can keep the caller signed in."""
        user = self._existing(viewer.user_id)
        if not isinstance(current, str) or not current:
            raise ValidationError(N_("current password is required"), "current")
        new = self._new_password(new, user, "new")
        now = self.clock.now_ms()
        pair_key = _throttle_key("pair", user["username"].strip().casefold(), _client(address))
        if self._attempt(pair_key, now, FAILED_LOGIN_WINDOW_MS) > MAX_FAILED_LOGINS:
            raise Throttled(N_("too many failed attempts; try again later"), "current")
        if not check_password_hash(user.get("password_hash") or "", current):
            raise ValidationError(N_("the current password is wrong"), "current")
        if new == current:
            raise ValidationError(N_("the new password must differ from the current one"), "new")
        self.store.write("users/clear_login_attempts", key=pair_key, change=changes.LOGGED)
        self._write_password(user["id"], new)
        return self.get(user["id"])

    def set_password(self, actor: Viewer, user_id, new) -> None:
        """An admin (or the CLI) sets a user's password; their sessions and tokens end."""
        self._require_admin(actor)
        user = self._existing(user_id)
        self._write_password(user["id"], self._new_password(new, user, "password"))
        self._audit(actor, "user.password", user)

    def set_role(self, actor: Viewer, user_id, role, team=None) -> dict:
        """An admin (or the CLI) changes a user's role, and their team when given; sessions and
        tokens end. A manager made anything else manages no team; a manager given team T
        manages T (as at creation). The last active admin keeps the admin role: checked in the
        same statement that changes it. Audited."""
        self._require_admin(actor)
        role = v.choice("role", role, ROLES)
        team = v.text("team", team, max_len=100)
        user = self._existing(user_id)
        rows = self.store.write("users/set_role", id=user["id"], role=role)
        if not rows:
            raise ValidationError(N_("the last admin cannot stop being an admin: make another admin first"), "role")
        if team:
            team_id = self.store.write("users/join_team", user_id=user["id"], team=team, team_id=new_id(),
                                       now=self.clock.now_ms())[0]["team_id"]
            if role == "manager":
                self.store.write("users/manage_team", user_id=user["id"], team_id=team_id)
        detail = f"role {rows[0]['previous']} -> {role}" + (f", team {team}" if team else "")
        self._audit(actor, "user.role", user, detail=detail)
        return self.public(self.get(user["id"]))

    def by_username(self, username) -> dict:
        """The user of a username (CLI), or NotFound on `username`."""
        rows = self.store.read("users/find_user_by_username", username=username)
        user = self.get(rows[0]["id"]) if rows else None
        if user is None:
            raise NotFound(N_("unknown user"), "username")
        return user

    def _new_password(self, new, user: dict, field: str) -> str:
        try:
            new = v.password(new)
        except ValidationError as exc:
            raise ValidationError(exc.message, field) from None
        if new.strip().casefold() in (user["username"].casefold(), (user.get("name") or "").casefold()):
            raise ValidationError(N_("the password must not be your username or name"), field)
        return new

    def _write_password(self, user_id: str, password: str) -> None:
        self.store.write("users/set_password", id=user_id, password_hash=self.hash_password(password),
                         now=self.clock.now_ms())

    def _audit(self, actor: Viewer, action: str, user: dict, **fields) -> None:
        if self.audit is not None:
            self.audit.record(actor, action, users=(user["id"],), user_id=user["id"],
                              user_name=user.get("name") or user["username"], **fields)

    def _existing(self, user_id: str) -> dict:
        user = self.get(user_id) if isinstance(user_id, str) else None
        if user is None:
            raise NotFound(N_("unknown user"))
        return user

    @staticmethod
    def _require_admin(viewer: Viewer) -> None:
        if not viewer.is_admin:
            raise Forbidden(N_("only an admin may do this"))
