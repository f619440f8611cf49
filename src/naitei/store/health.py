"""What is wrong with a stored row, for the readers of the store.

Rows are written by naitei's own use cases and by imports, both validated; but a database can
hold rows that an older naitei imported without validation (a due time in the year 9999,
`plan: {}`) or that someone wrote by hand. Every reader goes through here, so that one bad case
never hides the others: the list shows it with what is wrong and how to delete it, the case
page shows what can be read, and `delete` always works.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.case import parse_case
from naitei.errors import CaseError, InputError
from naitei.store.models import CaseRow, EventRow
from naitei.store.shapes import in_calendar, one_line, plan_problems

_SHOWN = 3  # problems named in a message; the rest are counted


class DamagedCaseError(InputError):
    """A stored case whose record cannot be used for this (logging an event, the kit)."""


def fine(value: Any, check: Any) -> bool:
    try:
        check(value)
    except (ValueError, TypeError, OverflowError):
        return False
    return True


def moment_ok(value: dt.datetime | None) -> bool:
    return value is None or fine(value, in_calendar)


def summary_problems(row: CaseRow) -> list[str]:
    """The problems of the columns the case list shows (cheap: no parsing of the case file)."""
    problems = []
    for name in ("due_at", "created_at", "updated_at"):
        if not moment_ok(getattr(row, name)):
            problems.append(f"{name}: 2000年から2099年までの日時ではありません")
    for name in ("company", "due_title"):
        value = getattr(row, name)
        if value is not None and not fine(value, one_line):
            problems.append(f"{name}: 使えない文字があります")
    return problems


def data_problems(row: CaseRow) -> list[str]:
    if not isinstance(row.data, dict):
        return ["case: ケースファイルの形ではありません"]
    try:
        parse_case(row.data, "case")
    except CaseError as error:
        return error.lines()[:_SHOWN]
    return []


def event_problems(events: list[EventRow]) -> list[str]:
    return [
        f"events[{index}].at: 2000年から2099年までの日時ではありません"
        for index, event in enumerate(events)
        if not moment_ok(event.at) or not moment_ok(event.created_at)
    ]


def readable_plan(row: CaseRow) -> tuple[dict[str, Any], list[str]]:
    """The stored plan, or an empty one (made when the case was added) when it is damaged."""
    problems = plan_problems(row.plan)
    if not problems:
        return row.plan, []
    made = row.created_at if moment_ok(row.created_at) else None
    empty = {"now": made.isoformat() if made else "2000-01-01T00:00:00+09:00", "steps": []}
    return empty, [f"plan.{problem}" for problem in problems[:_SHOWN]]


def describe(case_id: str, problems: list[str]) -> str | None:
    """What the user is told about a damaged case (None when nothing is wrong)."""
    if not problems:
        return None
    shown = "; ".join(problems[:_SHOWN])
    more = f" ほか {len(problems) - _SHOWN} 件" if len(problems) > _SHOWN else ""
    return (
        f"このケースの記録の一部が読めません（{shown}{more}）。古い版の naitei で取り込んだか、"
        f"データベースが直接書き換えられた可能性があります。naitei case delete {case_id} で"
        "削除できます（画面ではケースのページの「削除」）。"
    )


def require_usable(row: CaseRow, events: list[EventRow]) -> None:
    """Refuse to compute on a damaged case (the status and what is due come from the whole
    record); the user is told what is wrong and how to delete it."""
    problems = data_problems(row) + readable_plan(row)[1] + event_problems(events)
    message = describe(row.id, problems)
    if message:
        raise DamagedCaseError(message)
