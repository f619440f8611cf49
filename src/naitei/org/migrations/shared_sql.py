"""SQL the organisation migrations share. Frozen: o001 and o005 execute this text, so a change
here changes what an existing database upgrades through; add a new function instead."""

from __future__ import annotations


def group_role(name: str, attributes: str) -> str:
    """A NOLOGIN group role, created once (running again keeps it), granted to the migrating
    owner unless that owner is a superuser, so its transactions can `SET ROLE` to it."""
    return f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{name}') THEN
    CREATE ROLE {name} {attributes};
  END IF;
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT {name} TO %I', current_user);
  END IF;
END $$;
"""
