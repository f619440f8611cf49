"""Reading and writing rows inside a transaction someone else owns (it never commits)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, delete, func, select
from sqlalchemy.orm import Session, defer

from naitei.errors import NotFoundError
from naitei.store.models import CaseRow, EditRow, EventRow

LIST_ORDER = (CaseRow.created_at, CaseRow.due_at, CaseRow.company, CaseRow.id)


def list_query(offset: int, limit: int | None) -> Select[CaseRow]:
    query = (
        select(CaseRow)
        .options(defer(CaseRow.data), defer(CaseRow.plan))
        .order_by(*LIST_ORDER)
        .offset(offset)
    )
    return query.limit(limit) if limit is not None else query


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: CaseRow | EventRow | EditRow) -> None:
        self.session.add(row)
        self.session.flush()

    def get(self, case_id: str) -> CaseRow | None:
        return self.session.get(CaseRow, case_id)

    def require(self, case_id: str, *, lock: bool = False) -> CaseRow:
        """The case, or InputError; `lock` holds its row until the transaction ends
        (PostgreSQL; on SQLite the write transaction already holds the database lock)."""
        row = self.session.get(CaseRow, case_id, with_for_update=lock)
        if row is None:
            raise NotFoundError(
                f"ケースが見つかりません: {case_id}（naitei case list で ID を確かめてください）"
            )
        return row

    def all(self) -> Sequence[CaseRow]:
        return self.session.scalars(select(CaseRow).order_by(*LIST_ORDER)).all()

    def page(self, offset: int, limit: int | None) -> Sequence[CaseRow]:
        """One page of the list, without the case files and plans (the list does not show
        them): read along ix_cases_list."""
        return self.session.scalars(list_query(offset, limit)).all()

    def count(self) -> int:
        return int(self.session.scalar(select(func.count()).select_from(CaseRow)) or 0)

    def due(self, *, summaries: bool = False) -> Sequence[CaseRow]:
        query = (
            select(CaseRow)
            .where(CaseRow.due_at.is_not(None))
            .order_by(CaseRow.due_at, CaseRow.created_at, CaseRow.id)
        )
        if summaries:
            query = query.options(defer(CaseRow.data), defer(CaseRow.plan))
        return self.session.scalars(query).all()

    def events(self, case_id: str) -> Sequence[EventRow]:
        query = (
            select(EventRow).where(EventRow.case_id == case_id).order_by(EventRow.at, EventRow.seq)
        )
        return self.session.scalars(query).all()

    def next_seq(self, case_id: str, table: type[EventRow] | type[EditRow] = EventRow) -> int:
        """The next number of a case's events (or edits): call it with the case row locked."""
        query = select(func.max(table.seq)).where(table.case_id == case_id)
        return int(self.session.scalar(query) or 0) + 1

    def edits(self, case_id: str) -> Sequence[EditRow]:
        query = select(EditRow).where(EditRow.case_id == case_id).order_by(EditRow.seq)
        return self.session.scalars(query).all()

    def event_ids(self) -> set[str]:
        return set(self.session.scalars(select(EventRow.id)).all())

    def count_events(self, case_id: str) -> int:
        query = select(func.count()).select_from(EventRow).where(EventRow.case_id == case_id)
        return int(self.session.scalar(query) or 0)

    def delete(self, row: CaseRow) -> int:
        """Remove a case and its events; the number of events removed."""
        removed = self.session.execute(delete(EventRow).where(EventRow.case_id == row.id))
        self.session.execute(delete(EditRow).where(EditRow.case_id == row.id))
        self.session.delete(row)
        self.session.flush()
        return int(getattr(removed, "rowcount", 0) or 0)

    def decline_cases(self, companies: Sequence[str] | None) -> Sequence[CaseRow]:
        """Stored decline cases of these companies (None: of every company), newest first."""
        query = (
            select(CaseRow)
            .where(CaseRow.purpose == "decline")
            .order_by(CaseRow.created_at.desc(), CaseRow.id)
        )
        if companies is not None:
            query = query.where(CaseRow.company.in_(list(companies)))
        return self.session.scalars(query).all()

    def emailed(self, case_ids: Sequence[str]) -> Sequence[EventRow]:
        """The `emailed` events of these cases."""
        query = select(EventRow).where(
            EventRow.case_id.in_(list(case_ids)), EventRow.kind == "emailed"
        )
        return self.session.scalars(query).all()
