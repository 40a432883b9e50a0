"""Idempotency keys: a client that lost the answer to a write sends it again with the same key
and gets the first answer back instead of a second object.

A key belongs to one user (it is stored under the user's id, so nobody else's request can
match it) and to one request: its method, path with query string and body, byte for byte,
held as a keyed SHA-256 fingerprint. The first request with a key claims it in one atomic statement
(cypher/idempotency/claim_key.cypher), runs, and keeps its answer (status, body, content type)
for KEEP_MS after the claim. Everything lives in the graph, so every worker on every host sees
the same keys.

- same key, same request, answer kept: the kept answer, the request does not run again;
- same key, another request: Unprocessable (422);
- same key, same request, still running: Conflict (409) at once; the client retries shortly;
- a 5xx or 429 answer is not kept: the claim is released and the client may retry;
- a claim whose request never finished (its process died) lapses after LEASE_MS and the same
  request may then claim it again."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import re
import uuid

from .. import changes
from ..errors import Conflict, Unprocessable, ValidationError
from ..messages import N_

HEADER = "Idempotency-Key"
MAX_KEY = 200
_KEY = re.compile(r"[\x21-\x7e]+")  # visible ASCII: no spaces, controls or anything a proxy may rewrite
KEEP_MS = 24 * 3600 * 1000
# Longer than any request may run (gunicorn stops a worker silent for 30 s), so a live request
# never loses its claim; a dead one frees it after this.
LEASE_MS = 60 * 1000
PRUNED_PER_CLAIM = 20
NOT_KEPT = frozenset({429})  # besides every 5xx: "try again later" answers


def fingerprint(secret: bytes, method: str, path: str, body: bytes) -> str:
    """What makes two requests "the same": method, path with query string, body bytes. Keyed
    with the app's secret: a body may hold a password, and a plain hash of it in the graph
    could be guessed back offline."""
    digest = hmac.new(secret, digestmod=hashlib.sha256)
    for part in (method.upper().encode(), path.encode("utf-8", "surrogateescape"), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


@dataclasses.dataclass(frozen=True)
class Kept:
    status: int
    body: str
    content_type: str


@dataclasses.dataclass(frozen=True)
class Claim:
    key: str  # the stored key: user id and client key
    token: str  # this request's claim; only its holder keeps or releases the answer


class IdempotencyService:
    def __init__(self, store, clock):
        self.store = store
        self.clock = clock

    @staticmethod
    def check_key(raw: str) -> str:
        """The client's key, or a 400 naming the header: 1 to MAX_KEY visible ASCII characters."""
        if len(raw) > MAX_KEY:
            raise ValidationError(N_("%(field)s is longer than %(max_len)s characters", field=HEADER,
                                     max_len=MAX_KEY),
                                  HEADER)
        if not _KEY.fullmatch(raw):
            raise ValidationError(N_("%(field)s must be 1 to %(max_len)s visible ASCII characters (no spaces)",
                                     field=HEADER, max_len=MAX_KEY), HEADER)
        return raw

    def begin(self, user_id: str, raw_key: str, print_: str) -> Claim | Kept:
        """Claim the key for this request (Claim: run it, then `finish`), or the kept answer of
        the same request (Kept: answer it without running). Raises Unprocessable when the key
        was used for another request, Conflict while the same request is still running."""
        key = f"{user_id} {self.check_key(raw_key)}"
        now = self.clock.now_ms()
        rows = self.store.read("idempotency/get_key", key=key, now=now)  # a replay needs no write
        if rows:
            outcome = self._outcome(rows[0], print_, now)
            if outcome is not None:
                return outcome
        self.store.write("idempotency/prune_keys", now=now, limit=PRUNED_PER_CLAIM, change=changes.LOGGED)
        token = uuid.uuid4().hex
        rows = self.store.write("idempotency/claim_key", key=key, user_id=user_id, fingerprint=print_, claim=token,
                                now=now, lease_until=now + LEASE_MS, expires_at=now + KEEP_MS,
                                change=changes.LOGGED)
        if rows and rows[0]["claimed"]:
            return Claim(key, token)
        outcome = self._outcome(rows[0], print_, now) if rows else None
        if outcome is None:  # another request claimed it between the two statements
            raise Conflict(N_("a request with this %(field)s is still running; retry in a moment", field=HEADER),
                           HEADER)
        return outcome

    @staticmethod
    def _outcome(row: dict, print_: str, now: int) -> Kept | None:
        if row["fingerprint"] != print_:
            raise Unprocessable(N_("this %(field)s was already used for another request (method, path or body)",
                                   field=HEADER), HEADER)
        if row["state"] == "done":
            return Kept(int(row["status"]), row["body"] or "", row["content_type"] or "application/json")
        if row["state"] == "running" and (row["lease_until"] or 0) > now:
            raise Conflict(N_("a request with this %(field)s is still running; retry in a moment", field=HEADER),
                           HEADER)
        return None  # a lapsed claim: the same request may take it

    def finish(self, claim: Claim, status: int, body: str, content_type: str) -> None:
        """Keep the answer for the key's remaining life, or release the key when the client
        should be free to try again (5xx, 429)."""
        if status >= 500 or status in NOT_KEPT:
            self.release(claim)
            return
        self.store.write("idempotency/keep_answer", key=claim.key, claim=claim.token, status=status, body=body,
                         content_type=content_type, change=changes.LOGGED)

    def release(self, claim: Claim) -> None:
        self.store.write("idempotency/release_key", key=claim.key, claim=claim.token, change=changes.LOGGED)
