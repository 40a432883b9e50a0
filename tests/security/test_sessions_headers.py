"""Sessions and headers: cookie flags, rotation at login, logout, disabling a user, remember-me,
login throttling, CSP and anti-framing headers."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import pytest

from tests.conftest import FAST_HASH, PASSWORD, api_token, bearer, csrf_token, login


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert cookies, "no session cookie set"
    return cookies[-1]


def test_session_cookie_is_httponly_and_lax(client, web_cast):
    cookie = session_cookie(login(client, "alice"))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain HTTP in tests


def test_secure_cookie_when_https(monkeypatch, store):
    from app import create_app
    from tests.conftest import Cast

    monkeypatch.setenv("CARNET_HTTPS", "1")
    app = create_app({"TESTING": True, "SECRET_KEY": "k", "CARNET_PASSWORD_METHOD": FAST_HASH}, store=store)
    assert app.config["SESSION_COOKIE_SECURE"] is True and app.config["REMEMBER_COOKIE_SECURE"] is True
    Cast(app.extensions["carnet"])
    client = app.test_client()
    cookie = session_cookie(login(client, "alice"))
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_session_rotated_at_login_and_dead_after_logout(app, client, web_cast):
    client.get("/login")
    before = client.get_cookie("session").value
    login(client, "alice")
    during = client.get_cookie("session").value
    assert during != before
    assert client.get("/").status_code == 200
    client.post("/logout", data={"csrf_token": csrf_token(client, "/")})
    assert client.get("/").status_code == 302
    replay = app.test_client()  # an attacker who copied the cookie while it was live
    replay.set_cookie("session", during)
    assert replay.get("/").status_code == 302, "a session cookie still works after logout"


def test_logout_by_get_does_not_sign_out(client, web_cast):
    login(client, "alice")
    assert client.get("/logout").status_code == 200
    assert client.get("/").status_code == 200


def test_disabling_a_user_kills_sessions_and_tokens(app, client, web_cast):
    login(client, "alice")
    token = api_token(app.test_client(), "alice")
    assert client.get("/").status_code == 200 and client.get("/api/me", headers=bearer(token)).status_code == 200
    services = app.extensions["carnet"]
    services.users.set_active(web_cast.viewer("ada"), web_cast.id("alice"), False)
    assert client.get("/").status_code == 302
    response = client.get("/api/me", headers=bearer(token))
    assert response.status_code == 401 and response.get_json()["error"]
    assert login(app.test_client(), "alice").status_code != 302  # cannot sign in again either
    assert app.test_client().post("/api/tokens", json={"username": "alice", "password": PASSWORD}).status_code == 401


def test_remember_me_at_most_30_days(app, client, web_cast):
    assert app.config["REMEMBER_COOKIE_DURATION"] <= timedelta(days=30)
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": "alice", "password": PASSWORD, "remember": "y",
                                           "csrf_token": token})
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token=")]
    assert cookies and "HttpOnly" in cookies[0] and "SameSite=Lax" in cookies[0]
    expires = [p for p in cookies[0].split("; ") if p.startswith("Expires=")]
    assert expires, cookies[0]
    lifetime = parsedate_to_datetime(expires[0].split("=", 1)[1]) - datetime.now(timezone.utc)
    assert timedelta(days=29) < lifetime <= timedelta(days=30, minutes=1)


def test_login_throttled_after_five_failures(client, web_cast):
    for _ in range(5):
        assert login(client, "bob", "wrong password").status_code == 401
    assert login(client, "bob", "wrong password").status_code == 429
    assert login(client, "bob").status_code == 429  # even the right password, while throttled
    assert client.post("/api/tokens", json={"username": "bob", "password": PASSWORD}).status_code == 429


@pytest.mark.parametrize("path", ["/login", "/", "/people", "/api/health", "/api/me", "/nowhere"])
def test_security_headers(client, web_cast, path):
    login(client, "alice")
    response = client.get(path)
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    assert "script-src" in directives and "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert response.headers.get("X-Frame-Options") == "DENY" or directives.get("frame-ancestors") == ["'none'"]
    assert response.headers.get("X-Content-Type-Options") == "nosniff"


def test_pages_have_no_inline_script(client, web_cast):
    """The CSP forbids inline script, so a page that needs one would break: none may carry one."""
    login(client, "alice")
    for path in ("/login", "/", "/people", "/organisations", "/events", "/policy"):
        html = client.get(path).get_data(as_text=True)
        assert "<script>" not in html and " onclick=" not in html and "javascript:" not in html, path


def _cookie_value(response) -> str:
    return session_cookie(response).split(";")[0].split("=", 1)[1]


def test_a_kept_session_cookie_still_expires_and_a_changed_one_is_checked(app, client, web_cast):
    """app/auth/verified.py keeps verified cookies: one byte changed is refused all the same, a
    kept cookie past its lifetime is refused, and a session carrying a list (flashes) is not kept."""
    import time

    value = _cookie_value(login(client, "alice"))
    assert client.get("/").status_code == 200  # verified, now kept
    assert value in app.session_interface.verified._kept
    head, _, sig = value.rpartition(".")
    forged = head + "." + ("A" if sig[0] != "A" else "B") + sig[1:]
    client.set_cookie("session", forged)
    assert client.get("/").status_code == 302  # to the login page
    client.set_cookie("session", value)
    assert client.get("/").status_code == 200
    app.permanent_session_lifetime = timedelta(seconds=1)
    time.sleep(2.1)
    client.set_cookie("session", value)
    assert client.get("/").status_code == 302  # kept, but older than the lifetime
    app.permanent_session_lifetime = timedelta(hours=12)
    flashed = app.test_client()
    login(flashed, "bob")
    flashed.post("/logout", data={"csrf_token": csrf_token(flashed)})  # "signed out" is flashed
    with_flash = [c for c in flashed._cookies.values() if c.key == "session"][0].value
    assert "_flashes" in app.session_interface.get_signing_serializer(app).loads(with_flash)
    flashed.get("/login")
    assert with_flash not in app.session_interface.verified._kept


def test_a_kept_token_is_kept_per_app_key_and_still_expires(app, client, web_cast, store):
    from app import create_app

    token = api_token(client, "alice")
    assert client.get("/api/people?q=x", headers=bearer(token)).status_code == 200
    other = create_app({"TESTING": True, "SECRET_KEY": "another-key", "CARNET_PASSWORD_METHOD": FAST_HASH},
                       store=store)
    assert other.test_client().get("/api/people?q=x", headers=bearer(token)).status_code == 401
    head, _, sig = token.rpartition(".")
    forged = head + "." + ("A" if sig[0] != "A" else "B") + sig[1:]
    assert client.get("/api/people?q=x", headers=bearer(forged)).status_code == 401
    app.config["API_TOKEN_MAX_AGE"] = 1
    import time
    time.sleep(2.1)
    assert client.get("/api/people?q=x", headers=bearer(token)).status_code == 401
