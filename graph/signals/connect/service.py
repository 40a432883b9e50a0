"""A rep's connections: add (the server is tried first, so a bad one is never stored), list,
read, delete (optionally with every signal it brought), and sync into the signals pipeline.

Every query names the owner: another user's connection, an admin's look included, is unknown
(404). The password is sealed before it is stored and is never part of any answer."""

from __future__ import annotations

import json
import ssl
from typing import Callable, Protocol

from ... import changes
from ...clock import iso_instant, new_id
from ...errors import CarnetError, NotFound, ValidationError
from ...messages import N_
from . import dav, imap
from .errors import AuthFailed, ServerFailed
from .policy import Limits, check_host
from .secrets import SecretBox

KINDS = ("caldav", "carddav", "imap")
SECURITY = ("ssl", "starttls")
PUBLIC = ("id", "kind", "url", "host", "port", "security", "username", "folders", "status", "last_sync", "error")
MAX_FOLDERS = 20


class Sink(Protocol):
    """The signals pipeline as connections use it. `ingest` must be idempotent per
    (source_id, record key: Meeting.uid, Message.message_id, Card.uid): a batch handed again
    after a sync was killed counts once."""

    def ingest(self, viewer, source_id: str, *, meetings=(), messages=(), cards=()) -> dict: ...

    def purge(self, viewer, source_id: str) -> dict: ...


Progress = Callable[[str], None]


class ConnectionService:
    box: SecretBox | None = None  # set by the app from CARNET_CREDENTIALS_KEY
    allow: tuple[str, ...] = ()    # CARNET_CONNECT_ALLOW
    ca_file: str | None = None     # CARNET_CONNECT_CA_FILE: extra trusted certificate authorities
    sink: Sink | None = None       # the signals pipeline
    limits = Limits()

    def __init__(self, store, clock):
        self.store = store
        self.clock = clock

    # -- reading ------------------------------------------------------------------------------------
    def mine(self, viewer) -> list[dict]:
        user = _owner(viewer)
        return [_public(r["connection"]) for r in self.store.read("connections/list_connections", user=user)]

    def get(self, viewer, connection_id: str) -> dict:
        return _public(self._row(viewer, connection_id))

    def _row(self, viewer, connection_id: str) -> dict:
        rows = self.store.read("connections/get_connection", user=_owner(viewer), id=str(connection_id))
        if not rows:
            raise NotFound()
        return rows[0]["connection"]

    # -- writing ------------------------------------------------------------------------------------
    def create(self, viewer, data: dict) -> dict:
        user = _owner(viewer)
        spec = self._validate(data)
        password = spec.pop("password")
        self._probe(spec, password)  # nothing is stored for a server that refuses or fails
        row = dict(spec, id=new_id(), secret=self._box().seal(password), now=self.clock.now_ms())
        self.store.write("connections/create_connection", change=changes.LOGGED, user=user, **row)
        return self.get(viewer, row["id"])

    def delete(self, viewer, connection_id: str, purge: bool = False) -> dict:
        row = self._row(viewer, connection_id)
        purged = None
        if purge:
            purged = self._sink().purge(viewer, row["id"])
        self.store.write("connections/delete_connection", change=changes.LOGGED, user=viewer.user_id, id=row["id"])
        return {"id": row["id"], "deleted": True, "purged": purged}

    def sync(self, viewer, connection_id: str, progress: Progress | None = None) -> dict:
        """Read what is new since the last sync and hand it to the pipeline, batch by batch,
        saving the state that covers each batch only after the pipeline took it."""
        row = self._row(viewer, connection_id)
        say = progress or (lambda _line: None)
        state = json.loads(row.get("state") or "{}")
        counts = {"meetings": 0, "messages": 0, "cards": 0}
        status = "ok"
        try:
            password = self._box().open(row["secret"])
            self._own_mailbox_address(viewer, row)
            for kind, records, key, covered in self._read(row, password, state, say):
                if records and sum(counts.values()) + len(records) > self.limits.sync_items:
                    status = "partial"  # the next sync goes on from the last state saved
                    say(f"{key}: stopped after {sum(counts.values())} items; sync again to continue")
                    break
                if records:
                    self._sink().ingest(viewer, row["id"], **{kind: records})
                    counts[kind] += len(records)
                state[key] = covered
                self.store.write("connections/set_state", change=changes.LOGGED, user=viewer.user_id, id=row["id"],
                                 state=json.dumps(state, sort_keys=True), status="syncing")
                if records:
                    say(f"{key}: {counts[kind]} {kind}")
        except CarnetError as exc:
            self.store.write("connections/finish_sync", change=changes.LOGGED, user=viewer.user_id, id=row["id"],
                             status="error", error=exc.message, now=self.clock.now_ms())
            raise
        done = self.store.write("connections/finish_sync", change=changes.LOGGED, user=viewer.user_id, id=row["id"],
                                status=status, error=None, now=self.clock.now_ms())[0]
        return {"id": done["id"], "status": done["status"], "last_sync": iso_instant(done["last_sync"]),
                "counts": counts}

    def _own_mailbox_address(self, viewer, row: dict) -> None:
        """A mailbox signed in to with an e-mail address is the rep's own: the pipeline then
        tells the mail they sent from the mail they received."""
        username = str(row.get("username") or "")
        declare = getattr(self._sink(), "set_own_addresses", None)
        if row["kind"] != "imap" or "@" not in username or declare is None:
            return
        own = list(self._sink().own_addresses(viewer))
        if username.casefold() not in {a.casefold() for a in own}:
            declare(viewer, own + [username])

    # -- the servers --------------------------------------------------------------------------------
    def _read(self, row: dict, password: str, state: dict, say: Progress):
        """(record kind, records, state key, state covering them), in order."""
        if row["kind"] == "imap":
            check_host(row["host"], row["port"], self.allow)
            client = imap.open_mailbox(row["host"], row["port"], row["security"], row["username"], password,
                                       self.limits, self._tls())
            try:
                folders = list(row.get("folders") or []) or imap.default_folders(client)
                for folder in folders:
                    say(f"{folder}: reading")
                    key = "imap:" + folder
                    for records, covered in imap.read_folder(client, folder, state.get(key, {}), self.limits):
                        yield "messages", records, key, covered
            except (OSError, imap.IMAPClientError) as exc:
                raise ServerFailed(N_("the mail server broke off the sync"), detail=exc) from None
            finally:
                imap._close(client)
            return
        client = dav.open_dav(row["url"], row["username"], password, self.allow, self.limits, self.ca_file)
        if row["kind"] == "caldav":
            for calendar in dav.calendars(client):
                key = "caldav:" + str(calendar.url)
                say(f"{calendar.url}: reading")
                for records, covered in dav.read_calendar(client, calendar, state.get(key, {}), self.limits):
                    yield "meetings", records, key, covered
        else:
            for url in dav.addressbooks(client):
                key = "carddav:" + url
                say(f"{url}: reading")
                for records, covered in dav.read_addressbook(client, url, state.get(key, {}), self.limits):
                    yield "cards", records, key, covered

    def _probe(self, spec: dict, password: str) -> None:
        if spec["kind"] == "imap":
            check_host(spec["host"], spec["port"], self.allow)
            client = imap.open_mailbox(spec["host"], spec["port"], spec["security"], spec["username"], password,
                                       self.limits, self._tls())
            imap._close(client)
            return
        client = dav.open_dav(spec["url"], spec["username"], password, self.allow, self.limits, self.ca_file)
        if spec["kind"] == "caldav":
            if not dav.calendars(client):
                raise ServerFailed(N_("no calendar was found at this address"))
        elif not dav.addressbooks(client):
            raise ServerFailed(N_("no address book was found at this address"))

    def _tls(self) -> ssl.SSLContext:
        context = ssl.create_default_context(cafile=self.ca_file) if self.ca_file else ssl.create_default_context()
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def _box(self) -> SecretBox:
        if self.box is None:
            raise CarnetError(N_("connections are not configured (no credentials key)"))
        return self.box

    def _sink(self) -> Sink:
        if self.sink is None:
            raise CarnetError(N_("the signals pipeline is not configured"))
        return self.sink

    def _validate(self, data: dict) -> dict:
        kind = data.get("kind")
        if kind not in KINDS:
            raise ValidationError(N_("choose caldav, carddav or imap"), "kind")
        username, password = _text(data, "username", 320), data.get("password")
        if not isinstance(password, str) or not password or len(password) > 1024:
            raise ValidationError(N_("a password is required"), "password")
        spec = {"kind": kind, "username": username, "password": password, "url": None, "host": None,
                "port": None, "security": None, "folders": None}
        if kind == "imap":
            spec["host"] = _text(data, "host", 253).lower()
            spec["security"] = data.get("security") or "ssl"
            if spec["security"] not in SECURITY:
                raise ValidationError(N_("choose ssl or starttls"), "security")
            port = data.get("port") or (993 if spec["security"] == "ssl" else 143)
            if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
                raise ValidationError(N_("a port is a whole number from 1 to 65535"), "port")
            spec["port"] = port
            folders = data.get("folders")
            if folders is not None:
                if (not isinstance(folders, list) or len(folders) > MAX_FOLDERS
                        or not all(isinstance(f, str) and 0 < len(f) <= 200 for f in folders)):
                    raise ValidationError(N_("folders is a list of folder names"), "folders")
                spec["folders"] = list(dict.fromkeys(folders)) or None
        else:
            spec["url"] = _text(data, "url", 2000)
            if not spec["url"].lower().startswith(("https://", "http://")):
                raise ValidationError(N_("the address must start with https:// (or http://)"), "url")
        return spec


def _owner(viewer) -> str:
    """Connections are their user's alone: nobody looks at them through someone else's eyes."""
    if viewer is None or not viewer.user_id or getattr(viewer, "preview", False):
        raise NotFound()
    return viewer.user_id


def _text(data: dict, field: str, limit: int) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ValidationError(N_("this field is required"), field)
    return value.strip()


def _public(row: dict) -> dict:
    out = {k: row.get(k) for k in PUBLIC}
    out["last_sync"] = iso_instant(out["last_sync"])
    return out


__all__ = ["ConnectionService", "Sink", "AuthFailed", "ServerFailed"]
