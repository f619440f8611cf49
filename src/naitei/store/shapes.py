"""The shapes of stored values, shared by the export file (naitei.store.transfer) and the
readers of the store (naitei.store.health): dates naitei can plan with, one-line and free text
without hidden characters, and the plan made when a case was added."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from naitei.calendar import JST
from naitei.case import FIRST_YEAR, LAST_YEAR, check_year
from naitei.chars import hidden_problem
from naitei.validation import validation_message

MAX_STEPS = 50


def clean_text(value: str) -> str:
    """Free text as stored: newlines allowed; control, format and separator characters (and
    NUL, lone surrogates) not."""
    value = value.replace("\r\n", "\n")
    problem = hidden_problem(value, newlines=True)
    if problem:
        raise ValueError(problem)
    return value


def one_line(value: str) -> str:
    """A name or a title: no line break either."""
    problem = hidden_problem(value, newlines=False)
    if problem:
        raise ValueError(problem)
    return value


def in_calendar(value: dt.datetime) -> dt.datetime:
    """2000–2099 (as the case file's dates), also once moved to UTC (as stored) and to Japan
    time (as shown): 9999-12-31T23:00:00+00:00 has no Japan time, 0001-01-01T00:00+14:00
    no UTC one."""
    try:
        for moment in (value, value.astimezone(dt.UTC), value.astimezone(JST)):
            check_year(moment)
    except OverflowError:
        raise ValueError(f"{FIRST_YEAR}年から{LAST_YEAR}年までの日時にしてください") from None
    return value


Id = Annotated[str, Field(pattern=r"^[a-z0-9]{4,32}$")]
Short = Annotated[str, AfterValidator(one_line), Field(max_length=200)]
Title = Annotated[str, AfterValidator(one_line), Field(min_length=1, max_length=400)]
Long = Annotated[str, AfterValidator(clean_text), Field(max_length=4000)]
StepId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
Moment = Annotated[AwareDatetime, AfterValidator(in_calendar)]
MessageId = Annotated[str, Field(pattern=r"^<[\x21-\x7e]{1,253}>$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class StoredWindow(Strict):
    start: Moment
    end: Moment


class StoredStep(Strict):
    """A step of the plan made when the case was added (naitei.plan.Step.to_dict)."""

    id: StepId
    title: Title
    detail: Long
    channel: Literal["phone", "email", "visit", "letter"] | None = None
    to: Literal["company", "agent", "school"] | None = None
    window: StoredWindow | None = None
    due: Moment | None = None
    company: Short | None = None


class StoredPlan(Strict):
    now: Moment
    steps: Annotated[list[StoredStep], Field(max_length=MAX_STEPS)]


def plan_problems(plan: Any) -> list[str]:
    """What is wrong with a stored plan ('steps[2].title: ...'), [] when nothing is."""
    try:
        StoredPlan.model_validate(plan)
    except ValidationError as error:
        return [
            f"{place(tuple(item['loc']))}: {validation_message(item, StoredPlan, tuple(item['loc']))}"
            for item in error.errors(include_url=False)
        ]
    return []


def valid_plan(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan unchanged (exported again byte for byte), once it has the shape of a plan."""
    problems = plan_problems(plan)
    if problems:
        raise ValueError("; ".join(problems[:5]))
    return plan


def place(loc: tuple[Any, ...]) -> str:
    """('cases', 2, 'events', 0, 'kind') -> cases[2].events[0].kind"""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(全体)"
