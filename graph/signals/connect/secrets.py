"""Connection passwords, encrypted at rest with Fernet (AES-CBC + HMAC) under
CARNET_CREDENTIALS_KEY. The graph (and so every backup of it) holds only the token; no answer,
page or export ever carries it."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken

from ...errors import CarnetError
from ...messages import N_


class SecretUnreadable(CarnetError):
    status = 409

    def __init__(self):
        super().__init__(N_("this connection's password cannot be read with the current credentials key; "
                            "enter the password again"), "password")


class SecretBox:
    def __init__(self, key: str | bytes):
        self._fernet = Fernet(key.encode() if isinstance(key, str) else key)

    @staticmethod
    def new_key() -> str:
        return Fernet.generate_key().decode()

    def seal(self, secret: str) -> str:
        return self._fernet.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, token: str) -> str:
        try:
            return self._fernet.decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, ValueError):
            raise SecretUnreadable() from None
