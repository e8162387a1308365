"""Unbound extension singletons; `create_app` binds them."""

import logging

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.exc import DBAPIError

from app.db import Base

logger = logging.getLogger(__name__)


class Database(SQLAlchemy):
    """Flask-SQLAlchemy whose end-of-request cleanup survives a connection the server dropped."""

    def _teardown_session(self, exc: BaseException | None) -> None:
        # The answer is already made; a ROLLBACK on a connection that a database restart
        # closed must not turn it into a 500. The dead connection is invalidated.
        try:
            self.session.remove()
        except DBAPIError as error:
            logger.warning("session cleanup on a lost connection: %s", error.orig)
            self.session.registry.clear()


db = Database(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
