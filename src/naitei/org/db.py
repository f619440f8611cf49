"""The database of organisation mode: one SQLAlchemy engine (a pool per app worker) and the
only way services reach it, `transaction(actor)`.

Every transaction switches to the role naitei_app (`set_config('role', …, true)`, that is SET LOCAL ROLE), which owns
nothing, so
PostgreSQL's row-level security policies apply to it, and sets the acting user and role with
`set_config(..., true)` (local to the transaction; psycopg 3 binds parameters on the server, so
`SET LOCAL x = $1` would not parse). A service that forgot its own check still cannot read a
row the policies do not grant. `system_transaction()` (sign-in tables, outbox, the worker's
purges, `naitei org init`) switches to naitei_system, which owns nothing either and passes the
policies by one `system_all` policy each.

The engine of `naitei serve --org` and `naitei worker` logs in with `database_url`, a login role
that owns nothing (see naitei.org.roles); only `naitei org init` uses `admin_database_url`, the
schema owner (`make_engine(..., admin=True)`).
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
SYSTEM_ROLE = "naitei_system"
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


def make_engine(config: OrgConfig, pool_size: int = 5, *, admin: bool = False) -> Engine:
    """The app's engine (`database_url`), or with `admin` the owner's (`admin_database_url`,
    the same URL when it is not set)."""
    return create_engine(
        config.admin_sqlalchemy_url() if admin else config.sqlalchemy_url(),
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
    """The system's transaction (sign-in, first admin, outbox, purges) as naitei_system:
    the services call it for work no single user's policies cover, never with a user's SQL."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "SELECT set_config('role', :system, true),"
                " set_config('app.user_id', '0', true), set_config('app.role', 'system', true)"
            ),
            {"system": SYSTEM_ROLE},
        )
        yield connection
