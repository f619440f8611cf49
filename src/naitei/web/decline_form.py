"""The decline form: the applicant, one reason, and one block per company (1 to 20),
validated by the case-file rules like the wizard."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from naitei.case import DeclineCase, parse_case
from naitei.errors import CaseError
from naitei.questions import Wording, wizard
from naitei.web.fields import Field, fields, table_values
from naitei.web.problems import form_name, problems_of
from naitei.web.wizard import Errors, friendly

SOURCE = "decline"
MAX_COMPANIES = 20


def _named(key: str) -> tuple[Field, ...]:
    form = wizard().decline_form
    named = (_worded(fields()[name], form.choice_labels) for name in getattr(form, key))
    labelled = (_labelled(field, form.labels) for field in named)
    return tuple(_own_example(field, form.words) for field in labelled)


def _labelled(field: Field, labels: dict[str, Wording]) -> Field:
    """The field with the decline form's own label and help, if it has them."""
    own = labels.get(field.name)
    if not own:
        return field
    label = field.label if own.label is None else own.label
    return replace(field, label=label, help=field.help if own.help is None else own.help)


def _own_example(field: Field, kinds: dict[str, str]) -> Field:
    """The field with the decline form's own example answer, if it has one."""
    kind = kinds.get(field.name)
    if kind is None:
        return field
    from naitei.compose.review import example_sentence

    example, sentence = example_sentence(kind)
    return replace(field, example=example, example_sentence=sentence)


def _worded(field: Field, labels: dict[str, dict[str, str]]) -> Field:
    """The field with the decline form's own wording of its choices, if any."""
    own = labels.get(field.name)
    if not own:
        return field
    return replace(field, choices=tuple((key, own.get(key, text)) for key, text in field.choices))


def applicant_fields() -> tuple[Field, ...]:
    return _named("applicant")


def reason_fields() -> tuple[Field, ...]:
    return _named("reason")


def company_fields(index: int) -> tuple[Field, ...]:
    """The fields of the company at `index` (0-based): companies.0.name, ..."""
    return tuple(field.under(f"companies.{index}") for field in _named("company"))


def all_fields(count: int) -> tuple[Field, ...]:
    companies = tuple(f for i in range(count) for f in company_fields(i))
    return applicant_fields() + reason_fields() + companies


def count_of(form: dict[str, str]) -> int:
    text = form.get("count", "1")
    return min(MAX_COMPANIES, max(1, int(text))) if text.isdigit() else 1


def answers(form: dict[str, str], count: int) -> dict[str, str]:
    return {f.name: form.get(f.name, f.default) for f in all_fields(count)}


def without(values: dict[str, str], count: int, index: int) -> dict[str, str]:
    """The answers with company `index` removed (the later ones move up)."""
    kept = [i for i in range(count) if i != index]
    moved = {k: v for k, v in values.items() if not k.startswith("companies.")}
    for new, old in enumerate(kept):
        for field, source in zip(company_fields(new), company_fields(old), strict=True):
            moved[field.name] = values.get(source.name, "")
    return moved


def case_data(values: dict[str, str], count: int) -> dict[str, Any]:
    return {
        "version": 1,
        "purpose": "decline",
        "applicant": table_values(list(applicant_fields()), values),
        "decline": table_values(list(reason_fields()), values),
        "companies": [table_values(list(company_fields(i)), values) for i in range(count)],
    }


def validate(
    values: dict[str, str], count: int, now: dt.datetime
) -> tuple[DeclineCase | None, Errors]:
    try:
        case = parse_case(case_data(values, count), SOURCE)
    except CaseError as error:
        errors: Errors = {}
        for problem in problems_of(error, SOURCE):
            name = form_name(problem.field) or ""
            errors.setdefault(name, []).append(friendly(_generic(name), problem.message))
        return None, errors
    assert isinstance(case, DeclineCase)
    return case, {}


def _generic(name: str) -> str:
    """companies.2.via -> offer.via (the field the wording of its errors depends on)."""
    if not name.startswith("companies."):
        return name
    key = name.rsplit(".", 1)[1]
    return f"offer.{key}" if key in ("accepted", "via") else f"company.{key}"
