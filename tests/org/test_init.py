"""`naitei org init`, the config, the keys and the audit chain, on a real PostgreSQL."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from naitei.errors import InputError
from naitei.org import audit
from naitei.org.config import load_config
from tests.support.cli import naitei
from tests.support.org import Deployment, write_config
from tests.support.pg import Cluster


def _env(**extra: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NAITEI_ORG_")}
    return clean | extra


def test_init_creates_schema_admin_and_private_keys(pg_cluster: Cluster, tmp_path: Path) -> None:
    name = f"i{secrets.token_hex(5)}"
    url = pg_cluster.create_database(name).replace("+psycopg", "")
    try:
        path = write_config(tmp_path / "org.toml", url)
        done = naitei("org", "init", "--config", str(path), "--admin-email", "Boss@Example.ac.jp",
                      env=_env())  # fmt: skip
        assert done.returncode == 0, done.stderr
        keys = tmp_path / "keys"
        assert stat.S_IMODE((keys / "master-1.key").stat().st_mode) == 0o600
        assert stat.S_IMODE(keys.stat().st_mode) == 0o700
        again = naitei("org", "init", "--config", str(path), "--admin-email", "x@example.ac.jp",
                       env=_env())  # fmt: skip
        assert again.returncode == 2 and "管理者はすでにいます" in again.stderr
        verified = naitei("audit", "verify", "--config", str(path), env=_env())
        assert verified.returncode == 0 and "1 行" in verified.stdout
    finally:
        pg_cluster.drop_database(name)


def test_init_refuses_sqlite_with_a_clear_message(tmp_path: Path) -> None:
    path = write_config(tmp_path / "org.toml", f"sqlite:///{tmp_path / 'x.db'}")
    done = naitei("org", "init", "--config", str(path), "--admin-email", "a@example.jp", env=_env())
    assert done.returncode == 2
    assert "database_url" in done.stderr and "PostgreSQL" in done.stderr
    assert not (tmp_path / "keys").exists() and not (tmp_path / "x.db").exists()


def test_environment_overrides_the_file_and_bad_values_name_the_key(tmp_path: Path) -> None:
    path = write_config(tmp_path / "org.toml", "postgresql://u@127.0.0.1/db", join="invite")
    config = load_config(path, {"NAITEI_ORG_JOIN": "open", "NAITEI_ORG_SMTP_PORT": "2525"})
    assert config.join == "open" and config.smtp_port == 2525
    assert config.key_dir == tmp_path / "keys"
    with pytest.raises(InputError, match="smtp_port"):
        load_config(path, {"NAITEI_ORG_SMTP_PORT": "many"})
    with pytest.raises(InputError, match="join"):
        load_config(path, {"NAITEI_ORG_JOIN": "everyone"})
    with pytest.raises(InputError, match="database_url"):
        load_config(None, {})
    bad = tmp_path / "bad.toml"
    bad.write_text('database_url = "postgresql://x/y"\nsmtp_hots = "a"\n', encoding="utf-8")
    with pytest.raises(InputError, match="smtp_hots"):
        load_config(bad, {})


def test_audit_is_append_only_and_verify_finds_a_changed_row(org: Deployment) -> None:
    with org.engine.begin() as connection:
        audit.record(connection, "case.read", "case", 7, 3, "192.0.2.1")
        audit.record(connection, "case.export", "case", 7, 3, "192.0.2.1")
    assert audit.verify(org.engine).ok
    for statement in ("UPDATE org_audit SET action = 'x'", "DELETE FROM org_audit",
                      "TRUNCATE org_audit"):  # fmt: skip
        with pytest.raises(DBAPIError, match="append-only"), org.engine.begin() as connection:
            connection.execute(text(statement))
    with org.engine.begin() as connection:
        connection.execute(text("ALTER TABLE org_audit DISABLE TRIGGER org_audit_no_change"))
        connection.execute(text("UPDATE org_audit SET object_id = '8' WHERE action = 'case.read'"))
    verdict = audit.verify(org.engine)
    assert not verdict.ok and verdict.broken_at == 2


def test_rotate_key_and_the_breach_report_from_the_command_line(org: Deployment) -> None:
    from naitei.org.keys import KeyRing, seal, unseal

    ring = KeyRing(org.config.key_dir)
    sealed = seal(ring.new_case_key(3, 1), 3, 1, b"secret")
    rotated = naitei("org", "rotate-key", "--config", str(org.config_path), env=_env())
    assert rotated.returncode == 0 and "1 件" in rotated.stdout
    assert unseal(ring.case_key(3, 1), 3, 1, sealed) == b"secret" and ring.version() == 2
    with org.engine.begin() as connection:
        audit.record(connection, "case.read", "case", 3, 9, "192.0.2.7")
    report = naitei("audit", "export", "--config", str(org.config_path), "--account", "0", "--reads",
                    "--since", "2000-01-01", "--until", "2100-01-01T00:00:00+09:00", env=_env())  # fmt: skip
    assert report.returncode == 0, report.stderr
    lines = report.stdout.splitlines()
    assert (
        lines[0].startswith("id,at,actor_id")
        and len(lines) == 2
        and ",case.read,case,3,9," in lines[1]
    )
    bad = naitei(
        "audit", "export", "--config", str(org.config_path), "--since", "yesterday", env=_env()
    )
    assert bad.returncode == 2 and "--since" in bad.stderr
