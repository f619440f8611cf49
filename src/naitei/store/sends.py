"""Decline emails in the case store (`naitei decline --send`). Each use case is one transaction.

The send ledger (table `sends`) guarantees one send per (decline file, company, recipient):
the run claims the row under a unique constraint *before* the message goes to the SMTP server
(state `handing`), and marks it `sent` after the server's 250 — or releases it when the server
refused the message. A run that dies in between leaves `handing`: the outcome is unknown, and
no later run sends it again unless the user asks (naitei.services.outbox).

A company of a decline file *is* a stored case when the case is a decline case (purpose
"decline") of the same applicant (``[applicant].name``, exactly) and the same company
(``name``, exactly), as `naitei case add FILE` stores one case per company. When the file was
added more than once, the case added last is the one. A sent email becomes an `emailed` event
on that case carrying the message's Message-ID, so a rerun knows it was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import delete, select, update

from naitei.case import DeclineCase
from naitei.chars import normalise
from naitei.errors import ExternalError
from naitei.store.engine import Store, log
from naitei.store.models import CaseRow, SendRow, new_id
from naitei.store.repository import CaseRepository
from naitei.store.shapes import clean_text
from naitei.store.status import add_event

_SHORT = 200


def match_decline_cases(store: Store, case: DeclineCase) -> dict[int, str]:
    """The stored case of each company of the file: company index (1-based) → case id."""
    names = [company.name for company in case.companies]
    with store.session(write=False) as session:
        rows = CaseRepository(session).decline_cases(names)
        if len(rows) < len(names):  # written another way (spaces, widths): compare normalised
            rows = CaseRepository(session).decline_cases(None)
        matched: dict[int, str] = {}
        for index, company in enumerate(case.companies, start=1):
            row = next((r for r in rows if _same(r, company.name, case.applicant.name)), None)
            if row is not None:
                matched[index] = row.id
    return matched


def _same(row: CaseRow, company: str, applicant: str) -> bool:
    """The same company and applicant, once both names are normalised (naitei.chars)."""
    stored = row.data.get("applicant") if isinstance(row.data, dict) else None
    return (
        normalise(row.company) == normalise(company)
        and isinstance(stored, dict)
        and isinstance(stored.get("name"), str)
        and normalise(stored["name"]) == normalise(applicant)
    )


def emailed(store: Store, case_ids: Iterable[str]) -> dict[str, set[str | None]]:
    """The Message-IDs of the `emailed` events of each case (None: an email logged by hand)."""
    ids = list(case_ids)
    found: dict[str, set[str | None]] = {case_id: set() for case_id in ids}
    if not ids:
        return found
    with store.session(write=False) as session:
        for event in CaseRepository(session).emailed(ids):
            found[event.case_id].add(event.message_id)
    return found


def record_sent_email(
    store: Store,
    case_id: str,
    message_id: str,
    *,
    at: dt.datetime,
    now: dt.datetime,
    recipient: str,
    note: str,
) -> bool:
    """Add the `emailed` event of a sent email; False when the case already has it."""
    with_whom = clean_text(recipient)[:_SHORT]
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        row = repo.require(case_id, lock=True)
        if any(event.message_id == message_id for event in repo.emailed([case_id])):
            return False
        event = add_event(
            repo,
            row,
            now,
            kind="emailed",
            with_whom=with_whom or None,
            note=clean_text(note),
            message_id=message_id,
            at=at,
        )
        event_id = event.id
    log.info("sent email recorded: event %s on case %s", event_id, case_id)
    return True


@dataclass(frozen=True)
class SendKey:
    """Which send a ledger row stands for: the decline file, the company, the recipient —
    the names normalised and hashed with the decline's id (no name is stored)."""

    decline: str
    company: str
    recipient: str


def send_key(decline: str, company: str, recipient: str) -> SendKey:
    def hashed(value: str) -> str:
        return hashlib.sha256(f"{decline}\x1f{normalise(value)}".encode()).hexdigest()

    return SendKey(decline, hashed(company), hashed(recipient))


Claim = Literal["claimed", "handing", "sent"]


def claim(store: Store, key: SendKey, message_id: str, index: int, now: dt.datetime) -> Claim:
    """Claim one send before it is handed to the server: "claimed" (this run sends it), or the
    state of the row another run (or an earlier one) left: "sent", or "handing" (its outcome
    unknown: interrupted, or being sent right now by another run)."""
    row = SendRow(
        id=new_id(),
        decline=key.decline,
        company_key=key.company,
        recipient_key=key.recipient,
        company_index=index,
        message_id=message_id,
        state="handing",
        claimed_at=now,
        updated_at=now,
    )
    try:
        with store.session(write=True) as session:
            session.add(row)
            session.flush()
    except ExternalError:
        existing = _state(store, key)
        if existing is None:
            raise
        return existing
    log.info("send claimed: company %d", index)
    return "claimed"


def _state(store: Store, key: SendKey) -> Literal["handing", "sent"] | None:
    with store.session(write=False) as session:
        state = session.scalar(select(SendRow.state).where(*_matches(key)))
    return "sent" if state == "sent" else ("handing" if state == "handing" else None)


def _matches(key: SendKey) -> tuple[Any, ...]:
    return (
        SendRow.decline == key.decline,
        SendRow.company_key == key.company,
        SendRow.recipient_key == key.recipient,
    )


def reclaim(store: Store, key: SendKey, now: dt.datetime) -> None:
    """Hand an unknown send to the server again (the user asked to resend it)."""
    with store.session(write=True) as session:
        session.execute(
            update(SendRow).where(*_matches(key)).values(claimed_at=now, updated_at=now)
        )


def mark_sent(store: Store, key: SendKey, now: dt.datetime) -> None:
    with store.session(write=True) as session:
        session.execute(update(SendRow).where(*_matches(key)).values(state="sent", updated_at=now))


def release(store: Store, key: SendKey) -> None:
    """The server refused the message: it was not delivered, the claim goes."""
    with store.session(write=True) as session:
        session.execute(delete(SendRow).where(*_matches(key)))


def ledger_states(store: Store, keys: dict[int, SendKey]) -> dict[int, str]:
    """The ledger's state of each company (index → "handing" or "sent"; absent: not claimed)."""
    declines = {key.decline for key in keys.values()}
    if not declines:
        return {}
    with store.session(write=False) as session:
        rows = session.execute(
            select(SendRow.company_key, SendRow.recipient_key, SendRow.state).where(
                SendRow.decline.in_(declines)
            )
        ).all()
    states = {(company, recipient): state for company, recipient, state in rows}
    found = {index: states.get((key.company, key.recipient)) for index, key in keys.items()}
    return {index: state for index, state in found.items() if state is not None}
