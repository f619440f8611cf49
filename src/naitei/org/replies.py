"""Reply polling for organisation mode (issues 18, 19): the worker's `poll_replies` job reads the
service's own mailbox (`[imap]` in the config, password from NAITEI_ORG_IMAP_PASSWORD) with the
answer stage's IMAP client (certificates always verified, the folder opened read-only, nothing
marked as read) and hands each company's reply to `service.ingest_reply`.

What is read: only messages whose In-Reply-To or References names a Message-ID of one of the
service's own sends (an IMAP SEARCH on the server); no other message is fetched, stored or
logged. Each reply is recorded at most once: its key (Message-ID, or mailbox, UIDVALIDITY and
UID) goes into service_inbox in the transaction that records it, so a restarted worker or a
second one never records it twice. A dropped connection or a refused sign-in is logged (with
ids only), nothing half-recorded, and the next run tries again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from sqlalchemy import Engine, text

from naitei.org import service
from naitei.org.config import OrgConfig
from naitei.org.db import system_transaction

log = logging.getLogger("naitei.org.replies")
MESSAGE_LIMIT = 262_144  # bytes of one reply read (headers and the start of the body)
MAX_MESSAGES = 200  # new replies handled in one run; the rest in the next
WATCH_DAYS = 180  # sends whose replies are looked for
SEARCH_CHUNK = 50  # sends asked about in one SEARCH (about 7 KB of command)


@dataclass
class PollResult:
    """What one run did: status is off (no [imap]), idle (nothing sent to look for), done,
    unreachable, refused (sign-in) or interrupted (connection lost while reading)."""

    status: str
    recorded: list[tuple[int, int]] = field(default_factory=list)  # (request, position)
    looked_at: int = 0


def watched_ids(engine: Engine) -> list[str]:
    """The Message-IDs of the service's sends that a reply may answer."""
    with system_transaction(engine) as connection:
        rows = connection.execute(
            text(
                "SELECT message_id FROM service_sends WHERE status IN ('sent', 'uncertain')"
                " AND coalesce(sent_at, claimed_at, created_at)"
                "   > now() - make_interval(days => :d) ORDER BY id"
            ),
            {"d": WATCH_DAYS},
        ).scalars()
        return [str(m) for m in rows if m]


def poll(engine: Engine, config: OrgConfig) -> PollResult:
    """One run of the job: every new reply to a send of the service recorded once."""
    from imapclient.exceptions import IMAPClientError

    from naitei.errors import ExternalError
    from naitei.mail.replies import ImapSettings, LoginRefused, _close, connect

    imap = config.imap
    if imap is None:
        return PollResult("off")
    # imapclient logs the whole conversation (mail included) at DEBUG: never, whatever
    # log_level the deployment runs at.
    logging.getLogger("imapclient").setLevel(logging.WARNING)
    ids = watched_ids(engine)
    if not ids:
        return PollResult("idle")
    settings = ImapSettings(
        host=imap.host,
        port=imap.port,
        security=imap.security,
        user=imap.user,
        folder=imap.folder,
        password=imap.password,
        cafile=imap.cafile,
    )
    try:
        client = connect(settings)
    except LoginRefused:
        log.warning("reply poll: sign-in refused by the mailbox; nothing recorded, retried later")
        return PollResult("refused")
    except ExternalError:
        log.warning("reply poll: mailbox unreachable; nothing recorded, retried later")
        return PollResult("unreachable")
    result = PollResult("done")
    try:
        _read(engine, client, imap.user, imap.folder, ids, result)
    except (TimeoutError, OSError, IMAPClientError) as error:
        result.status = "interrupted"
        log.warning(
            "reply poll: connection lost (%s) after %d replies; the rest retried later",
            type(error).__name__,
            len(result.recorded),
        )
    finally:
        _close(client)
    return result


def _read(
    engine: Engine, client: Any, user: str, folder: str, ids: list[str], result: PollResult
) -> None:
    selected = client.select_folder(folder, readonly=True)
    uidvalidity = int(selected.get(b"UIDVALIDITY", 0))
    mailbox = f"{user}/{folder}"
    found: set[int] = set()
    for start in range(0, len(ids), SEARCH_CHUNK):
        found.update(client.search(_answering(ids[start : start + SEARCH_CHUNK])))
    with system_transaction(engine) as connection:
        done = set(
            connection.execute(
                text("SELECT uid FROM service_inbox WHERE mailbox = :m AND uidvalidity = :v"),
                {"m": mailbox, "v": uidvalidity},
            ).scalars()
        )
    fresh = sorted(found - done)[:MAX_MESSAGES]
    part = f"BODY.PEEK[]<0.{MESSAGE_LIMIT}>".encode()
    for uid in fresh:
        item = client.fetch([uid], [part]).get(uid, {})
        raw = next((v for k, v in item.items() if k.startswith(b"BODY[")), b"") or b""
        result.looked_at += 1
        key = _reply_key(raw) or f"{mailbox}:{uidvalidity}:{uid}"
        recorded = service.ingest_reply(engine, raw, seen=(key, mailbox, uidvalidity, uid))
        if recorded is not None:
            request, position, _outcome = recorded
            result.recorded.append((request, position))
            log.info("reply poll: reply recorded for request %d company %d", request, position)


def _answering(ids: list[str]) -> list[str]:
    """One IMAP SEARCH for messages whose In-Reply-To or References names any of `ids`: the
    keys joined by prefix ORs (OR k1 OR k2 k3), one round trip per SEARCH_CHUNK sends."""
    keys = [["HEADER", header, m] for m in ids for header in ("In-Reply-To", "References")]
    tokens: list[str] = []
    for key in keys[:-1]:
        tokens += ["OR", *key]
    return tokens + keys[-1]


def _reply_key(raw: bytes) -> str:
    """The reply's own Message-ID, as sent (angle brackets kept), or ''."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw[:65_536], headersonly=True)
    found = re.findall(r"<[^<>\s]+>", str(headers.get("Message-ID", "")))
    return found[0][:255] if found else ""
