"""The export file: every case and event as JSON, with a format name and version.

``{"format": "naitei-cases", "version": 1, "exported_at": ..., "cases": [...]}``; each case
carries its case file (as data), its plan, its status, what is due and its events. The same
file goes back in with `naitei case import`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    Field,
    ValidationError,
    model_validator,
)

from naitei.errors import CaseError, Problem
from naitei.store.models import CaseRow, EventRow
from naitei.store.shapes import (
    Id,
    Long,
    MessageId,
    Moment,
    Short,
    StepId,
    Strict,
    Title,
    place,
    valid_plan,
)
from naitei.store.views import EventView
from naitei.timeline import outcome_problem
from naitei.validation import validation_message
from naitei.vocabulary import EventKind, Status

FORMAT = "naitei-cases"
VERSION = 1
MAX_CASES = 100_000
MAX_EVENTS = 10_000  # per case


class ImportEvent(Strict):
    id: Id
    kind: EventKind
    outcome: str | None = None
    with_whom: Short | None = Field(default=None, alias="with")
    said: Long | None = None
    note: Long | None = None
    message_id: MessageId | None = None
    expected_at: Moment | None = None
    at: Moment
    created_at: Moment
    seq: int | None = Field(default=None, ge=1)  # the exported order; numbers are given anew

    @model_validator(mode="after")
    def _outcome_fits(self) -> ImportEvent:
        problem = outcome_problem(self.kind, self.outcome)
        if problem:
            raise ValueError(problem)
        return self


class ImportDue(Strict):
    step: StepId
    title: Title
    at: Moment | None = None


class ImportCase(Strict):
    id: Id
    batch_id: Id | None = None
    purpose: Literal["withdraw", "decline"]
    company: Short
    status: Status
    case: dict[str, Any]
    plan: Annotated[dict[str, Any], AfterValidator(lambda plan: valid_plan(plan))]
    next_due: ImportDue | None = None
    created_at: Moment
    updated_at: Moment
    events: Annotated[list[ImportEvent], Field(max_length=MAX_EVENTS, default_factory=list)]


class ImportFile(Strict):
    format: Literal["naitei-cases"]
    version: Literal[1]
    exported_at: Moment
    cases: Annotated[list[ImportCase], Field(max_length=MAX_CASES)]


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


def unimportable(export: dict[str, Any]) -> list[tuple[str, str]]:
    """(case id, the first problem) of every case of an export that an import would refuse:
    a damaged row is exported as stored, so nothing is lost, and the user is told."""
    found = []
    for case in export.get("cases", []):
        try:
            ImportCase.model_validate(case)
        except ValidationError as error:
            item = error.errors(include_url=False)[0]
            loc = tuple(item["loc"])
            found.append(
                (str(case.get("id")), f"{place(loc)}: {validation_message(item, ImportCase, loc)}")
            )
    return found


def parse_import(data: Any, source: str) -> ImportFile:
    """Validate an export file; every problem names its place (cases[2].events[0].kind)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseError(
            source, [Problem(None, "naitei case export で書き出したファイルではありません")]
        )
    if isinstance(data, dict) and data.get("version") != VERSION:
        version = data.get("version")
        raise CaseError(source, [Problem(None, f"version {version!r} は読めません（1 のみ対応）")])
    try:
        return ImportFile.model_validate(data)
    except ValidationError as error:
        problems = [
            Problem(place(item["loc"]), validation_message(item, ImportFile, tuple(item["loc"])))
            for item in error.errors(include_url=False)
        ]
        raise CaseError(source, problems) from None


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


def event_row(case_id: str, item: ImportEvent, seq: int) -> EventRow:
    """The event stored as it was exported: its fields are the row's columns; its case and its
    place in the timeline are given anew."""
    return EventRow(**item.model_dump(exclude={"seq"}), case_id=case_id, seq=seq)
