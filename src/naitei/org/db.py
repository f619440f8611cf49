"""The database of organisation mode: one SQLAlchemy engine (a pool per app worker) and the
only way services reach it, `transaction(actor)`.

Every transaction switches to the role naitei_app (`set_config('role', …, true)`, that is SET LOCAL ROLE), which owns
nothing, so
PostgreSQL's row-level security policies apply to it, and sets the acting user and role with
`set_config(..., true)` (local to the transaction; psycopg 3 binds parameters on the server, so
`SET LOCAL x = $1` would not parse). A service that forgot its own check still cannot read a
row the policies do not grant. `system_transaction()` is for the worker's purges and for
`naitei org init`: it keeps the owner role and is never reachable from a web request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from naitei.errors import ExternalError
from naitei.org.config import OrgConfig

log = logging.getLogger("naitei.org")
APP_ROLE = "naitei_app"
ROLES = ("applicant", "adviser", "admin")


@dataclass(frozen=True)
class Actor:
    """Who acts: a user id and their role (anonymous = 0/'anonymous', for sign-in only)."""

    user_id: int
    role: str

    @property
    def is_staff(self) -> bool:
        return self.role in ("adviser", "admin")


ANONYMOUS = Actor(0, "anonymous")


def make_engine(config: OrgConfig, pool_size: int = 5) -> Engine:
    return create_engine(
        config.sqlalchemy_url(),
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_recycle=1800,  # no pre-ping: it costs a round trip per request
        connect_args={"connect_timeout": 10, "application_name": "naitei-org"},
    )


@contextmanager
def transaction(engine: Engine, actor: Actor) -> Iterator[Connection]:
    """One use case, one transaction, under row-level security as `actor`."""
    try:
        with engine.begin() as connection:
            # One round trip: set_config('role', …, true) is SET LOCAL ROLE.
            connection.execute(
                text(
                    "SELECT set_config('role', :app, true),"
                    " set_config('app.user_id', :user, true), set_config('app.role', :role, true)"
                ),
                {"app": APP_ROLE, "user": str(actor.user_id), "role": actor.role},
            )
            yield connection
    except OperationalError as error:
        log.error("database unavailable: %s", type(error.orig).__name__)
        raise ExternalError(
            "データベースに接続できません。しばらくしてからもう一度お試しください"
        ) from None


@contextmanager
def system_transaction(engine: Engine) -> Iterator[Connection]:
    """The owner's transaction (schema, first admin, purges): never from a web request."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "SELECT set_config('app.user_id', '0', true), set_config('app.role', 'system', true)"
            )
        )
        yield connection
