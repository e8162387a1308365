"""Configuration classes that read the environment; nothing happens at import."""

from __future__ import annotations

import os
import secrets
import sys
from datetime import timedelta
from pathlib import Path

from app.core.urls import BaseUrlError, public_host, split_base


class ConfigError(RuntimeError):
    """Raised when a required setting is missing outside development."""


def _count(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ConfigError(f"{name} must be a whole number, not {value!r}.")
    return int(value)


def configured_workers(argv: list[str] | None = None) -> int:
    """How many gunicorn workers serve this app, as its command line or environment say.

    Gunicorn forks its workers from the master, so a worker still sees the master's
    command line; `GUNICORN_CMD_ARGS` and `WEB_CONCURRENCY` are gunicorn's other sources.
    """
    args = list(sys.argv if argv is None else argv)
    args += os.environ.get("GUNICORN_CMD_ARGS", "").split()
    for i, arg in enumerate(args):
        value = None
        if arg in ("-w", "--workers") and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith("--workers="):
            value = arg.split("=", 1)[1]
        elif arg.startswith("-w") and arg[2:].isdigit():
            value = arg[2:]
        if value is not None and value.isdigit():
            return int(value)
    concurrency = os.environ.get("WEB_CONCURRENCY", "").strip()
    return int(concurrency) if concurrency.isdigit() else 1


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment; `load` fills in what depends on the instance."""

    ENV_NAME = "production"
    TESTING = False
    DEBUG = False

    SQLALCHEMY_RECORD_QUERIES = False
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024  # 2 MB: forms and .ics uploads, nothing bigger.

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    WTF_CSRF_TIME_LIMIT = 8 * 3600

    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    LANGUAGES = ("sv", "en")

    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_STRATEGY = "fixed-window"
    # When Redis (the shared storage) is down, each worker counts in its own memory
    # instead: limits stay on, somewhat looser, and no request fails because of it.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_SWALLOW_ERRORS = True
    LOGIN_LIMIT_PER_IP = "20 per 10 minutes"
    LOGIN_LIMIT_PER_ACCOUNT = "5 per 10 minutes"
    FORM_LIMIT_PER_IP = "30 per 10 minutes"

    PASSWORD_RESET_MAX_AGE = 3600  # seconds
    INVITATION_MAX_AGE = 7 * 24 * 3600  # seconds
    MAIL_DEFAULT_SENDER = "Torget <noreply@torget.example.org>"

    @classmethod
    def load(cls, instance_path: str) -> dict:
        """Return the settings as a dict, reading the environment now."""
        settings = {key: getattr(cls, key) for key in dir(cls) if key.isupper()}
        instance = Path(instance_path)
        settings["SECRET_KEY"] = cls.secret_key(instance)
        settings["SQLALCHEMY_DATABASE_URI"] = cls.database_url(instance)
        settings["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(settings["SQLALCHEMY_DATABASE_URI"])
        settings["RATELIMIT_STORAGE_URI"] = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        settings["CACHE_REDIS_URL"] = os.environ.get("REDIS_URL", "")
        settings["MAIL_SERVER"] = os.environ.get("MAIL_SERVER", "")
        settings["MAIL_PORT"] = int(os.environ.get("MAIL_PORT", "587"))
        settings["MAIL_USERNAME"] = os.environ.get("MAIL_USERNAME", "")
        settings["MAIL_PASSWORD"] = os.environ.get("MAIL_PASSWORD", "")
        settings["MAIL_USE_TLS"] = _bool("MAIL_USE_TLS", True)
        settings["MAIL_DEFAULT_SENDER"] = os.environ.get("MAIL_FROM", cls.MAIL_DEFAULT_SENDER)
        settings["MAIL_OUTBOX"] = os.environ.get("MAIL_OUTBOX", str(instance / "outbox"))
        settings["PUBLIC_BASE_URL"] = cls.public_base_url()
        settings["TRUSTED_HOSTS"] = cls.trusted_hosts(settings["PUBLIC_BASE_URL"])
        settings["PROXY_COUNT"] = _count("PROXY_COUNT", 0)
        cls.check_limit_storage(settings["RATELIMIT_STORAGE_URI"])
        return settings

    @classmethod
    def public_base_url(cls) -> str:
        """Where people reach Torget; every link in a mail, feed or document starts here."""
        base = os.environ.get("PUBLIC_BASE_URL", "").strip()
        if not base:
            raise ConfigError("PUBLIC_BASE_URL must be set, e.g. https://torget.stockholm.se.")
        try:
            split_base(base)
        except BaseUrlError as error:
            raise ConfigError(str(error)) from None
        return base

    @classmethod
    def trusted_hosts(cls, base: str) -> list[str] | None:
        """The Host headers answered: the public host, plus `TRUSTED_HOSTS` (comma-separated,
        e.g. the name a load balancer's health check uses). Any other Host gets a 400."""
        extra = [h.strip() for h in os.environ.get("TRUSTED_HOSTS", "").split(",") if h.strip()]
        return [public_host(base), *extra]

    @classmethod
    def check_limit_storage(cls, uri: str) -> None:
        """Refuse per-worker rate limits when several workers serve: each would count alone,
        and five guesses per account would become five per worker."""
        workers = configured_workers()
        if uri.startswith("memory://") and workers > 1:
            raise ConfigError(
                f"RATELIMIT_STORAGE_URI is memory:// but {workers} workers are configured: "
                "each worker would keep its own count. Set RATELIMIT_STORAGE_URI to "
                "redis://… (shared), or run one worker."
            )

    @classmethod
    def secret_key(cls, instance: Path) -> str:
        key = os.environ.get("SECRET_KEY")
        if not key:
            raise ConfigError("SECRET_KEY must be set outside development.")
        return key

    @classmethod
    def database_url(cls, instance: Path) -> str:
        url = os.environ.get("DATABASE_URL")
        if url:
            # Heroku-style URLs name the driver "postgres"; we speak psycopg 3.
            for prefix in ("postgres://", "postgresql://"):
                if url.startswith(prefix):
                    return "postgresql+psycopg://" + url[len(prefix) :]
            return url
        instance.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{instance / 'torget.sqlite'}"


class DevelopmentConfig(Config):
    """Local development: a generated secret in instance/, mail written to a folder."""

    ENV_NAME = "development"
    DEBUG = False  # the debugger stays off; `make run` is what people click through
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False

    @classmethod
    def public_base_url(cls) -> str:
        port = os.environ.get("PORT", "5000")
        return os.environ.get("PUBLIC_BASE_URL", "").strip() or f"http://127.0.0.1:{port}"

    @classmethod
    def trusted_hosts(cls, base: str) -> list[str] | None:
        return None  # 127.0.0.1, localhost, a test client: whatever the developer uses

    @classmethod
    def check_limit_storage(cls, uri: str) -> None:
        return None

    @classmethod
    def secret_key(cls, instance: Path) -> str:
        key = os.environ.get("SECRET_KEY")
        if key:
            return key
        instance.mkdir(parents=True, exist_ok=True)
        path = instance / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


class TestingConfig(DevelopmentConfig):
    """Tests: a fixed secret, no CSRF only where a test turns it off, fast hashing."""

    ENV_NAME = "testing"
    TESTING = True
    SQLALCHEMY_RECORD_QUERIES = True
    RATELIMIT_ENABLED = True
    ARGON2_FAST = True

    @classmethod
    def secret_key(cls, instance: Path) -> str:
        return "testing-secret-key-not-for-production"

    @classmethod
    def public_base_url(cls) -> str:
        return "http://localhost"


CONFIGS = {
    "production": Config,
    "development": DevelopmentConfig,
    "testing": TestingConfig,
}


def engine_options(url: str) -> dict:
    """Pool settings per database: pre-ping for PostgreSQL, a busy timeout for SQLite."""
    if url.startswith("sqlite"):
        return {"connect_args": {"timeout": 15, "check_same_thread": False}}
    return {"pool_pre_ping": True, "pool_recycle": 1800}
