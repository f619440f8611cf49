"""Organisation mode's tables, the role naitei_app and the row-level security policies.

Data tables (users, assignments, consents, cases, reminders, audit) are reached by the web app
only as naitei_app, under the policies below; the sign-in tables (sessions, links, challenges,
credentials, rate limits) and the outbox are reached only by the owner (auth and the worker),
never granted to naitei_app. The audit table refuses UPDATE, DELETE and TRUNCATE to everyone."""

from __future__ import annotations

from alembic import op

from naitei.org.migrations.shared_sql import group_role

revision = "o001"
down_revision = None

TABLES = """
CREATE TABLE org_users (
  id bigserial PRIMARY KEY,
  email text NOT NULL UNIQUE CHECK (email = lower(email)),
  display_name text NOT NULL DEFAULT '',
  role text NOT NULL CHECK (role IN ('applicant', 'adviser', 'admin')),
  status text NOT NULL DEFAULT 'invited' CHECK (status IN ('invited', 'active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE org_assignments (
  applicant_id bigint PRIMARY KEY REFERENCES org_users ON DELETE CASCADE,
  adviser_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  assigned_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_assignments_adviser ON org_assignments (adviser_id);
CREATE TABLE org_consents (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('sensitive', 'share')),
  text_version text NOT NULL,
  given_at timestamptz NOT NULL DEFAULT now(),
  withdrawn_at timestamptz
);
CREATE UNIQUE INDEX org_consents_current ON org_consents (user_id, kind) WHERE withdrawn_at IS NULL;
CREATE TABLE org_cases (
  id bigserial PRIMARY KEY,
  owner_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  label text NOT NULL,
  data jsonb NOT NULL,
  sealed bytea,
  key_generation integer NOT NULL DEFAULT 0,
  outcome_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_cases_owner ON org_cases (owner_id);
CREATE TABLE org_reminders (
  id bigserial PRIMARY KEY,
  case_id bigint NOT NULL REFERENCES org_cases ON DELETE CASCADE,
  owner_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  due_at timestamptz NOT NULL,
  kind text NOT NULL,
  outbox_id bigint,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX org_reminders_due ON org_reminders (due_at) WHERE outbox_id IS NULL;
CREATE TABLE org_credentials (
  id bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  public_key bytea NOT NULL,
  sign_count bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE org_sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  csrf text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  seen_at timestamptz NOT NULL DEFAULT now(),
  reauth_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE org_links (
  token_hash text PRIMARY KEY,
  user_id bigint REFERENCES org_users ON DELETE CASCADE,
  email text NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('signin', 'signup', 'reauth')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE TABLE org_challenges (
  id text PRIMARY KEY,
  challenge bytea NOT NULL,
  user_id bigint REFERENCES org_users ON DELETE CASCADE,
  purpose text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE TABLE org_rate (
  bucket text NOT NULL,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL,
  PRIMARY KEY (bucket, window_start)
);
CREATE TABLE org_outbox (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  recipient_id bigint REFERENCES org_users ON DELETE SET NULL,
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'sent', 'uncertain', 'failed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  sent_at timestamptz
);
CREATE INDEX org_outbox_queued ON org_outbox (created_at) WHERE status = 'queued';
CREATE TABLE org_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id bigint NOT NULL,
  action text NOT NULL,
  object_kind text NOT NULL,
  object_id text NOT NULL,
  subject_id bigint,
  address text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX org_audit_actor ON org_audit (actor_id, at);
"""

FUNCTIONS = r"""
CREATE FUNCTION org_me() RETURNS bigint LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::bigint $$;
CREATE FUNCTION org_my_role() RETURNS text LANGUAGE sql STABLE AS
  $$ SELECT coalesce(nullif(current_setting('app.role', true), ''), 'anonymous') $$;
CREATE FUNCTION org_advises(applicant bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT org_my_role() = 'adviser' AND EXISTS (
    SELECT 1 FROM org_assignments a
    JOIN org_consents c ON c.user_id = a.applicant_id AND c.kind = 'share'
      AND c.withdrawn_at IS NULL
    WHERE a.applicant_id = applicant AND a.adviser_id = org_me())
$$;
CREATE FUNCTION org_is_my_adviser(adviser bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM org_assignments
                 WHERE applicant_id = org_me() AND adviser_id = adviser)
$$;
CREATE FUNCTION org_audit_line(prev text, id bigint, at timestamptz, actor bigint, action text,
    kind text, object text, subject bigint, address text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', prev, id::text,
    to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), actor::text, action, kind,
    object, coalesce(subject::text, ''), address), 'UTF8')), 'hex')
$$;
CREATE FUNCTION org_audit_append(action text, kind text, object text, subject bigint,
    address text) RETURNS bigint
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  prev text;
  new_id bigint;
  stamp timestamptz := clock_timestamp();
  actor bigint := coalesce(org_me(), 0);
BEGIN
  PERFORM pg_advisory_xact_lock(7239011);
  SELECT hash INTO prev FROM org_audit ORDER BY id DESC LIMIT 1;
  prev := coalesce(prev, repeat('0', 64));
  new_id := nextval('org_audit_id_seq');
  INSERT INTO org_audit (id, at, actor_id, action, object_kind, object_id, subject_id, address,
                         prev_hash, hash)
  VALUES (new_id, stamp, actor, action, kind, object, subject, address, prev,
          org_audit_line(prev, new_id, stamp, actor, action, kind, object, subject, address));
  RETURN new_id;
END $$;
CREATE FUNCTION org_audit_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'org_audit is append-only';
END $$;
CREATE TRIGGER org_audit_no_change BEFORE UPDATE OR DELETE ON org_audit
  FOR EACH ROW EXECUTE FUNCTION org_audit_frozen();
CREATE TRIGGER org_audit_no_truncate BEFORE TRUNCATE ON org_audit
  FOR EACH STATEMENT EXECUTE FUNCTION org_audit_frozen();
"""

ROLE = (
    group_role("naitei_app", "NOLOGIN NOSUPERUSER NOBYPASSRLS")
    + """GRANT USAGE ON SCHEMA public TO naitei_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON org_users, org_assignments, org_consents, org_cases,
  org_reminders TO naitei_app;
GRANT SELECT ON org_audit TO naitei_app;
GRANT USAGE ON SEQUENCE org_users_id_seq, org_consents_id_seq, org_cases_id_seq,
  org_reminders_id_seq TO naitei_app;
GRANT EXECUTE ON FUNCTION org_audit_append(text, text, text, bigint, text) TO naitei_app;
"""
)

POLICIES = """
ALTER TABLE org_users ENABLE ROW LEVEL SECURITY;
CREATE POLICY users_read ON org_users FOR SELECT USING (
  id = org_me() OR org_my_role() = 'admin' OR org_advises(id) OR org_is_my_adviser(id));
CREATE POLICY users_admin_insert ON org_users FOR INSERT WITH CHECK (org_my_role() = 'admin');
CREATE POLICY users_admin_update ON org_users FOR UPDATE
  USING (org_my_role() = 'admin') WITH CHECK (org_my_role() = 'admin');
CREATE POLICY users_erase_self ON org_users FOR DELETE
  USING (id = org_me() OR org_my_role() = 'admin');

ALTER TABLE org_assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY assignments_read ON org_assignments FOR SELECT USING (
  org_my_role() = 'admin' OR applicant_id = org_me() OR adviser_id = org_me());
CREATE POLICY assignments_admin ON org_assignments FOR ALL
  USING (org_my_role() = 'admin') WITH CHECK (org_my_role() = 'admin');

ALTER TABLE org_consents ENABLE ROW LEVEL SECURITY;
CREATE POLICY consents_own ON org_consents FOR ALL
  USING (user_id = org_me()) WITH CHECK (user_id = org_me());
CREATE POLICY consents_admin_read ON org_consents FOR SELECT USING (org_my_role() = 'admin');

ALTER TABLE org_cases ENABLE ROW LEVEL SECURITY;
CREATE POLICY cases_own ON org_cases FOR ALL
  USING (owner_id = org_me() AND org_my_role() = 'applicant')
  WITH CHECK (owner_id = org_me() AND org_my_role() = 'applicant');
CREATE POLICY cases_adviser_read ON org_cases FOR SELECT USING (org_advises(owner_id));

ALTER TABLE org_reminders ENABLE ROW LEVEL SECURITY;
CREATE POLICY reminders_own ON org_reminders FOR ALL
  USING (owner_id = org_me()) WITH CHECK (owner_id = org_me());

ALTER TABLE org_audit ENABLE ROW LEVEL SECURITY;
CREATE POLICY audit_admin_read ON org_audit FOR SELECT USING (org_my_role() = 'admin');
"""


def upgrade() -> None:
    for block in (TABLES, FUNCTIONS, ROLE, POLICIES):
        op.execute(block)


def downgrade() -> None:
    op.execute("DROP TRIGGER org_audit_no_change ON org_audit")
    op.execute("DROP TRIGGER org_audit_no_truncate ON org_audit")
    for table in ("org_audit", "org_outbox", "org_rate", "org_challenges", "org_links",
                  "org_sessions", "org_credentials", "org_reminders", "org_cases",
                  "org_consents", "org_assignments", "org_users"):  # fmt: skip
        op.execute(f"DROP TABLE {table}")
    for function in ("org_audit_append(text, text, text, bigint, text)",
                     "org_audit_line(text, bigint, timestamptz, bigint, text, text, text, bigint, text)",
                     "org_audit_frozen()", "org_is_my_adviser(bigint)", "org_advises(bigint)",
                     "org_my_role()", "org_me()"):  # fmt: skip
        op.execute(f"DROP FUNCTION {function}")
