"""Organisation-mode helpers for tests: a fresh database on the throw-away cluster of
tests/support/pg.py, a config pointing at it, and an initialised deployment (schema, keys,
first admin)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from naitei.org import accounts
from naitei.org.config import OrgConfig, load_config
from naitei.org.db import Actor, transaction
from tests.support.pg import Cluster


@dataclass
class Deployment:
    """`engine` is the schema owner's (the test's own SQL: forged times, tampering);
    `app_engine` logs in as the app does (`database_url`, a login that owns nothing)."""

    config: OrgConfig
    engine: Engine
    admin_id: int
    config_path: Path
    app_engine: Engine
    login: str


def write_config(path: Path, url: str, **extra: object) -> Path:
    lines = [f'database_url = "{url}"', 'key_dir = "keys"']
    for name, value in extra.items():
        shown = f'"{value}"' if isinstance(value, str) else str(value).lower()
        lines.append(f"{name} = {shown}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def login_url(owner_url: str, login: str) -> str:
    """The owner's URL with the app's login in place of the owner (trust auth on loopback)."""
    scheme, rest = owner_url.split("://", 1)
    return f"{scheme}://{login}@{rest.split('@', 1)[1]}"


def drop_login(pg: Cluster, login: str) -> None:
    """After its database is gone: the login's grants went with it, the role is left."""
    with pg.admin() as connection:
        connection.execute(f'DROP ROLE IF EXISTS "{login}"')


@contextmanager
def deployment(pg: Cluster, folder: Path, **extra: object) -> Iterator[Deployment]:
    """A database, `naitei org init` done in process (the app's login created), dropped
    afterwards."""
    from naitei.org.accounts import create_first_admin
    from naitei.org.db import make_engine
    from naitei.org.keys import KeyRing
    from naitei.org.roles import provision_login
    from naitei.org.schema import upgrade

    name = f"o{secrets.token_hex(6)}"
    login = f"{name}_app"
    url = pg.create_database(name).replace("postgresql+psycopg://", "postgresql://")
    path = write_config(folder / "org.toml", login_url(url, login), admin_database_url=url, **extra)
    config = load_config(path, environ={})
    engine = make_engine(config, admin=True)
    app_engine = make_engine(config)
    try:
        upgrade(engine)
        assert provision_login(engine, config) == login
        KeyRing(config.key_dir).create()
        admin = create_first_admin(engine, "admin@example.ac.jp")
        yield Deployment(config, engine, admin.id, path, app_engine, login)
    finally:
        app_engine.dispose()
        engine.dispose()
        pg.drop_database(name)
        drop_login(pg, login)


def activate(engine: Engine, user_id: int) -> None:
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE org_users SET status = 'active' WHERE id = :i"), {"i": user_id}
        )


def active_users(org: Deployment, client: str, other: str, adviser: str) -> dict[str, int]:
    """Two applicants and an adviser invited by the admin and active (`<name>@example.jp`);
    the adviser is assigned to `client`. Their ids by name."""
    admin = Actor(org.admin_id, "admin")
    roles = ((client, "applicant"), (other, "applicant"), (adviser, "adviser"))
    with transaction(org.engine, admin) as connection:
        made = {
            name: accounts.invite(connection, admin, f"{name}@example.jp", role, "t").id
            for name, role in roles
        }
    for user in made.values():
        activate(org.engine, user)
    accounts.assign(org.engine, admin, made[client], made[adviser], "t")
    return made


def count(engine: Engine, rows: str) -> int:
    """`SELECT count(*) FROM <rows>` as the owner (row-level security does not apply)."""
    with engine.begin() as connection:
        return int(connection.execute(text(f"SELECT count(*) FROM {rows}")).scalar_one())


def last_link(engine: Engine, email: str) -> str:
    """The token of the newest link queued for `email` (read from the outbox, as a mail
    client would: the worker is not running in these tests)."""
    import re

    with engine.begin() as connection:
        body = connection.execute(
            text("SELECT body FROM org_outbox WHERE to_address = :e ORDER BY id DESC LIMIT 1"),
            {"e": email},
        ).scalar_one()
    found = re.search(r"/(?:signin|reauth)/link#(\S+)", body)
    assert found, body
    return found[1]


def org_client(deployment: Deployment) -> Any:
    import warnings

    from naitei.org.app import create_org_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    app = create_org_app(deployment.config, deployment.app_engine)
    return TestClient(app, base_url="http://localhost:8000")


def sign_in(client: Any, engine: Engine, email: str) -> str:
    """Sign in by emailed link; returns the session's CSRF token (read from a page)."""
    import re

    answer = client.post("/signin/link-request", data={"email": email})
    assert answer.status_code == 200, answer.text
    done = client.post(
        "/signin/link", data={"token": last_link(engine, email)}, follow_redirects=False
    )
    assert done.status_code == 303, done.text
    page = client.get("/account")
    found = re.search(r'data-csrf="([^"]+)"', page.text)
    assert found, page.text
    return found[1]
