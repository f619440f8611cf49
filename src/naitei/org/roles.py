"""The app's login role (issue 18, least privilege): `naitei org init`, connected as the schema
owner (`admin_database_url`), creates or checks the login of `database_url` so that the web
workers and the job worker never hold the owner's rights.

The login owns nothing, is not a superuser, cannot bypass row-level security, create roles or
databases, and is NOINHERIT: outside a transaction that entered naitei_app (a user's policies)
or naitei_system (sign-in, outbox, purges) it reads no table of the app. It keeps direct rights
only on what is reached without a role switch: the version table (readiness) and Procrastinate's
tables (the job queue connects on its own). An SQL injection through it can therefore not
ALTER, DROP or TRUNCATE a table, disable row-level security, drop the audit's triggers, or
RESET ROLE to anything but the login itself.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
from sqlalchemy.engine import make_url

from naitei.errors import InputError
from naitei.org.config import OrgConfig
from naitei.org.db import APP_ROLE, SYSTEM_ROLE


def login_name(config: OrgConfig) -> str | None:
    """The app's login if it differs from the owner's, else None (one URL: legacy setup)."""
    app = make_url(config.sqlalchemy_url()).username
    owner = make_url(config.admin_sqlalchemy_url()).username
    if not config.admin_database_url or app == owner:
        return None
    if not app:
        raise InputError("アプリが接続するユーザー名を URL に書いてください", field="database_url")
    return app


def provision_login(admin_engine: Engine, config: OrgConfig) -> str | None:
    """Create (or check and narrow) the app's login; grant it only what the app needs."""
    name = login_name(config)
    if name is None:
        return None
    password = make_url(config.sqlalchemy_url()).password
    with admin_engine.begin() as connection:
        found = connection.execute(
            text(
                "SELECT rolsuper OR rolbypassrls OR rolcreaterole OR rolcreatedb"
                " FROM pg_roles WHERE rolname = :n"
            ),
            {"n": name},
        ).first()
        if found is not None and found[0]:
            raise InputError(
                f"ログイン {name} に管理者の権限（SUPERUSER, BYPASSRLS, CREATEROLE,"
                " CREATEDB のいずれか）があります。アプリには権限のないログインを指定してください",
                field="database_url",
            )
        if found is not None and _owns_anything(connection, name):
            raise InputError(
                f"ログイン {name} はこのデータベースのテーブルなどの所有者です。"
                "所有者は admin_database_url に、アプリには別のログインを指定してください",
                field="database_url",
            )
        # The defaults are NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE (checked above for
        # an existing login); naming them would need a superuser owner on PostgreSQL 15.
        verb = "ALTER" if found is not None else "CREATE"
        _execute_formatted(connection, f"{verb} ROLE %I LOGIN NOINHERIT", name)
        if password:
            _execute_formatted(connection, "ALTER ROLE %I PASSWORD %L", name, password)
        for statement in (
            f"GRANT {APP_ROLE}, {SYSTEM_ROLE} TO %I",
            "GRANT USAGE ON SCHEMA public TO %I",
            "GRANT SELECT ON naitei_org_version TO %I",
        ):
            _execute_formatted(connection, statement, name)
        _execute_formatted(
            connection,
            "GRANT CONNECT ON DATABASE %I TO %I",
            connection.execute(text("SELECT current_database()")).scalar_one(),
            name,
        )
        queue = ", ".join(
            f'"{table}"'
            for table in connection.execute(
                text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                    " AND tablename LIKE 'procrastinate\\_%' ORDER BY 1"
                )
            ).scalars()
        )
        if queue:
            _execute_formatted(
                connection, f"GRANT SELECT, INSERT, UPDATE, DELETE ON {queue} TO %I", name
            )
        sequences = ", ".join(
            f'"{sequence}"'
            for sequence in connection.execute(
                text(
                    "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
                    " AND sequencename LIKE 'procrastinate\\_%' ORDER BY 1"
                )
            ).scalars()
        )
        if sequences:
            _execute_formatted(connection, f"GRANT USAGE, SELECT ON {sequences} TO %I", name)
    return name


def _owns_anything(connection: Connection, name: str) -> bool:
    return bool(
        connection.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n"
                " ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
                " AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = :n))"
                " OR EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'public'"
                " AND nspowner = (SELECT oid FROM pg_roles WHERE rolname = :n))"
            ),
            {"n": name},
        ).scalar_one()
    )


def _execute_formatted(connection: Connection, template: str, *values: str) -> None:
    """DDL takes no bound parameters: quote names and literals on the server with format()."""
    names = ", ".join(f"CAST(:v{index} AS text)" for index in range(len(values)))
    statement = connection.execute(
        text(f"SELECT format(CAST(:template AS text), {names})"),
        {"template": template, **{f"v{index}": value for index, value in enumerate(values)}},
    ).scalar_one()
    raw = connection.connection.driver_connection  # no parameters: a % stays a %
    assert raw is not None
    raw.execute(statement)
