"""Queued mail of organisation mode (sign-in links, invitations, reminders): one row per
message in org_outbox, delivered by the worker at most once.

`deliver` claims a row (queued → sending) and commits before it talks to the SMTP server, and
marks it sent afterwards; the body (which may hold a sign-in link) is blanked once sent. A row
left in `sending` (the worker was killed mid-send) is never sent again: `settle_stalled` marks
it `uncertain` for the admin to look at. A killed worker before the claim loses nothing: the
job is retried (jobs.recover_stalled) or the sweep finds the row still queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, text

from naitei.errors import ExternalError, InputError
from naitei.mail.sending import SmtpSettings
from naitei.org.config import OrgConfig
from naitei.org.db import system_transaction

log = logging.getLogger("naitei.org.outbox")
STALL_MINUTES = 10


def queue(
    connection: Connection,
    kind: str,
    recipient_id: int | None,
    to_address: str,
    subject: str,
    body: str,
) -> int:
    return int(
        connection.execute(
            text(
                "INSERT INTO org_outbox (kind, recipient_id, to_address, subject, body)"
                " VALUES (:k, :r, :t, :s, :b) RETURNING id"
            ),
            {"k": kind, "r": recipient_id, "t": to_address, "s": subject, "b": body},
        ).scalar_one()
    )


def deliver(engine: Engine, config: OrgConfig, outbox_id: int) -> str:
    """Send one queued message; returns its final status ('sent', 'failed', or the status it
    already had when another worker or an earlier run took it)."""
    from naitei.export.eml import build_message, to_bytes
    from naitei.mail.sending import Mailer, SendFailure

    claimed = _system_rows(
        engine,
        "UPDATE org_outbox SET status = 'sending', claimed_at = now()"
        " WHERE id = :i AND status = 'queued' RETURNING to_address, subject, body",
        {"i": outbox_id},
    )
    if not claimed:
        return _status(engine, outbox_id)
    row = claimed[0]
    status = "sent"
    try:
        message = build_message(
            subject=row[1], body=row[2], to_address=row[0], from_address=config.mail_from,
            date=datetime.now(UTC), seed=f"naitei-org-outbox-{outbox_id}-{config.base_url}",
        )  # fmt: skip
        with Mailer(_smtp(config)) as mailer:
            mailer.send(config.mail_from, row[0], to_bytes(message), message["Message-ID"])
    except SendFailure as failure:
        if failure.delivered is None:
            status = "uncertain"  # the server may have it: never resent
        else:
            status = "failed" if failure.permanent else "queued"
    except InputError:
        status = "failed"  # an address or text that no server will take: never retried
    except ExternalError:
        status = "queued"  # no connection, nothing handed over: the sweep tries again
    with system_transaction(engine) as connection:
        connection.execute(
            text(
                "UPDATE org_outbox SET status = :s,"
                " sent_at = CASE WHEN :s = 'sent' THEN now() END,"
                " body = CASE WHEN :s = 'sent' THEN '' ELSE body END WHERE id = :i"
            ),
            {"s": status, "i": outbox_id},
        )
    log.info("outbox %d %s", outbox_id, status)  # ids only: no address, no subject
    return status


def _status(engine: Engine, outbox_id: int) -> str:
    rows = _system_rows(engine, "SELECT status FROM org_outbox WHERE id = :i", {"i": outbox_id})
    return str(rows[0][0]) if rows else "missing"


def _system_rows(engine: Engine, sql: str, values: dict[str, Any]) -> list[Any]:
    """One statement in a system transaction of its own: its rows (a write's RETURNING ones)."""
    with system_transaction(engine) as connection:
        return list(connection.execute(text(sql), values))


def _smtp(config: OrgConfig) -> SmtpSettings:
    return SmtpSettings(
        host=config.smtp_host,
        port=config.smtp_port,
        security="starttls" if config.smtp_starttls else "none",
        user=config.smtp_user,
        from_address=config.mail_from,
        password=config.smtp_password,
    )


def pending(engine: Engine, older_than_seconds: int = 0) -> list[int]:
    """Queued rows (the sweep delivers those whose job was lost)."""
    rows = _system_rows(
        engine,
        "SELECT id FROM org_outbox WHERE status = 'queued'"
        " AND created_at <= now() - make_interval(secs => :s) ORDER BY id LIMIT 500",
        {"s": older_than_seconds},
    )
    return [int(r[0]) for r in rows]


def settle_stalled(engine: Engine, minutes: int = STALL_MINUTES) -> int:
    """Rows claimed but never confirmed: `uncertain`, never resent (at most once)."""
    with system_transaction(engine) as connection:
        return connection.execute(
            text(
                "UPDATE org_outbox SET status = 'uncertain' WHERE status = 'sending'"
                " AND claimed_at < now() - make_interval(mins => :m)"
            ),
            {"m": minutes},
        ).rowcount


def uncertain(engine: Engine) -> list[tuple[int, str, datetime | None]]:
    """Messages a worker died while sending (id, kind, claimed at): for the admin page. The
    caller checks the role; the outbox is not granted to naitei_app."""
    rows = _system_rows(
        engine,
        "SELECT id, kind, claimed_at FROM org_outbox WHERE status = 'uncertain' ORDER BY id",
        {},
    )
    return [(int(r[0]), str(r[1]), r[2]) for r in rows]


def sweep(
    engine: Engine,
    select: str,
    values: dict[str, Any],
    tell: Callable[[Connection, Any], int | None],
) -> list[int]:
    """A worker's sweep that turns rows into mail, each told once: `select` locks the due rows
    (FOR UPDATE SKIP LOCKED); `tell` queues a message for one (its outbox id, or None) and marks
    it in the same transaction. Returns the outbox ids queued."""
    queued: list[int] = []
    with system_transaction(engine) as connection:
        for row in connection.execute(text(select), values).all():
            outbox_id = tell(connection, row)
            if outbox_id is not None:
                queued.append(outbox_id)
    return queued
