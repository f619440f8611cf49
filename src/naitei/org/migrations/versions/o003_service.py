"""The decline service (issue 19): requests, their companies, events, the 委任状's confirmation,
one send per (request, company), and the companies' replies.

A client (applicant) owns their requests; an adviser reads and works on the requests of the
applicants assigned to them who gave the share consent (org_advises, as for cases). Sends and
replies are written by the worker (owner role) and read under the same policies. UNIQUE
(request_id, position) on service_sends makes "at most once per (request, company)" a
guarantee of the database, whatever the workers do."""

from __future__ import annotations

from alembic import op

revision = "o003"
down_revision = "o002"

TABLES = """
CREATE TABLE service_requests (
  id bigserial PRIMARY KEY,
  applicant_id bigint NOT NULL REFERENCES org_users ON DELETE CASCADE,
  case_data jsonb NOT NULL,
  words text NOT NULL,
  service_name text NOT NULL,
  staff_name text NOT NULL,
  school_consulted boolean NOT NULL DEFAULT false,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'withdrawn')),
  notify boolean NOT NULL DEFAULT true,
  due_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_requests_applicant ON service_requests (applicant_id);
CREATE TABLE service_request_companies (
  request_id bigint NOT NULL REFERENCES service_requests ON DELETE CASCADE,
  position integer NOT NULL CHECK (position BETWEEN 1 AND 20),
  name text NOT NULL,
  employer_kind text NOT NULL,
  to_address text NOT NULL DEFAULT '',
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'drafted'
    CHECK (status IN ('drafted', 'approved', 'sent', 'answered', 'closed')),
  approved_sha text,
  sent_at timestamptz,
  answered_at timestamptz,
  outcome text,
  PRIMARY KEY (request_id, position)
);
CREATE TABLE service_events (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL REFERENCES service_requests ON DELETE CASCADE,
  position integer,
  actor_id bigint NOT NULL,
  kind text NOT NULL,
  detail text NOT NULL DEFAULT '',
  at timestamptz NOT NULL DEFAULT now(),
  notified boolean NOT NULL DEFAULT false
);
CREATE INDEX service_events_request ON service_events (request_id, id);
CREATE INDEX service_events_unnotified ON service_events (id) WHERE NOT notified;
CREATE TABLE service_authorisations (
  request_id bigint PRIMARY KEY REFERENCES service_requests ON DELETE CASCADE,
  text text NOT NULL,
  sha256 text NOT NULL CHECK (length(sha256) = 64),
  confirmed_at timestamptz NOT NULL
);
CREATE TABLE service_sends (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL,
  position integer NOT NULL,
  status text NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'sending', 'sent', 'uncertain', 'failed')),
  message_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  claimed_at timestamptz,
  sent_at timestamptz,
  UNIQUE (request_id, position),
  FOREIGN KEY (request_id, position) REFERENCES service_request_companies ON DELETE CASCADE
);
CREATE TABLE service_replies (
  id bigserial PRIMARY KEY,
  request_id bigint NOT NULL,
  position integer NOT NULL,
  body text NOT NULL,
  outcome text NOT NULL,
  needs_lawyer boolean NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (request_id, position) REFERENCES service_request_companies ON DELETE CASCADE
);
"""

GRANTS = """
GRANT SELECT, INSERT, UPDATE ON service_requests, service_request_companies,
  service_authorisations TO naitei_app;
GRANT SELECT, INSERT ON service_events, service_replies TO naitei_app;
GRANT SELECT, INSERT ON service_sends TO naitei_app;
GRANT USAGE ON SEQUENCE service_requests_id_seq, service_events_id_seq, service_sends_id_seq,
  service_replies_id_seq TO naitei_app;
CREATE FUNCTION service_request_visible(request bigint) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM service_requests r WHERE r.id = request
    AND ((r.applicant_id = org_me() AND org_my_role() = 'applicant')
         OR org_advises(r.applicant_id)))
$$;
GRANT EXECUTE ON FUNCTION service_request_visible(bigint) TO naitei_app;
"""

POLICIES = """
ALTER TABLE service_requests ENABLE ROW LEVEL SECURITY;
CREATE POLICY service_requests_own ON service_requests FOR ALL
  USING (applicant_id = org_me() AND org_my_role() = 'applicant')
  WITH CHECK (applicant_id = org_me() AND org_my_role() = 'applicant');
CREATE POLICY service_requests_adviser ON service_requests FOR SELECT
  USING (org_advises(applicant_id));
"""

CHILD_POLICY = """
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY {table}_visible ON {table} FOR ALL
  USING (service_request_visible(request_id)) WITH CHECK (service_request_visible(request_id));
"""
CHILDREN = (
    "service_request_companies",
    "service_events",
    "service_authorisations",
    "service_sends",
    "service_replies",
)


def upgrade() -> None:
    op.execute(TABLES)
    op.execute(GRANTS)
    op.execute(POLICIES)
    for table in CHILDREN:
        op.execute(CHILD_POLICY.format(table=table))


def downgrade() -> None:
    for table in (*reversed(CHILDREN), "service_requests"):
        op.execute(f"DROP TABLE {table}")
    op.execute("DROP FUNCTION service_request_visible(bigint)")
