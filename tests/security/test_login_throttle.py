"""Login throttling (OWASP ASVS 2.2.1): a counter that parallel bursts cannot outrun, that says
nothing about which usernames exist, and that strangers cannot use to lock a user out."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from graph.errors import Throttled, Unauthenticated
from graph.clock import FixedClock
from graph.services import Services
from graph.services.users import MAX_FAILED_LOGINS, MAX_USER_ATTEMPTS, USER_WINDOW_MS
from tests.conftest import FAST_HASH, PASSWORD, Cast, csrf_token

BURST = 16


def test_parallel_attempts_each_take_a_slot_before_the_password_is_checked(services, cast):
    """A burst from one address: at most the limit of attempts get their password judged."""
    barrier = threading.Barrier(BURST)

    def attempt(_):
        barrier.wait(timeout=30)
        try:
            services.users.authenticate("bob", "wrong password", "203.0.113.9")
        except Throttled:
            return 429
        except Unauthenticated:
            return 401
        return 201

    with ThreadPoolExecutor(max_workers=BURST) as pool:
        codes = list(pool.map(attempt, range(BURST)))
    assert codes.count(401) <= MAX_FAILED_LOGINS
    assert codes.count(401) + codes.count(429) == BURST


def _post_token(client, username, password, address="203.0.113.9"):
    return client.post("/api/tokens", json={"username": username, "password": password},
                       environ_base={"REMOTE_ADDR": address})


def test_unknown_usernames_are_throttled_exactly_like_known_ones(client, web_cast):
    """Same statuses and bodies, step by step: the answers do not tell whether bob exists."""
    answers = {}
    for username in ("bob", "nobody"):
        answers[username] = [(r.status_code, r.get_json())
                             for r in (_post_token(client, username, "wrong password")
                                       for _ in range(MAX_FAILED_LOGINS + 2))]
    assert answers["bob"] == answers["nobody"]
    assert [code for code, _ in answers["nobody"]] == [401] * MAX_FAILED_LOGINS + [429, 429]


def test_throttling_keys_on_the_username_as_typed_normalised(client, web_cast):
    for username in ("Bob", "bob ", "BOB", " bob", "bob"):
        _post_token(client, username, "wrong password")
    assert _post_token(client, "bob", PASSWORD).status_code == 429


def test_a_strangers_failures_do_not_lock_the_user_out(app, web_cast):
    """An attacker fails from one address until refused; bob still signs in from his own, on the
    web form and through the API (the two share one rule)."""
    attacker = app.test_client()
    for _ in range(MAX_FAILED_LOGINS + 3):
        _post_token(attacker, "bob", "wrong password", "198.51.100.66")
    assert _post_token(attacker, "bob", PASSWORD, "198.51.100.66").status_code == 429

    assert _post_token(app.test_client(), "bob", PASSWORD, "192.0.2.10").status_code == 201
    browser = app.test_client()
    token = csrf_token(browser, "/login")
    response = browser.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": token},
                            environ_base={"REMOTE_ADDR": "192.0.2.10"})
    assert response.status_code == 302


def test_the_web_form_and_the_api_share_one_count(client, web_cast):
    for _ in range(MAX_FAILED_LOGINS):
        _post_token(client, "bob", "wrong password", "127.0.0.1")
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"username": "bob", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 429


def test_a_forwarded_for_header_is_not_trusted_by_default(client, web_cast):
    """Without the proxy setting an attacker cannot pose as many addresses with a header."""
    for i in range(MAX_FAILED_LOGINS):
        client.post("/api/tokens", json={"username": "bob", "password": "wrong password"},
                    headers={"X-Forwarded-For": f"10.9.0.{i}"})
    response = client.post("/api/tokens", json={"username": "bob", "password": PASSWORD},
                           headers={"X-Forwarded-For": "10.9.0.200"})
    assert response.status_code == 429


def test_behind_a_proxy_the_forwarded_address_is_the_client(store, web_cast_factory):
    app = web_cast_factory({"CARNET_PROXIES": 1})
    client = app.test_client()
    for _ in range(MAX_FAILED_LOGINS + 1):
        client.post("/api/tokens", json={"username": "bob", "password": "wrong password"},
                    headers={"X-Forwarded-For": "198.51.100.66"})
    response = client.post("/api/tokens", json={"username": "bob", "password": PASSWORD},
                           headers={"X-Forwarded-For": "192.0.2.10"})
    assert response.status_code == 201


def test_many_addresses_hit_the_per_username_ceiling_for_a_short_window(store):
    """A spread-out guesser gets at most MAX_USER_ATTEMPTS tries per short window at one
    username; the ceiling lifts when the window ends."""
    services = Services(store, FixedClock(1_767_225_600_000), password_method=FAST_HASH)
    Cast(services)
    codes = []
    for i in range(MAX_USER_ATTEMPTS + 3):
        try:
            services.users.authenticate("bob", "wrong password", f"198.51.100.{i}")
        except Throttled:
            codes.append(429)
        except Unauthenticated:
            codes.append(401)
    assert codes == [401] * MAX_USER_ATTEMPTS + [429] * 3
    with pytest.raises(Throttled):
        services.users.authenticate("bob", PASSWORD, "192.0.2.10")
    services.clock.advance(USER_WINDOW_MS + 1)
    assert services.users.authenticate("bob", PASSWORD, "192.0.2.10")["username"] == "bob"


@pytest.fixture
def web_cast_factory(store):
    from app import create_app
    def make(extra):
        application = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "CARNET_PASSWORD_METHOD": FAST_HASH,
                                  **extra}, store=store)
        Cast(application.extensions["carnet"])
        return application
    return make
