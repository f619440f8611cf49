"""Decline emails in the case store (`naitei decline --send`). Each use case is one transaction.

A company of a decline file *is* a stored case when the case is a decline case (purpose
"decline") of the same applicant (``[applicant].name``, exactly) and the same company
(``name``, exactly), as `naitei case add FILE` stores one case per company. When the file was
added more than once, the case added last is the one. A sent email becomes an `emailed` event
on that case carrying the message's Message-ID, so a rerun knows it was sent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from naitei.case import DeclineCase
from naitei.store.engine import Store, log
from naitei.store.models import CaseRow, EventRow, new_id
from naitei.store.repository import CaseRepository
from naitei.store.services import refresh
from naitei.store.transfer import clean_text

_SHORT = 200


def match_decline_cases(store: Store, case: DeclineCase) -> dict[int, str]:
    """The stored case of each company of the file: company index (1-based) → case id."""
    names = [company.name for company in case.companies]
    with store.session(write=False) as session:
        rows = CaseRepository(session).decline_cases(names)
        matched: dict[int, str] = {}
        for index, company in enumerate(case.companies, start=1):
            row = next((r for r in rows if _same(r, company.name, case.applicant.name)), None)
            if row is not None:
                matched[index] = row.id
    return matched


def _same(row: CaseRow, company: str, applicant: str) -> bool:
    stored = row.data.get("applicant")
    return row.company == company and isinstance(stored, dict) and stored.get("name") == applicant


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
        event = EventRow(
            id=new_id(),
            case_id=row.id,
            kind="emailed",
            with_whom=with_whom or None,
            note=clean_text(note),
            message_id=message_id,
            at=at,
            created_at=now,
        )
        repo.add(event)
        refresh(row, list(repo.events(row.id)))
        row.updated_at = now
        event_id = event.id
    log.info("sent email recorded: event %s on case %s", event_id, case_id)
    return True
