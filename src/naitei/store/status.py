"""A stored case's status and what is due, computed from its events (naitei.timeline).

Used by every use case that writes events, and by the send ledger (naitei.store.sends).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.case import Case, Company, DeclineCase, parse_case
from naitei.plan import calendar_for
from naitei.store.health import require_usable
from naitei.store.models import CaseRow, EventRow, new_id
from naitei.store.repository import CaseRepository
from naitei.timeline import EventFacts, State, initial_state, replay


def company_of(case: Case) -> Company:
    return case.companies[0] if isinstance(case, DeclineCase) else case.company


def set_state(row: CaseRow, state: State) -> None:
    row.status = state.status
    row.due_step = state.due.step if state.due else None
    row.due_title = state.due.title if state.due else None
    row.due_at = state.due.at if state.due else None


def refresh(row: CaseRow, events: list[EventRow]) -> None:
    """Recompute the status and what is due from the whole timeline (DamagedCaseError when
    the stored record cannot be computed on)."""
    require_usable(row, events)
    case = parse_case(row.data, f"case {row.id}", wording=False)
    calendar = calendar_for(company_of(case))
    facts = [EventFacts(event.kind, event.outcome, event.at, event.expected_at) for event in events]
    set_state(row, replay(initial_state(row.plan), facts, row.purpose, calendar))


def add_event(repo: CaseRepository, row: CaseRow, now: dt.datetime, **fields: Any) -> EventRow:
    """A new event on a case (numbered after its last), the case's status and what is due
    recomputed from the whole timeline, inside the caller's transaction."""
    event = EventRow(
        id=new_id(), case_id=row.id, created_at=now, seq=repo.next_seq(row.id), **fields
    )
    repo.add(event)
    refresh(row, list(repo.events(row.id)))
    row.updated_at = now
    return event
