"""Signed values verified once and kept: a browser sends the same session cookie, and an API
client the same bearer token, with every request. Checking a signature costs a serializer, a
key derivation and an HMAC each time — 3–4% of a worker's CPU under load (bench load).

Only what verified is kept, with the time it was signed, so expiry is still enforced on every
use; any other value (a changed byte) is checked in full. Only the signature check is kept:
whether the user's sessions and tokens still hold (auth epoch, token record not revoked) is
asked of the user record on every use (app/auth/session.py). Only flat values (strings, numbers,
booleans) are kept: a list inside (flashed messages) would be shared between requests."""

from __future__ import annotations

import threading
import time

from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

FLAT = (str, int, float, bool, type(None))


class Verified:
    """signed text -> (value, signed at), for values that verified (at most `size`)."""

    def __init__(self, size: int = 4096):
        self.size = size
        self._kept: dict = {}
        self._lock = threading.Lock()

    def loads(self, serializer, text: str, max_age: float):
        """serializer.loads(text, max_age=max_age), from the kept value when it still holds;
        raises BadSignature (SignatureExpired) as the serializer does."""
        found = self._kept.get(text)
        if found is not None and time.time() - found[1] <= max_age:
            return dict(found[0]) if isinstance(found[0], dict) else found[0]
        value, signed = serializer.loads(text, max_age=int(max_age), return_timestamp=True)
        if isinstance(value, dict) and all(type(v) in FLAT for v in value.values()):
            with self._lock:
                if len(self._kept) >= self.size:
                    self._kept.clear()
                self._kept[text] = (dict(value), signed.timestamp())
        return value


class KeptCookieSessions(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, each cookie verified once (see Verified)."""

    def __init__(self):
        self.verified = Verified()

    def open_session(self, app, request):
        serializer = self.get_signing_serializer(app)
        if serializer is None:
            return None
        value = request.cookies.get(self.get_cookie_name(app))
        if not value:
            return self.session_class()
        try:
            return self.session_class(self.verified.loads(serializer, value,
                                                          app.permanent_session_lifetime.total_seconds()))
        except BadSignature:
            return self.session_class()
