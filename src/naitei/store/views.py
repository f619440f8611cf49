"""What the use cases hand back: plain values built from rows inside the transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from naitei.labels import label
from naitei.store.health import describe, moment_ok, summary_problems
from naitei.store.models import CaseRow, EventRow


@dataclass(frozen=True)
class EventView:
    id: str
    case_id: str
    kind: str
    outcome: str | None
    with_whom: str | None
    said: str | None
    note: str | None
    at: dt.datetime
    created_at: dt.datetime
    message_id: str | None = None  # the Message-ID of an email naitei sent
    expected_at: dt.datetime | None = None  # a callback time, a visit, a promised answer
    seq: int = 0  # the order of logging within the case

    @classmethod
    def of(cls, row: EventRow) -> EventView:
        return cls(
            row.id,
            row.case_id,
            row.kind,
            row.outcome,
            row.with_whom,
            row.said,
            row.note,
            row.at,
            row.created_at,
            row.message_id,
            row.expected_at,
            row.seq,
        )

    @property
    def label(self) -> str:
        """電話（担当者が不在）"""
        kind = label("event", self.kind)
        return f"{kind}（{label('outcome', self.outcome)}）" if self.outcome else kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "outcome": self.outcome,
            "with": self.with_whom,
            "said": self.said,
            "note": self.note,
            "message_id": self.message_id,
            "expected_at": self.expected_at.isoformat() if self.expected_at else None,
            "at": self.at.isoformat(),
            "created_at": self.created_at.isoformat(),
            "seq": self.seq,
        }


@dataclass(frozen=True)
class CaseSummary:
    id: str
    batch_id: str | None
    purpose: str
    company: str
    status: str
    next_step: str | None
    next_title: str | None
    next_due: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    problem: str | None = None  # what is wrong with a damaged row (naitei.store.health)

    @classmethod
    def of(cls, row: CaseRow) -> CaseSummary:
        """The row as the list shows it; a damaged one keeps its place and says why."""
        problems = summary_problems(row)
        due_at = row.due_at if moment_ok(row.due_at) else None
        return cls(
            row.id,
            row.batch_id,
            row.purpose,
            row.company,
            row.status,
            row.due_step,
            row.due_title,
            due_at,
            row.created_at,
            row.updated_at,
            describe(row.id, problems),
        )

    @property
    def status_label(self) -> str:
        return label("case_status", self.status)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "company": self.company,
            "status": self.status,
            "status_label": self.status_label,
            "next_due": self.next_due.isoformat() if self.next_due else None,
            "next_step": self.next_step,
            "next_title": self.next_title,
            "purpose": self.purpose,
            "batch_id": self.batch_id,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
            "problem": self.problem,
        }


@dataclass(frozen=True)
class CasePage:
    """One page of the case list: its cases, the number of cases in all, where it starts."""

    cases: list[CaseSummary]
    total: int
    offset: int
    limit: int

    @property
    def first(self) -> int:
        """The 1-based position of the first case shown (0 when the page is empty)."""
        return self.offset + 1 if self.cases else 0

    @property
    def last(self) -> int:
        return self.offset + len(self.cases)

    @property
    def has_next(self) -> bool:
        return self.offset + self.limit < self.total


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    data: dict[str, Any]
    plan: dict[str, Any]
    events: list[EventView] = field(default_factory=list)
    problem: str | None = None  # the summary's problems and those of the plan, file and events

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary.to_dict(),
            "problem": self.problem,
            "case": self.data,
            "plan": self.plan,
            "events": [event.to_dict() for event in self.events],
        }


@dataclass(frozen=True)
class Logged:
    event: EventView
    case: CaseSummary


@dataclass(frozen=True)
class Imported:
    cases_added: int
    events_added: int
    unchanged: int


@dataclass(frozen=True)
class Deleted:
    case_id: str
    events: int
    wal_cleared: bool | None  # None on PostgreSQL (no WAL file of ours to clear)

    @property
    def erasure(self) -> str | None:
        """ "complete", "pending" (done as soon as a reader ends) or None (PostgreSQL)."""
        if self.wal_cleared is None:
            return None
        return "complete" if self.wal_cleared else "pending"
