"""What a remote server can do wrong, as errors the API answers with a clear message."""

from __future__ import annotations

from ...errors import CarnetError, ValidationError
from ...messages import N_


class AuthFailed(ValidationError):
    """The server refused the user name or password."""

    def __init__(self):
        super().__init__(N_("the server refused this user name or password"), "password")


class ServerFailed(CarnetError):
    """Unreachable, timed out, not the protocol expected, or an answer past a size cap."""

    status = 502

    def __init__(self, message: str, detail: Exception | None = None):
        super().__init__(message)
        self.detail = detail
