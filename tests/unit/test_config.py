import pytest

from app.config import ConfigError, load_config


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("CARNET_SECRET_KEY", "FLASK_DEBUG", "CARNET_HTTPS"):
        monkeypatch.delenv(name, raising=False)


def test_secret_key_required_outside_debug_and_testing(tmp_path):
    with pytest.raises(ConfigError, match="CARNET_SECRET_KEY"):
        load_config(str(tmp_path))


def test_saved_key_in_instance_folder_is_used(tmp_path):
    (tmp_path / "secret-key").write_text("saved-key\n")
    assert load_config(str(tmp_path))["SECRET_KEY"] == "saved-key"


def test_environment_key_wins(tmp_path, monkeypatch):
    (tmp_path / "secret-key").write_text("saved-key\n")
    monkeypatch.setenv("CARNET_SECRET_KEY", "env-key")
    assert load_config(str(tmp_path))["SECRET_KEY"] == "env-key"


def test_debug_generates_a_persistent_dev_key(tmp_path, monkeypatch):
    monkeypatch.setenv("FLASK_DEBUG", "1")
    first = load_config(str(tmp_path))["SECRET_KEY"]
    assert len(first) >= 32 and load_config(str(tmp_path))["SECRET_KEY"] == first
    assert oct((tmp_path / "secret-key").stat().st_mode & 0o777) == "0o600"


def test_cookie_flags(tmp_path, monkeypatch):
    monkeypatch.setenv("CARNET_HTTPS", "1")
    cfg = load_config(str(tmp_path), {"TESTING": True})
    assert cfg["SESSION_COOKIE_HTTPONLY"] and cfg["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert cfg["SESSION_COOKIE_SECURE"] and cfg["REMEMBER_COOKIE_SECURE"]
    assert cfg["REMEMBER_COOKIE_DURATION"].days <= 30
