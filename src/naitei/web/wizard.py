"""The withdrawal wizard: the case-file questions in four steps, validated by the case-file
rules themselves (parse_case), with each problem shown next to its field.

Answers are kept on the server between steps (naitei.web.sessions), never in the URL. A step is
validated with the answers so far and a valid placeholder for the tables still to come, so
that only the problems of the answered steps are shown.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from naitei.case import Case, WithdrawalCase, parse_case
from naitei.errors import CaseError, InputError
from naitei.questions import wizard
from naitei.services import check_clock
from naitei.web.fields import Field, fields, table_values, to_form
from naitei.web.problems import form_name, problems_of

SOURCE = "wizard"
TABLES = ("applicant", "company", "offer", "decline", "withdrawal")
PLACEHOLDER: dict[str, dict[str, Any]] = {
    "applicant": {"name": "山田 太郎", "kind": "new_grad", "school": "東西大学"},
    "company": {"name": "株式会社サンプル"},
    "offer": {"accepted": True},
    "decline": {
        "declined_at": "2000-01-01T00:00:00+09:00",
        "channel": "phone",
        "reason": "other_offer",
        "explained": True,
        "thanked": True,
        "company_response": "acknowledged",
    },
    "withdrawal": {"why": "other_offer_lost"},
}
FRIENDLY = {"必須の項目がありません": "入力してください", "空にはできません": "入力してください"}
FUTURE = "辞退を伝えた日時が、いまより後になっています。日時を確かめてください"


@dataclass(frozen=True)
class Step:
    number: int
    id: str
    title: str
    lead: str
    fields: tuple[Field, ...]

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(field.name.split(".", 1)[0] for field in self.fields)


@cache
def steps() -> tuple[Step, ...]:
    known = fields()
    return tuple(
        Step(n, s.id, s.title, s.lead, tuple(known[name] for name in s.fields))
        for n, s in enumerate(wizard().steps, start=1)
    )


def all_fields() -> tuple[Field, ...]:
    return tuple(field for step in steps() for field in step.fields)


def step_of(name: str) -> int:
    return next((s.number for s in steps() if any(f.name == name for f in s.fields)), 1)


def answers(form: dict[str, str]) -> dict[str, str]:
    """The wizard's answers from a posted form: defaults for fields not yet shown."""
    return {f.name: form.get(f.name, f.default) for f in all_fields()}


def merged(kept: dict[str, str], form: dict[str, str], number: int) -> dict[str, str]:
    """The answers after a step is sent: that step's fields from the form (a radio left
    unchosen is empty), the others as kept. A form that carries other steps' fields too (a
    script posting a whole case) is taken as the whole answer."""
    own = {field.name for field in steps()[number - 1].fields}
    if not kept or any(name in form for name in {f.name for f in all_fields()} - own):
        return answers(form)
    values = {**answers({}), **kept}
    for name in own:
        values[name] = form.get(name, fields()[name].default)
    return values


def case_data(values: dict[str, str], upto: int | None = None) -> dict[str, Any]:
    """The case file (as data) from the answers; tables after step `upto` are placeholders."""
    data: dict[str, Any] = {"version": 1, "purpose": "withdraw"}
    for table in TABLES:
        step = next(s for s in steps() if table in s.tables)
        if upto is not None and step.number > upto:
            data[table] = dict(PLACEHOLDER[table])
            continue
        table_fields = [f for f in step.fields if f.name.startswith(f"{table}.")]
        data[table] = table_values(table_fields, values)
    return data


Errors = dict[str, list[str]]


def validate(
    values: dict[str, str], upto: int, now: dt.datetime
) -> tuple[WithdrawalCase | None, Errors]:
    """The case when the answers up to step `upto` are valid; otherwise errors by field."""
    errors: Errors = {}
    case: Case | None = None
    try:
        case = parse_case(case_data(values, upto), SOURCE)
        if upto >= step_of("decline.declined_at"):
            check_clock(case, now)
    except CaseError as error:
        for problem in problems_of(error, SOURCE):
            name = form_name(problem.field) or ""
            errors.setdefault(name, []).append(friendly(name, problem.message))
        return None, errors
    except InputError:
        return None, {"decline.declined_at": [FUTURE]}
    assert isinstance(case, WithdrawalCase)
    return case, errors


_ASCII_QUOTED = re.compile(r"'([^'\n]*)'")


def friendly(name: str, message: str) -> str:
    """A problem as the web shows it: plain words, values in Japanese quotation marks."""
    text = _ASCII_QUOTED.sub(r"「\1」", FRIENDLY.get(message, message))
    field = fields().get(name)
    if text == "入力してください" and field is not None and field.is_choice:
        return "いずれかを選んでください"
    return text


def first_step_with(errors: Errors) -> int:
    return min((step_of(name) for name in errors), default=1)


def values_from_case(data: dict[str, Any]) -> dict[str, str]:
    """The wizard's answers for a case file (to edit a result)."""
    values = {}
    for field in all_fields():
        table, key = field.name.split(".", 1)
        values[field.name] = to_form(field, data.get(table, {}).get(key))
    return values
