"""Withdrawal help on the decline service (issue 19): a request of kind `withdrawal_help`
carries a withdrawal case; staff coach and edit its drafts and the client approves them, but
the service never sends one. A withdrawal (内定辞退の撤回) is the applicant's own request to the
company; the approved wording goes back to the client, who sends or says it themselves.

The boundary is the database's, not only the app's:
- `service_sends.request_kind` must be 'decline' (CHECK) and, with `request_id`, must match the
  request's own kind (a foreign key to service_requests (id, kind)): no row of service_sends
  can exist for a withdrawal-help request, whatever role inserts it (the owner included);
- a request's kind never changes (a trigger), so a withdrawal-help request cannot be turned
  into a decline one after it was drafted and approved.
`service_request_companies.phone_script` holds the withdrawal's phone script for the client;
`service_requests.consents` the client's consent records in force when they asked (both kinds)."""

from __future__ import annotations

from alembic import op

revision = "o006"
down_revision = "o005"

UPGRADE = """
ALTER TABLE service_requests ADD COLUMN kind text NOT NULL DEFAULT 'decline'
  CHECK (kind IN ('decline', 'withdrawal_help'));
ALTER TABLE service_requests ADD CONSTRAINT service_requests_id_kind UNIQUE (id, kind);
ALTER TABLE service_requests ADD COLUMN consents jsonb NOT NULL DEFAULT '[]'::jsonb;
ALTER TABLE service_request_companies ADD COLUMN phone_script text NOT NULL DEFAULT '';
ALTER TABLE service_sends ADD COLUMN request_kind text NOT NULL DEFAULT 'decline'
  CONSTRAINT service_sends_decline_only CHECK (request_kind = 'decline');
ALTER TABLE service_sends ADD CONSTRAINT service_sends_request_kind
  FOREIGN KEY (request_id, request_kind) REFERENCES service_requests (id, kind)
  ON DELETE CASCADE;
CREATE FUNCTION service_request_kind_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind IS DISTINCT FROM OLD.kind THEN
    RAISE EXCEPTION 'service_requests.kind cannot change (request %)', OLD.id
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER service_requests_kind_fixed BEFORE UPDATE OF kind ON service_requests
  FOR EACH ROW EXECUTE FUNCTION service_request_kind_fixed();
"""

DOWNGRADE = """
DROP TRIGGER service_requests_kind_fixed ON service_requests;
DROP FUNCTION service_request_kind_fixed();
ALTER TABLE service_sends DROP CONSTRAINT service_sends_request_kind;
ALTER TABLE service_sends DROP COLUMN request_kind;
ALTER TABLE service_request_companies DROP COLUMN phone_script;
ALTER TABLE service_requests DROP COLUMN consents;
ALTER TABLE service_requests DROP CONSTRAINT service_requests_id_kind;
ALTER TABLE service_requests DROP COLUMN kind;
"""


def upgrade() -> None:
    op.execute(UPGRADE)


def downgrade() -> None:
    op.execute(DOWNGRADE)
