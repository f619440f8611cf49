"""What the use cases hand back: plain values built from rows inside the transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, cast

from naitei.labels import label
from naitei.plan import Plan
from naitei.shape import Shaped, meta
from naitei.store.health import describe, moment_ok, summary_problems
from naitei.store.models import CaseRow, EventRow
from naitei.vocabulary import EventKind


@dataclass(frozen=True)
class EventView(Shaped):
    id: str
    case_id: str = field(metadata=meta(hidden=True))
    kind: EventKind
    outcome: str | None
    with_whom: str | None = field(metadata=meta(key="with"))
    said: str | None
    note: str | None
    message_id: str | None = None  # the Message-ID of an email naitei sent
    expected_at: dt.datetime | None = None  # a callback time, a visit, a promised answer
    at: dt.datetime = field(kw_only=True)
    created_at: dt.datetime = field(kw_only=True)
    seq: int = field(  # the order of logging within the case
        default=0, metadata=meta(doc="ケースの中で記録した順番（同じ日時の出来事はこの順）")
    )

    @classmethod
    def of(cls, row: EventRow) -> EventView:
        return cls(
            id=row.id,
            case_id=row.case_id,
            kind=cast(EventKind, row.kind),
            outcome=row.outcome,
            with_whom=row.with_whom,
            said=row.said,
            note=row.note,
            at=row.at,
            created_at=row.created_at,
            message_id=row.message_id,
            expected_at=row.expected_at,
            seq=row.seq,
        )

    @property
    def label(self) -> str:
        """電話（担当者が不在）"""
        kind = label("event", self.kind)
        return f"{kind}（{label('outcome', self.outcome)}）" if self.outcome else kind


@dataclass(frozen=True)
class CaseSummary(Shaped):
    id: str
    company: str
    status: str
    status_label: str = field(init=False)
    next_due: dt.datetime | None
    next_step: str | None
    next_title: str | None
    purpose: str
    batch_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    problem: str | None = field(  # what is wrong with a damaged row (naitei.store.health)
        default=None,
        metadata=meta(doc="記録の一部が読めないとき、その理由と削除の方法（ふだんは null）"),
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "status_label", label("case_status", self.status))

    @classmethod
    def of(cls, row: CaseRow) -> CaseSummary:
        """The row as the list shows it; a damaged one keeps its place and says why."""
        problems = summary_problems(row)
        return cls(
            id=row.id,
            company=row.company,
            status=row.status,
            next_due=row.due_at if moment_ok(row.due_at) else None,
            next_step=row.due_step,
            next_title=row.due_title,
            purpose=row.purpose,
            batch_id=row.batch_id,
            created_at=row.created_at,
            updated_at=row.updated_at,
            problem=describe(row.id, problems),
        )


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
class CaseDetail(Shaped):
    """One case with its events: the summary's keys (its problem replaced by the case's
    own, which adds those of the plan, file and events), the case file, plan and events."""

    summary: CaseSummary = field(metadata=meta(inline=True))
    problem: str | None = field(default=None, kw_only=True)
    data: dict[str, Any] = field(metadata=meta(key="case", doc="ケースファイル（CONTRACTS §1）"))
    plan: dict[str, Any] = field(metadata=meta(schema=Plan))  # as stored: a Plan's JSON object
    events: list[EventView] = field(default_factory=list)


@dataclass(frozen=True)
class Logged(Shaped):
    """An event just logged and its case's summary after it (``case log --json``, the API)."""

    event: EventView
    case: CaseSummary


@dataclass(frozen=True)
class Imported(Shaped):
    """What ``case import`` did: cases and events added, cases found already as they were."""

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
