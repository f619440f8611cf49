"""Least privilege for the running app (issue 18, threat model "known gaps").

The app no longer needs the schema owner's rights: `naitei serve --org` and `naitei worker`
log in as a separate login role (`database_url`) that owns nothing and cannot bypass
row-level security; `naitei org init` and migrations run as the owner (`admin_database_url`).

- `naitei_system` (NOLOGIN, NOBYPASSRLS, owns nothing) is the role of `system_transaction()`:
  sign-in tables, outbox, purges, the job queue. It gets SELECT/INSERT/UPDATE/DELETE on the
  tables and USAGE on the sequences (never UPDATE/DELETE on the audit, never the version
  table) and one policy per row-level-secured table that lets it through.
- Row-level security is not FORCEd: the owner's SECURITY DEFINER functions (the audit's
  append, org_advises, service_request_visible) must see every row, and the owner is used
  only by `naitei org init`, never by the running app.
- The login itself (created by `naitei org init`, see naitei.org.roles) is NOINHERIT: it has
  no row of its own until a transaction enters `naitei_app` or `naitei_system`."""

from __future__ import annotations

from alembic import op

from naitei.org.migrations.shared_sql import group_role

revision = "o005"
down_revision = "o004"


def each_secured_table(statement: str) -> str:
    """A DO block that runs `statement` (a format() string of the table's name) on every
    table under row-level security."""
    return f"""DO $$
DECLARE
  secured record;
BEGIN
  FOR secured IN
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relrowsecurity
  LOOP
    EXECUTE format({statement}, secured.relname);
  END LOOP;
END $$;
"""


UPGRADE = (
    group_role("naitei_system", "NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT")
    + """GRANT USAGE ON SCHEMA public TO naitei_system;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO naitei_system;
REVOKE UPDATE, DELETE ON org_audit FROM naitei_system;
REVOKE ALL ON naitei_org_version FROM naitei_system;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO naitei_system;
"""
    + each_secured_table(
        "'CREATE POLICY system_all ON %I TO naitei_system USING (true) WITH CHECK (true)'"
    )
)

DOWNGRADE = (
    each_secured_table("'DROP POLICY IF EXISTS system_all ON %I'")
    + """
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM naitei_system;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM naitei_system;
REVOKE USAGE ON SCHEMA public FROM naitei_system;
"""
)


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
