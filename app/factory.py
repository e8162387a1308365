"""The application factory: `create_app` reads as the table of contents of Torget."""

from __future__ import annotations

import logging
import os
from importlib import import_module

from flask import Flask

from app.config import CONFIGS, engine_options
from app.core.requests import Request

#: Feature blueprints, each module exposing `bp`.
BLUEPRINTS = (
    "app.pages.views",
    "app.accounts.views",
    "app.admin.views",
    "app.feeds.views",
    "app.reports.views",
    "app.events.views.public",
    "app.registrations.views",
    "app.events.views.manage",
    "app.directory.views",
    "app.dialogue.views",
    "app.awards.views",
)

#: Feature command groups, each module exposing `cli` (a click group or command).
COMMANDS = (
    "app.accounts.cli",
    "app.demo.cli",
    "app.pages.cli",
    "app.units.cli",
    "app.feeds.cli",
    "app.events.cli",
    "app.awards.cli",
    "app.reports.cli",
    "app.registrations.cli",
    "app.mailing.cli",
)

#: Every module with models, imported so that metadata and migrations see all tables.
MODEL_MODULES = (
    "app.units.models",
    "app.accounts.models",
    "app.directory.models",
    "app.audit.models",
    "app.pages.models",
    "app.policy.models",
    "app.reports.models",
    "app.events.models",
    "app.registrations.models",
    "app.awards.models",
    "app.dialogue.models",
    "app.mailing.models",
)


def create_app(config: str | dict | None = None) -> Flask:
    """Build the application: settings, extensions, blueprints, commands, error pages."""
    # Named for the package, so that paths, the instance folder and loggers are the package's.
    app = Flask("app", instance_relative_config=True, template_folder="../templates")
    app.request_class = Request
    configure(app, config)
    configure_logging()

    from app.core import backup, errors, i18n, routing, security, templating
    from app.extensions import csrf, db, limiter, migrate

    load_models()
    db.init_app(app)
    migrate.init_app(
        app,
        db,
        directory=os.path.join(app.root_path, "..", "migrations"),
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    trust_proxies(app)
    csrf.init_app(app)
    limiter.init_app(app)
    i18n.init_app(app)
    init_accounts(app)
    security.init_app(app)
    templating.init_app(app)
    errors.init_app(app)
    routing.init_app(app)

    for name in BLUEPRINTS:
        app.register_blueprint(import_module(name).bp)
    for name in COMMANDS:
        app.cli.add_command(import_module(name).cli)
    backup.init_app()
    from app.wiring import wire

    wire(app)
    return app


def configure(app: Flask, config: str | dict | None) -> None:
    """Load the config class named by `config` or TORGET_ENV, then any overrides."""
    overrides = config if isinstance(config, dict) else {}
    name = config if isinstance(config, str) else overrides.get("ENV_NAME")
    name = name or os.environ.get("TORGET_ENV", "production")
    app.config.from_mapping(CONFIGS[name].load(app.instance_path))
    app.config.from_mapping(overrides)
    if "SQLALCHEMY_ENGINE_OPTIONS" not in overrides:
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
            app.config["SQLALCHEMY_DATABASE_URI"]
        )
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        from app.db import install_sqlite_recipe

        install_sqlite_recipe()


def configure_logging() -> None:
    """Torget's own loggers at INFO on stderr; libraries keep their defaults."""
    logger = logging.getLogger("app")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def load_models() -> None:
    """Import every feature's models so the metadata is complete."""
    for name in MODEL_MODULES:
        import_module(name)


def trust_proxies(app: Flask) -> None:
    """Behind `PROXY_COUNT` trusted proxies, take the client's address and scheme from
    their X-Forwarded-* headers; with none (the default) such headers are ignored, since
    anyone can send them."""
    count = app.config.get("PROXY_COUNT", 0)
    if count:
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)


def init_accounts(app: Flask) -> None:
    """Bind Flask-Login to the server-side login sessions."""
    from app.accounts import sessions

    sessions.init_app(app)
