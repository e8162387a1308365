"""Configuration from the environment: secrets, databases, limits."""

from __future__ import annotations

import pytest

from app import create_app
from app.config import CONFIGS, ConfigError, engine_options

pytestmark = pytest.mark.nodb


@pytest.fixture
def clean_env(monkeypatch):
    for name in (
        "SECRET_KEY",
        "DATABASE_URL",
        "RATELIMIT_STORAGE_URI",
        "TORGET_ENV",
        "PUBLIC_BASE_URL",
        "TRUSTED_HOSTS",
        "PROXY_COUNT",
        "WEB_CONCURRENCY",
        "GUNICORN_CMD_ARGS",
        "PORT",
    ):
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
    clean_env.setenv("PUBLIC_BASE_URL", "https://torget.stockholm.se")
    settings = CONFIGS["production"].load(str(tmp_path))
    assert settings["SECRET_KEY"] == "s" * 40
    assert settings["TRUSTED_HOSTS"] == ["torget.stockholm.se"]
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


@pytest.fixture
def production_env(clean_env):
    clean_env.setenv("SECRET_KEY", "s" * 40)
    clean_env.setenv("DATABASE_URL", "sqlite://")
    clean_env.setenv("RATELIMIT_STORAGE_URI", "redis://127.0.0.1:6379/1")
    clean_env.setenv("PUBLIC_BASE_URL", "https://torget.stockholm.se")
    return clean_env


@pytest.mark.parametrize("base", ["", "torget.stockholm.se", "ftp://torget.se", "https://"])
def test_production_needs_an_absolute_public_address(production_env, tmp_path, base):
    production_env.setenv("PUBLIC_BASE_URL", base)
    with pytest.raises(ConfigError, match="PUBLIC_BASE_URL"):
        CONFIGS["production"].load(str(tmp_path))


def test_production_answers_only_its_own_host(production_env):
    """A forged Host gets a 400 page; the public host and the listed extra hosts are served."""
    production_env.setenv("TRUSTED_HOSTS", "torget-1.internal, 127.0.0.1")
    app = create_app("production")
    client = app.test_client()
    assert client.get("/privacy", headers={"Host": "evil.example"}).status_code == 400
    for host in ("torget.stockholm.se", "torget-1.internal", "127.0.0.1:8000"):
        assert client.get("/privacy", headers={"Host": host}).status_code == 200, host


def test_links_follow_the_configured_address_with_its_path(production_env):
    production_env.setenv("PUBLIC_BASE_URL", "https://stockholm.se/torget/")
    app = create_app("production")
    from app.core.urls import external_url

    with app.app_context():
        assert external_url("feeds.private", token="abc") == (
            "https://stockholm.se/torget/feeds/private/abc.ics"
        )


@pytest.mark.parametrize(
    ("argv", "env", "workers"),
    [
        (["gunicorn", "wsgi:app"], {}, 1),
        (["gunicorn", "-w", "4", "wsgi:app"], {}, 4),
        (["gunicorn", "--workers=3", "wsgi:app"], {}, 3),
        (["gunicorn", "-w2", "wsgi:app"], {}, 2),
        (["gunicorn", "wsgi:app"], {"WEB_CONCURRENCY": "5"}, 5),
        (["gunicorn", "wsgi:app"], {"GUNICORN_CMD_ARGS": "--workers 6 --bind :80"}, 6),
    ],
)
def test_configured_workers_are_read_as_gunicorn_reads_them(clean_env, argv, env, workers):
    from app.config import configured_workers

    for key, value in env.items():
        clean_env.setenv(key, value)
    assert configured_workers(argv) == workers


def test_per_worker_limits_with_several_workers_refuse_to_start(production_env, tmp_path):
    production_env.setenv("RATELIMIT_STORAGE_URI", "memory://")
    production_env.setenv("WEB_CONCURRENCY", "4")
    with pytest.raises(ConfigError, match="4 workers"):
        CONFIGS["production"].load(str(tmp_path))
    production_env.setenv("WEB_CONCURRENCY", "1")  # one worker: its memory is the only count
    assert CONFIGS["production"].load(str(tmp_path))["RATELIMIT_STORAGE_URI"] == "memory://"


def test_forwarded_addresses_count_only_through_configured_proxies(production_env):
    app = create_app("production")
    seen = []
    app.add_url_rule(
        "/_addr", "addr", lambda: seen.append(__import__("flask").request.remote_addr) or ""
    )
    headers = {"Host": "torget.stockholm.se", "X-Forwarded-For": "203.0.113.9"}
    app.test_client().get("/_addr", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    production_env.setenv("PROXY_COUNT", "1")
    behind = create_app("production")
    behind.add_url_rule(
        "/_addr", "addr", lambda: seen.append(__import__("flask").request.remote_addr) or ""
    )
    behind.test_client().get("/_addr", headers=headers, environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert seen == ["10.0.0.1", "203.0.113.9"]
