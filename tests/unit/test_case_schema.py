"""The JSON schema of the case file's values (naitei.case_schema) accepts exactly what the
validators of naitei.case accept — checked with the JSON Schema validator clients use
(jsonschema-rs, ECMA-262 regular expressions) on generated strings, both directions."""

from __future__ import annotations

from typing import Any

import jsonschema_rs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from naitei import case

PIECES = [
    " ", "\u3000", "\xa0", "\u2009", "\t", "\n", "\r", "\r\n", "\x00", "\x1f", "\x7f", "\x85",
    "\u2028", "\ufeff", "\u200b", "\u202e", "\xad", "\x9b", "\U000e0041", "a", "Z", "0", "９", "+", "-", "(", "（", ")", "）", "@", ".", "..",
    "株", "(株)", "（株）", "㈱", "(有)", "山田", "taro@example.com", "a@b.co", "a@b",
    "03-1234-5678", "+81 3 1234 5678", "０９０１２３４５６７８", "09:00-18:00", "24:00",
    "貴行", "御院", "ー", "々", "カ",
]  # fmt: skip
# No lone surrogates: the API refuses them before any validator (web/json_body.py).
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.characters(codec="utf-8")), max_size=12).map(
    "".join
)
EXACT = [
    case.Line,
    case.RequiredLine,
    case.Detail,
    case.Email,
    case.Phone,
    case.CompanyName,
    case.FormOfAddress,
]


def accepts(adapter: TypeAdapter[Any], value: str) -> bool:
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


def documented(kind: Any) -> tuple[TypeAdapter[Any], Any]:
    adapter = TypeAdapter(kind)
    return adapter, jsonschema_rs.validator_for(adapter.json_schema())


@pytest.mark.parametrize("kind", EXACT, ids=lambda kind: str(kind)[:40])
@settings(max_examples=400)
@given(value=texts)
def test_the_schema_accepts_what_the_validator_accepts(kind: Any, value: str) -> None:
    adapter, validator = documented(kind)
    assert validator.is_valid(value) == accepts(adapter, value), repr(value)


@settings(max_examples=400)
@given(value=texts)
def test_hours_the_schema_refuses_are_refused(value: str) -> None:
    """Hours: the schema says the form; the call window it must leave is the 422's."""
    adapter, validator = documented(case.Hours)
    if not validator.is_valid(value):
        assert not accepts(adapter, value)


@pytest.mark.parametrize(
    ("kind", "value", "valid"),
    [
        (case.Date, "2026-12-28", True),
        (case.Date, "1999-12-31", False),
        (case.Date, "2100-01-01", False),
        (case.DateTime, "2026-11-20T15:00:00+09:00", True),
        (case.DateTime, "1999-11-20T15:00:00+09:00", False),
    ],
)
def test_dates_outside_the_years_naitei_plans_with_are_refused(
    kind: Any, value: str, valid: bool
) -> None:
    adapter, validator = documented(kind)
    assert validator.is_valid(value) is valid
    assert accepts(adapter, value) is valid


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"name": "山田", "kind": "new_grad", "school": "東西大学"}, True),
        ({"name": "山田", "kind": "new_grad"}, False),
        ({"name": "山田", "kind": "new_grad", "school": "\u3000"}, False),
        ({"name": "山田", "kind": "mid_career"}, True),
    ],
)
def test_a_new_graduate_needs_a_school_in_the_schema_too(data: dict[str, Any], valid: bool) -> None:
    validator = jsonschema_rs.validator_for(TypeAdapter(case.Applicant).json_schema())
    assert validator.is_valid(data) is valid


@pytest.mark.parametrize(
    ("data", "valid"),
    [
        ({"accepted": True, "via": "agent", "agent_name": "佐藤"}, True),
        ({"accepted": True, "via": "agent"}, False),
        ({"accepted": True}, True),
    ],
)
def test_an_agent_offer_needs_the_agent_in_the_schema_too(
    data: dict[str, Any], valid: bool
) -> None:
    validator = jsonschema_rs.validator_for(TypeAdapter(case.Offer).json_schema())
    assert validator.is_valid(data) is valid
