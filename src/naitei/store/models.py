"""The tables of the case store: a case and the timeline of its events.

Timestamps are stored in UTC without an offset (the same on SQLite and PostgreSQL) and
come back as Japan time. Ids are short random strings, never derived from names.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from naitei.calendar import JST
from naitei.vocabulary import CASE_PURPOSES, EVENT_KINDS, STATUSES

ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"  # lowercase base32
ID_LENGTH = 10

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """A short random id (50 bits), e.g. 'k3v9q2mbxa'."""
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An aware datetime stored as naive UTC; read back in Japan time."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naitei stores aware datetimes only")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)
        utc = value.replace(tzinfo=dt.UTC)
        try:
            return utc.astimezone(JST)
        except OverflowError:  # a damaged row (9999-12-31T23:00 UTC): naitei.store.health
            return utc


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class CaseRow(Base):
    __tablename__ = "cases"
    __table_args__ = (
        CheckConstraint(_in("status", STATUSES), name="status"),
        CheckConstraint(_in("purpose", CASE_PURPOSES), name="purpose"),
        # What the list sorts and filters on (migration 0003).
        Index("ix_cases_list", "created_at", "due_at", "company", "id"),
        Index("ix_cases_due", "due_at", "created_at", "id"),
        Index("ix_cases_purpose_company", "purpose", "company"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    batch_id: Mapped[str | None] = mapped_column(String(32), index=True)
    purpose: Mapped[str] = mapped_column(String(16))
    company: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)
    due_step: Mapped[str | None] = mapped_column(String(32))
    due_title: Mapped[str | None] = mapped_column(String(400))
    due_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)

    events: Mapped[list[EventRow]] = relationship(
        back_populates="case",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(EventRow.at, EventRow.seq)",
    )


class EventRow(Base):
    __tablename__ = "events"
    __table_args__ = (
        CheckConstraint(_in("kind", EVENT_KINDS), name="kind"),
        Index("ix_events_timeline", "case_id", "at", "seq"),
        UniqueConstraint("case_id", "seq"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str | None] = mapped_column(String(16))
    with_whom: Mapped[str | None] = mapped_column(String(200))
    said: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(255))  # a sent email (emailed)
    # The moment the event names (migration 0005): when the recruiter will be back, the day
    # of a visit, the day an answer was promised.
    expected_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    # The order of logging within a case (1, 2, 3 …): two events at the same moment keep it.
    seq: Mapped[int] = mapped_column(Integer)

    case: Mapped[CaseRow] = relationship(back_populates="events")


class EditRow(Base):
    """One edit of a saved case: what changed, as [{"field", "before", "after"}, ...]."""

    __tablename__ = "case_edits"
    __table_args__ = (UniqueConstraint("case_id", "seq"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    changes: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


SEND_STATES = ("handing", "sent")


class SendRow(Base):
    """One email of `naitei decline --send`, claimed before it is handed to the SMTP server.

    `handing`: claimed, and handed (or about to be) — the outcome is unknown until `sent`.
    The unique constraint makes the claim: two runs at once cannot both send one company.
    Company and recipient are kept as salted hashes (naitei.store.sends.send_key), not names.
    """

    __tablename__ = "sends"
    __table_args__ = (
        CheckConstraint(_in("state", SEND_STATES), name="state"),
        UniqueConstraint("decline", "company_key", "recipient_key"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    decline: Mapped[str] = mapped_column(String(64))
    company_key: Mapped[str] = mapped_column(String(64))
    recipient_key: Mapped[str] = mapped_column(String(64))
    company_index: Mapped[int] = mapped_column(Integer)
    message_id: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(16))
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
