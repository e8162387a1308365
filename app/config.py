"""Configuration classes that read the environment; nothing happens at import."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path


class ConfigError(RuntimeError):
    """Raised when a required setting is missing outside development."""


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
        settings["PUBLIC_BASE_URL"] = os.environ.get("PUBLIC_BASE_URL", "")
        return settings

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
