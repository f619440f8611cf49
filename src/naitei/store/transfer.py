"""The export file: every case and event as JSON, with a format name and version.

``{"format": "naitei-cases", "version": 1, "exported_at": ..., "cases": [...]}``; each case
carries its case file (as data), its plan, its status, what is due and its events. The same
file goes back in with `naitei case import`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from naitei.errors import InputError
from naitei.store.models import CaseRow, EventRow
from naitei.store.rules import outcome_problem
from naitei.store.views import EventView
from naitei.validation import validation_message

FORMAT = "naitei-cases"
VERSION = 1
# Lone surrogates too (from JSON, or undecodable bytes on the command line).
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\u2028\u2029\u0085\ud800-\udfff]")


def clean_text(value: str) -> str:
    """Free text as stored: newlines allowed, other control characters (and NUL) not."""
    value = value.replace("\r\n", "\n")
    if _CONTROL.search(value):
        raise ValueError("制御文字は使えません")
    return value


Id = Annotated[str, Field(pattern=r"^[a-z0-9]{4,32}$")]
Short = Annotated[str, AfterValidator(clean_text), Field(max_length=200)]
Long = Annotated[str, AfterValidator(clean_text), Field(max_length=4000)]
MessageId = Annotated[str, Field(pattern=r"^<[\x21-\x7e]{1,253}>$")]
EventKind = Literal["called", "emailed", "visited", "letter_sent", "answered", "note"]
Status = Literal["preparing", "contacting", "awaiting", "accepted", "refused", "declined"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class ImportEvent(_Strict):
    id: Id
    kind: EventKind
    outcome: str | None = None
    with_whom: Short | None = Field(default=None, alias="with")
    said: Long | None = None
    note: Long | None = None
    message_id: MessageId | None = None
    at: AwareDatetime
    created_at: AwareDatetime

    @model_validator(mode="after")
    def _outcome_fits(self) -> ImportEvent:
        problem = outcome_problem(self.kind, self.outcome)
        if problem:
            raise ValueError(problem)
        return self


class ImportDue(_Strict):
    step: Annotated[str, Field(max_length=32)]
    title: Annotated[Short, Field(max_length=400)]
    at: AwareDatetime | None = None


class ImportCase(_Strict):
    id: Id
    batch_id: Id | None = None
    purpose: Literal["withdraw", "decline"]
    company: Short
    status: Status
    case: dict[str, Any]
    plan: dict[str, Any]
    next_due: ImportDue | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    events: list[ImportEvent] = []


class ImportFile(_Strict):
    format: Literal["naitei-cases"]
    version: Literal[1]
    exported_at: AwareDatetime
    cases: list[ImportCase]


def export_case(row: CaseRow, events: list[EventRow]) -> dict[str, Any]:
    due = None
    if row.due_step is not None:
        due = {
            "step": row.due_step,
            "title": row.due_title or "",
            "at": row.due_at.isoformat() if row.due_at else None,
        }
    return {
        "id": row.id,
        "batch_id": row.batch_id,
        "purpose": row.purpose,
        "company": row.company,
        "status": row.status,
        "case": row.data,
        "plan": row.plan,
        "next_due": due,
        "created_at": row.created_at.isoformat(),
        "updated_at": row.updated_at.isoformat(),
        "events": [EventView.of(event).to_dict() for event in events],
    }


def export_file(cases: list[dict[str, Any]], now: dt.datetime) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "exported_at": now.isoformat(), "cases": cases}


def parse_import(data: Any, source: str) -> ImportFile:
    """Validate an export file; every problem names its place (cases[2].events[0].kind)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f"{source}: naitei case export で書き出したファイルではありません")
    if isinstance(data, dict) and data.get("version") != VERSION:
        raise InputError(f"{source}: version {data.get('version')!r} は読めません（1 のみ対応）")
    try:
        return ImportFile.model_validate(data)
    except ValidationError as error:
        problems = [
            f"{source}: {_place(item['loc'])}: "
            f"{validation_message(item, ImportFile, tuple(item['loc']))}"
            for item in error.errors(include_url=False)
        ]
        raise InputError("\n".join(problems[:20])) from None


def _place(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(全体)"


def case_row(item: ImportCase) -> CaseRow:
    due = item.next_due
    return CaseRow(
        id=item.id,
        batch_id=item.batch_id,
        purpose=item.purpose,
        company=item.company,
        status=item.status,
        data=item.case,
        plan=item.plan,
        due_step=due.step if due else None,
        due_title=due.title if due else None,
        due_at=due.at if due else None,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


def event_row(case_id: str, item: ImportEvent) -> EventRow:
    return EventRow(
        id=item.id,
        case_id=case_id,
        kind=item.kind,
        outcome=item.outcome,
        with_whom=item.with_whom,
        said=item.said,
        note=item.note,
        message_id=item.message_id,
        at=item.at,
        created_at=item.created_at,
    )
