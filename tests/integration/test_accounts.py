"""Passwords and roles set by an admin (service and CLI): sessions and tokens end, role changes
are audited, managed teams follow the role, and the last admin stays an admin."""

from __future__ import annotations

import pytest

from graph.errors import Forbidden, NotFound, Unauthenticated, ValidationError
from graph.visibility import SYSTEM
from tests.conftest import PASSWORD, Cast

NEW = "a much better passphrase"


def run(app, *args, stdin=None):
    return app.test_cli_runner().invoke(args=list(args), input=stdin)


def epoch(services, user_id):
    return services.users.get(user_id)["auth_epoch"]


# -- service -----------------------------------------------------------------------------------
def test_an_admin_sets_a_password_and_the_users_sessions_end(services, cast):
    before = epoch(services, cast.id("bob"))
    services.users.create_token(cast.id("bob"), "script", 3600_000)
    services.users.set_password(cast.viewer("ada"), cast.id("bob"), NEW)
    assert epoch(services, cast.id("bob")) > before
    assert services.users.get(cast.id("bob"))["token_ids"] == []
    assert services.users.authenticate("bob", NEW)["username"] == "bob"
    with pytest.raises(Unauthenticated):
        services.users.authenticate("bob", PASSWORD)


@pytest.mark.parametrize("who", ["alice", "mona", "sam"])
def test_only_an_admin_sets_passwords_and_roles(services, cast, who):
    with pytest.raises(Forbidden):
        services.users.set_password(cast.viewer(who), cast.id("bob"), NEW)
    with pytest.raises(Forbidden):
        services.users.set_role(cast.viewer(who), cast.id(who), "admin")
    assert services.users.get(cast.id(who))["role"] != "admin"


def test_setting_a_role_is_audited_and_ends_sessions(services, cast):
    before = epoch(services, cast.id("alice"))
    services.users.set_role(cast.viewer("ada"), cast.id("alice"), "manager", team="East")
    alice = services.users.get(cast.id("alice"))
    assert alice["role"] == "manager" and alice["team"] == "East"
    assert alice["team_id"] in alice["managed_team_ids"]  # like a manager created with a team
    assert alice["auth_epoch"] > before
    entries = services.audit.list(cast.viewer("ada"))
    entry = next(e for e in entries if e["action"] == "user.role")
    assert (entry["user_id"], entry["detail"]) == (cast.id("alice"), "role rep -> manager, team East")


def test_a_manager_made_a_rep_manages_no_team(services, cast):
    services.users.set_role(cast.viewer("ada"), cast.id("mona"), "rep")
    mona = services.users.get(cast.id("mona"))
    assert mona["role"] == "rep" and mona["managed_team_ids"] == []
    assert mona["team"] == "North"  # without a team, the team stays


def test_the_last_admin_keeps_the_admin_role(services, cast):
    with pytest.raises(ValidationError) as refused:
        services.users.set_role(cast.viewer("ada"), cast.id("ada"), "manager")
    assert refused.value.field == "role" and "last admin" in refused.value.message
    assert services.users.get(cast.id("ada"))["role"] == "admin"
    services.users.set_role(cast.viewer("ada"), cast.id("bob"), "admin")
    services.users.set_role(cast.viewer("ada"), cast.id("ada"), "rep")  # bob is an admin now
    assert services.users.get(cast.id("ada"))["role"] == "rep"


def test_a_disabled_admin_does_not_count_as_the_other_admin(services, cast):
    services.users.set_role(cast.viewer("ada"), cast.id("bob"), "admin")
    services.users.set_active(cast.viewer("ada"), cast.id("bob"), False)
    with pytest.raises(ValidationError):
        services.users.set_role(cast.viewer("ada"), cast.id("ada"), "rep")


def test_unknown_users_and_roles_are_refused(services, cast):
    with pytest.raises(NotFound):
        services.users.set_role(cast.viewer("ada"), "0f0e-unknown", "rep")
    with pytest.raises(NotFound):
        services.users.set_password(cast.viewer("ada"), "0f0e-unknown", NEW)
    with pytest.raises(ValidationError) as bad:
        services.users.set_role(cast.viewer("ada"), cast.id("bob"), "boss")
    assert bad.value.field == "role"
    with pytest.raises(ValidationError) as weak:
        services.users.set_password(cast.viewer("ada"), cast.id("bob"), "short")
    assert weak.value.field == "password"


# -- CLI ---------------------------------------------------------------------------------------
@pytest.fixture
def cli_cast(app):
    return Cast(app.extensions["carnet"])


def test_cli_set_password_reads_stdin_and_ends_sessions(app, cli_cast):
    services = app.extensions["carnet"]
    before = epoch(services, cli_cast.id("bob"))
    result = run(app, "users", "set-password", "bob", "--password-stdin", stdin=NEW + "\n")
    assert result.exit_code == 0, result.output
    assert "bob" in result.output
    assert epoch(services, cli_cast.id("bob")) > before
    assert services.users.authenticate("bob", NEW)["username"] == "bob"


def test_cli_set_role_with_a_team_makes_a_manager_of_it(app, cli_cast):
    services = app.extensions["carnet"]
    result = run(app, "users", "set-role", "carol", "--role", "manager", "--team", "West")
    assert result.exit_code == 0, result.output
    carol = services.users.get(cli_cast.id("carol"))
    assert (carol["role"], carol["team"]) == ("manager", "West")
    assert carol["team_id"] in carol["managed_team_ids"]
    assert any(e["action"] == "user.role" for e in services.audit.list(cli_cast.viewer("ada")))


@pytest.mark.parametrize("args, stdin, expected", [
    (["set-role", "ada", "--role", "rep"], None, "error: role: "),
    (["set-role", "nobody", "--role", "rep"], None, "error: username: unknown user"),
    (["set-role", "bob", "--role", "boss"], None, "error: role: role must be one of"),
    (["set-password", "bob", "--password-stdin"], "short\n", "error: password: password must be at least"),
    (["set-password", "nobody", "--password-stdin"], NEW, "error: username: unknown user"),
])
def test_cli_refuses_clearly(app, cli_cast, args, stdin, expected):
    result = run(app, "users", *args, stdin=stdin)
    assert result.exit_code == 1
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert app.extensions["carnet"].users.get(cli_cast.id("ada"))["role"] == "admin"


def test_cli_set_password_needs_the_password_stdin_or_a_prompt(app, cli_cast):
    result = run(app, "users", "set-password", "bob", stdin=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    assert app.extensions["carnet"].users.authenticate("bob", NEW)
    assert SYSTEM.user_id is None


# -- what the store keeps ----------------------------------------------------------------------
@pytest.fixture
def timed(store):
    from graph.clock import FixedClock
    from graph.services import Services
    from tests.conftest import FAST_HASH

    services = Services(store, FixedClock(1_767_225_600_000), password_method=FAST_HASH)
    return services, Cast(services)


def test_expired_tokens_and_those_past_the_cap_are_dropped(timed):
    from graph.services.users import MAX_TOKENS

    services, cast = timed
    bob = cast.id("bob")
    services.users.create_token(bob, "short-lived", 60_000)
    services.clock.advance(60_001)
    assert services.users.tokens(cast.viewer("bob")) == []  # expired: not listed
    for i in range(MAX_TOKENS + 2):
        services.users.create_token(bob, f"t{i}", 3600_000)
        services.clock.advance(1)
    kept = services.users.tokens(cast.viewer("bob"))
    assert len(kept) == len(services.users.get(bob)["token_ids"]) == MAX_TOKENS
    assert {t["label"] for t in kept} == {f"t{i}" for i in range(2, MAX_TOKENS + 2)}


def test_login_counters_of_past_windows_are_deleted(timed):
    from graph.services.users import PRUNED_PER_ATTEMPT

    services, cast = timed
    before = services.store.read("backup/count_nodes")[0]["nodes"]
    for i in range(20):
        with pytest.raises(Unauthenticated):
            services.users.authenticate(f"nobody{i}", "wrong password", "198.51.100.7")
    assert services.store.read("backup/count_nodes")[0]["nodes"] == before + 40
    services.clock.advance(16 * 60 * 1000)
    for _ in range(40 // PRUNED_PER_ATTEMPT):  # each attempt deletes up to PRUNED_PER_ATTEMPT old counters
        services.users.authenticate("bob", PASSWORD, "198.51.100.7")
    assert services.store.read("backup/count_nodes")[0]["nodes"] <= before + 2


def test_guessing_the_current_password_is_throttled(services, cast):
    from graph.errors import Throttled
    from graph.services.users import MAX_FAILED_LOGINS

    alice = cast.viewer("alice")
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(ValidationError):
            services.users.change_password(alice, "a wrong guess", NEW, "198.51.100.7")
    with pytest.raises(Throttled):
        services.users.change_password(alice, PASSWORD, NEW, "198.51.100.7")
    services.users.change_password(alice, PASSWORD, NEW, "192.0.2.10")  # from elsewhere: allowed
