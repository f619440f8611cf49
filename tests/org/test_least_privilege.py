"""The app's login owns nothing (issue 18, threat model): what an SQL injection through the
running app could try, tried as that login on the real PostgreSQL, each statement refused."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from naitei.org import accounts, audit, consent
from naitei.org.db import Actor, system_transaction, transaction
from tests.support.cli import naitei
from tests.support.org import Deployment, activate, count, drop_login, login_url, write_config
from tests.support.pg import Cluster

ESCAPES = (
    "ALTER TABLE org_cases DISABLE ROW LEVEL SECURITY",
    "ALTER TABLE org_cases NO FORCE ROW LEVEL SECURITY",
    "DROP POLICY cases_own ON org_cases",
    "CREATE POLICY open_door ON org_cases USING (true)",
    "DROP TRIGGER org_audit_no_change ON org_audit",
    "TRUNCATE org_audit",
    "DROP TABLE org_cases",
    "CREATE TABLE shadow (i int)",
    "CREATE FUNCTION org_me() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint'",
    "SET ROLE naitei",  # the owner (the test cluster's superuser)
    "UPDATE org_audit SET action = 'x'",
    "ALTER ROLE CURRENT_USER BYPASSRLS",
)


def _people(org: Deployment) -> dict[str, int]:
    admin = Actor(org.admin_id, "admin")
    with transaction(org.app_engine, admin) as connection:
        made = {name: accounts.invite(connection, admin, f"{name}@example.jp", "applicant", "t").id
                for name in ("a", "b")}  # fmt: skip
    for name, user in made.items():
        activate(org.engine, user)
        with transaction(org.app_engine, Actor(user, "applicant")) as connection:
            connection.execute(
                text("INSERT INTO org_cases (owner_id, label, data) VALUES (:o, :l, '{}')"),
                {"o": user, "l": f"case-of-{name}"},
            )
    return made


def _refused(connection: Connection, statement: str) -> str:
    savepoint = connection.begin_nested()
    try:
        connection.execute(text(statement))
    except DBAPIError as error:
        savepoint.rollback()
        return str(error.orig)
    savepoint.rollback()
    raise AssertionError(f"the app's login was allowed: {statement}")


def test_the_login_is_no_owner_no_superuser_and_inherits_nothing(org: Deployment) -> None:
    with org.engine.begin() as connection:
        row = connection.execute(
            text(
                "SELECT rolsuper, rolbypassrls, rolinherit, rolcreaterole, rolcreatedb,"
                " (SELECT count(*) FROM pg_class WHERE relowner = r.oid)"
                " FROM pg_roles r WHERE rolname = :n"
            ),
            {"n": org.login},
        ).one()
    assert tuple(row) == (False, False, False, False, False, 0)
    with org.app_engine.connect() as connection:
        assert connection.execute(text("SELECT current_user")).scalar() == org.login


@pytest.mark.parametrize("inside", ["login", "naitei_app", "naitei_system"])
def test_schema_changes_and_role_escapes_are_refused(org: Deployment, inside: str) -> None:
    _people(org)
    contexts = {
        "login": lambda: org.app_engine.begin(),
        "naitei_app": lambda: transaction(org.app_engine, Actor(org.admin_id, "admin")),
        "naitei_system": lambda: system_transaction(org.app_engine),
    }
    with contexts[inside]() as connection:
        reasons = [_refused(connection, statement) for statement in ESCAPES]
    unexpected = [
        reason
        for reason in reasons
        if not any(word in reason for word in ("must be owner", "permission denied", "superuser"))
    ]
    assert not unexpected, unexpected
    with org.engine.begin() as connection:  # nothing changed
        secured = connection.execute(
            text("SELECT relrowsecurity FROM pg_class WHERE relname = 'org_cases'")
        ).scalar()
        assert secured is True
        assert connection.execute(text("SELECT count(*) FROM org_cases")).scalar() == 2


def test_reset_role_leaves_the_login_with_no_rows(org: Deployment) -> None:
    _people(org)
    with transaction(org.app_engine, Actor(org.admin_id, "admin")) as connection:
        connection.execute(text("RESET ROLE"))
        assert connection.execute(text("SELECT current_user")).scalar() == org.login
        for table in ("org_cases", "org_users", "org_audit", "org_sessions", "org_outbox"):
            assert "permission denied" in _refused(connection, f"SELECT * FROM {table}")
        assert "permission denied" in _refused(connection, "SET ROLE naitei")


def test_without_the_per_transaction_setting_no_row_is_read(org: Deployment) -> None:
    people = _people(org)
    with org.app_engine.begin() as connection:  # the login itself: no grant at all
        assert "permission denied" in _refused(connection, "SELECT label FROM org_cases")
    with org.app_engine.begin() as connection:  # naitei_app, no user set
        connection.execute(text("SET LOCAL ROLE naitei_app"))
        for table in ("org_cases", "org_users", "org_consents", "org_assignments", "org_audit"):
            assert connection.execute(text(f"SELECT count(*) FROM {table}")).scalar() == 0
        assert "permission denied" in _refused(connection, "SELECT * FROM org_sessions")
    with transaction(org.app_engine, Actor(people["a"], "applicant")) as connection:
        labels = {r[0] for r in connection.execute(text("SELECT label FROM org_cases"))}
    assert labels == {"case-of-a"}


def test_the_job_queue_defers_as_the_login(org: Deployment) -> None:
    from naitei.org.jobs import build_app

    app = build_app(org.config, org.app_engine).open()
    try:
        app.configure_task("deliver_mail").defer(outbox_id=1)
    finally:
        app.close()
    assert count(org.engine, "procrastinate_jobs WHERE task_name = 'deliver_mail'") == 1


def _env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NAITEI_ORG_")}
    return clean | extra


def test_init_creates_the_login_and_refuses_a_privileged_one(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    name = f"l{secrets.token_hex(5)}"
    owner = pg_cluster.create_database(name).replace("+psycopg", "")
    login, strong = f"{name}_web", f"{name}_super"
    try:
        path = write_config(tmp_path / "org.toml", login_url(owner, login))
        env = _env(NAITEI_ORG_ADMIN_DATABASE_URL=owner)
        done = naitei("org", "init", "--config", str(path), "--admin-email", "a@example.ac.jp",
                      env=env)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert login in done.stdout
        verify = naitei("audit", "verify", "--config", str(path), env=_env())  # as the login
        assert verify.returncode == 0, verify.stderr
        with pg_cluster.admin() as connection:
            connection.execute(f'CREATE ROLE "{strong}" LOGIN BYPASSRLS')
        bad = write_config(tmp_path / "bad.toml", login_url(owner, strong))
        refused = naitei("org", "init", "--config", str(bad), "--admin-email", "b@example.ac.jp",
                         env=env)  # fmt: skip
        assert refused.returncode == 2 and "database_url" in refused.stderr, refused.stderr
    finally:
        pg_cluster.drop_database(name)
        drop_login(pg_cluster, login)
        drop_login(pg_cluster, strong)


def test_an_owner_that_is_not_a_superuser_runs_init_and_the_app_works(
    pg_cluster: Cluster, tmp_path: Path
) -> None:
    """The recommended setup: the owner has CREATEROLE only, so row-level security and the
    definer functions behave as in production (the test cluster's own user bypasses both)."""
    from naitei.org.config import load_config
    from naitei.org.db import make_engine

    name = f"n{secrets.token_hex(5)}"
    owner, login = f"{name}_owner", f"{name}_web"
    with pg_cluster.admin() as connection:
        connection.execute(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')
        connection.execute(f'CREATE DATABASE "{name}" OWNER "{owner}"')
    owner_url = login_url(pg_cluster.url(name).replace("+psycopg", ""), owner)
    try:
        path = write_config(tmp_path / "org.toml", login_url(owner_url, login))
        done = naitei("org", "init", "--config", str(path), "--admin-email", "a@example.ac.jp",
                      env=_env(NAITEI_ORG_ADMIN_DATABASE_URL=owner_url))  # fmt: skip
        assert done.returncode == 0, done.stderr
        engine = make_engine(load_config(path, environ={}))
        try:
            with system_transaction(engine) as connection:
                admin_id = connection.execute(text("SELECT id FROM org_users")).scalar_one()
            admin = Actor(admin_id, "admin")
            with transaction(engine, admin) as connection:
                applicant = accounts.invite(connection, admin, "p@example.jp", "applicant", "t").id
                adviser = accounts.invite(connection, admin, "v@example.jp", "adviser", "t").id
            with system_transaction(engine) as connection:
                connection.execute(text("UPDATE org_users SET status = 'active'"))
            accounts.assign(engine, admin, applicant, adviser, "t")
            me = Actor(applicant, "applicant")
            consent.give(engine, me, "share", consent.TEXT_VERSION, "t")
            with transaction(engine, me) as connection:
                connection.execute(
                    text("INSERT INTO org_cases (owner_id, label, data) VALUES (:o, 'x', '{}')"),
                    {"o": applicant},
                )
            with transaction(engine, Actor(adviser, "adviser")) as connection:
                shared = connection.execute(text("SELECT label FROM org_cases")).scalars().all()
            assert shared == ["x"]  # org_advises (owner's definer function) sees the consent
            verdict = audit.verify(engine)
            assert verdict.ok and verdict.rows >= 2  # the owner's definer function appended
        finally:
            engine.dispose()
    finally:
        pg_cluster.drop_database(name)
        drop_login(pg_cluster, login)
        drop_login(pg_cluster, owner)
