"""The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE), hash-chained
(each row's hash covers the previous hash and the row), written by the SECURITY DEFINER
function org_audit_append, which takes the actor from the transaction's app.user_id (a
caller cannot name someone else). Rows carry ids and actions, never names or sensitive text.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, text

from naitei.org.db import Actor, system_transaction, transaction

GENESIS = "0" * 64
READS = ("case.read", "case.export")
COLUMNS = ("id", "at", "actor_id", "action", "object_kind", "object_id", "subject_id", "address")


def record(
    connection: Connection,
    action: str,
    kind: str,
    object_id: object,
    subject: int | None = None,
    address: str = "",
) -> None:
    """Append one row in the caller's transaction (it commits or vanishes with the use case)."""
    connection.execute(
        text("SELECT org_audit_append(:action, :kind, :object, :subject, :address)"),
        {
            "action": action,
            "kind": kind,
            "object": str(object_id),
            "subject": subject,
            "address": address[:64],
        },
    )


@dataclass(frozen=True)
class Verdict:
    rows: int
    broken_at: int | None

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def _line(prev: str, row: dict[str, object]) -> str:
    at = row["at"]
    assert isinstance(at, datetime)
    stamp = at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    subject = "" if row["subject_id"] is None else str(row["subject_id"])
    parts = [prev, str(row["id"]), stamp, str(row["actor_id"]), str(row["action"]),
             str(row["object_kind"]), str(row["object_id"]), subject, str(row["address"])]  # fmt: skip
    return hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()


def verify(engine: Engine) -> Verdict:
    """Recompute the chain in Python (independently of the SQL that wrote it)."""
    prev, count = GENESIS, 0
    with system_transaction(engine) as connection:
        rows = connection.execute(
            text(f"SELECT {', '.join(COLUMNS)}, prev_hash, hash FROM org_audit ORDER BY id")
        ).mappings()
        for row in rows:
            count += 1
            if row["prev_hash"] != prev or _line(prev, dict(row)) != row["hash"]:
                return Verdict(count, int(row["id"]))
            prev = str(row["hash"])
    return Verdict(count, None)


def export_csv(
    engine: Engine,
    actor: Actor,
    since: datetime | None = None,
    until: datetime | None = None,
    account: int | None = None,
    reads_only: bool = False,
) -> str:
    """The audit as CSV (admins only: row-level security returns nothing to anyone else).
    With `account` and `reads_only` it answers "whose data did this account see, and when"."""
    clauses: list[str] = ["true"]
    values: dict[str, object] = {}
    if since is not None:
        clauses.append("at >= :since")
        values["since"] = since
    if until is not None:
        clauses.append("at < :until")
        values["until"] = until
    if account is not None:
        clauses.append("actor_id = :account")
        values["account"] = account
    if reads_only:
        clauses.append("action IN ('case.read', 'case.export')")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    with transaction(engine, actor) as connection:
        query = (
            f"SELECT {', '.join(COLUMNS)} FROM org_audit WHERE {' AND '.join(clauses)} ORDER BY id"
        )
        for row in connection.execute(text(query), values):
            writer.writerow(["" if v is None else _cell(v) for v in row])
        record(connection, "audit.export", "audit", account if account is not None else "all")
    return out.getvalue()


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    shown = str(value)
    return "'" + shown if shown[:1] in ("=", "+", "-", "@") else shown  # no spreadsheet formulas
