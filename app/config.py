"""Configuration from the environment (the CARNET_* and NEO4J_* names the README lists), with safe defaults."""

from __future__ import annotations

import os
import pathlib
import secrets
from datetime import timedelta


KEY_FILE = "secret-key"
CREDENTIALS_KEY_FILE = "credentials-key"


class ConfigError(RuntimeError):
    pass


def load_config(instance_path: str, overrides: dict | None = None) -> dict:
    overrides = dict(overrides or {})
    env = os.environ
    testing = bool(overrides.get("TESTING"))
    debug = env.get("FLASK_DEBUG", "").lower() in ("1", "true", "yes")
    cfg = {
        "CARNET_GRAPH_BACKEND": env.get("CARNET_GRAPH_BACKEND", "falkordb"),
        "CARNET_DATA_DIR": env.get("CARNET_DATA_DIR") or str(pathlib.Path(instance_path) / "graph"),
        "CARNET_GRAPH_NAME": env.get("CARNET_GRAPH_NAME", "carnet"),
        "NEO4J_URI": env.get("NEO4J_URI"),
        "NEO4J_USER": env.get("NEO4J_USER", "neo4j"),
        "NEO4J_PASSWORD": env.get("NEO4J_PASSWORD", ""),
        "NEO4J_DATABASE": env.get("NEO4J_DATABASE", "neo4j"),
        "CARNET_STATEMENT_TIMEOUT_MS": env.get("CARNET_STATEMENT_TIMEOUT_MS"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env.get("CARNET_HTTPS", "").lower() in ("1", "true", "yes"),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "PERMANENT_SESSION_LIFETIME": timedelta(hours=12),
        "MAX_CONTENT_LENGTH": 20 * 1024 * 1024,
        "WTF_CSRF_TIME_LIMIT": None,
        "API_TOKEN_MAX_AGE": 30 * 24 * 3600,
        "JSON_SORT_KEYS": False,
        # How many reverse proxies stand in front of the app: their X-Forwarded-For then names
        # the client (login throttling keys on it). 0 (default): the header is not trusted.
        "CARNET_PROXIES": _count(env.get("CARNET_PROXIES", "0"), "CARNET_PROXIES"),
        # alerts by e-mail (optional; without a host, alerts stay in the in-app inbox)
        "CARNET_SMTP_HOST": env.get("CARNET_SMTP_HOST"),
        "CARNET_SMTP_PORT": env.get("CARNET_SMTP_PORT", "25"),
        "CARNET_SMTP_FROM": env.get("CARNET_SMTP_FROM", "carnet@localhost"),
        "CARNET_SMTP_USER": env.get("CARNET_SMTP_USER"),
        "CARNET_SMTP_PASSWORD": env.get("CARNET_SMTP_PASSWORD"),
        "CARNET_SMTP_STARTTLS": env.get("CARNET_SMTP_STARTTLS", ""),
        # the company's own mail domains (comma separated): never suggested as new contacts
        "CARNET_COMPANY_DOMAINS": env.get("CARNET_COMPANY_DOMAINS", ""),
        # outbound connections to the reps' calendars, mailboxes and address books
        "CARNET_CONNECT_ALLOW": env.get("CARNET_CONNECT_ALLOW", ""),
        "CARNET_CONNECT_CA_FILE": env.get("CARNET_CONNECT_CA_FILE") or None,
        "CARNET_CREDENTIALS_KEY": env.get("CARNET_CREDENTIALS_KEY") or None,
    }
    cfg["REMEMBER_COOKIE_SECURE"] = cfg["SESSION_COOKIE_SECURE"]
    cfg.update(overrides)
    secret = cfg.get("SECRET_KEY") or env.get("CARNET_SECRET_KEY") or _saved_key(instance_path)
    if not secret:
        if not (testing or debug):
            raise ConfigError("CARNET_SECRET_KEY must be set (scripts/run.sh generates one into instance/secret-key; "
                              "FLASK_DEBUG=1 generates a dev key)")
        secret = _dev_key(instance_path)
    cfg["SECRET_KEY"] = secret
    if not cfg["CARNET_CREDENTIALS_KEY"]:
        cfg["CARNET_CREDENTIALS_KEY"] = _credentials_key(instance_path)
    return cfg


def _count(value: str, name: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise ConfigError(f"{name} must be a whole number (0 or more)")
    return number


def _saved_key(instance_path: str) -> str | None:
    """The key kept in instance/secret-key (written by scripts/run.sh or a debug run), if any.

    Every worker and every CLI command on this machine then signs with the same key."""
    try:
        return (pathlib.Path(instance_path) / KEY_FILE).read_text().strip() or None
    except OSError:
        return None


def _dev_key(instance_path: str) -> str:
    """A key generated once into the instance folder, for development only."""
    path = pathlib.Path(instance_path) / KEY_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _credentials_key(instance_path: str) -> str:
    """The Fernet key sealing connection passwords: generated once into instance/credentials-key
    (mode 0600) when CARNET_CREDENTIALS_KEY is unset, so every worker and CLI command shares it.
    A backup of the graph holds only sealed passwords; this key is not in it."""
    from cryptography.fernet import Fernet

    path = pathlib.Path(instance_path) / CREDENTIALS_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(Fernet.generate_key().decode())
    return path.read_text().strip()
