"""Configuration from the environment: secrets, databases, limits."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import CONFIGS, ConfigError, engine_options

pytestmark = pytest.mark.nodb


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("SECRET_KEY", "DATABASE_URL", "RATELIMIT_STORAGE_URI", "TORGET_ENV"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_production_without_secret_key_is_a_clear_error(clean_env, tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY must be set"):
        CONFIGS["production"].load(str(tmp_path))


def test_create_app_in_production_refuses_to_start_without_secret(clean_env):
    clean_env.setenv("DATABASE_URL", "sqlite://")
    with pytest.raises(ConfigError):
        create_app("production")


def test_production_reads_secret_and_database_from_environment(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "s" * 40)
    clean_env.setenv("DATABASE_URL", "postgres://torget@db.internal/torget")
    clean_env.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/1")
    settings = CONFIGS["production"].load(str(tmp_path))
    assert settings["SECRET_KEY"] == "s" * 40
    assert settings["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://torget@db.internal/torget"
    assert settings["SQLALCHEMY_ENGINE_OPTIONS"]["pool_pre_ping"] is True
    assert settings["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379/1"
    assert settings["SESSION_COOKIE_SECURE"] and settings["REMEMBER_COOKIE_SECURE"]
    assert settings["DEBUG"] is False


def test_development_generates_a_secret_into_instance_once(clean_env, tmp_path):
    first = CONFIGS["development"].load(str(tmp_path))
    second = CONFIGS["development"].load(str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert len(first["SECRET_KEY"]) >= 40
    assert first["SECRET_KEY"] == second["SECRET_KEY"] == key_file.read_text().strip()
    assert key_file.stat().st_mode & 0o077 == 0  # readable by the owner only
    assert first["SESSION_COOKIE_SECURE"] is False


def test_default_database_is_sqlite_in_instance(clean_env, tmp_path):
    settings = CONFIGS["development"].load(str(tmp_path))
    assert settings["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'torget.sqlite'}"
    assert settings["RATELIMIT_STORAGE_URI"] == "memory://"


def test_engine_options_per_database():
    sqlite = engine_options("sqlite:///x.sqlite")
    assert sqlite["connect_args"]["timeout"] >= 5
    assert "pool_pre_ping" not in sqlite
    postgres = engine_options("postgresql+psycopg://u@h/db")
    assert postgres["pool_pre_ping"] is True and postgres["pool_recycle"] > 0


def test_request_size_is_limited():
    assert 0 < CONFIGS["production"].MAX_CONTENT_LENGTH <= 10 * 1024 * 1024
