"""Every document, for any free-text answers, is refused with a field-naming message or holds
(issue 12): no checker error, no casual word, no sentence in a noun slot, no 「。や、」."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.properties.free_text import answers, outcome, strength_lists
from tests.support.strategies import withdrawal_data

DECLINE: dict[str, Any] = {
    "version": 1,
    "purpose": "decline",
    "applicant": {"name": "山田 太郎", "kind": "new_grad", "school": "東西大学"},
    "decline": {"reason": "other_offer"},
    "companies": [
        {"name": "株式会社さくら出版", "accepted": True, "contact_name": "田中"},
        {
            "name": "ひかり旅行株式会社",
            "accepted": False,
            "via": "agent",
            "agent_name": "キャリアブリッジ",
        },
    ],
}
NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


@st.composite
def withdrawal_answers(draw: st.DrawFn) -> tuple[dict[str, Any], dt.datetime]:
    data, now = draw(withdrawal_data())
    data["decline"]["reason_detail"] = draw(st.sampled_from(["", "x"])) and draw(answers())
    data["withdrawal"]["why_detail"] = draw(answers())
    data["withdrawal"]["strengths"] = draw(strength_lists())
    return data, now


@st.composite
def decline_answers(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = {**DECLINE, "decline": {**DECLINE["decline"]}}
    data["decline"]["reason"] = draw(st.sampled_from(["other_offer", "family", "health", "fit"]))
    data["decline"]["reason_detail"] = draw(answers())
    second = {**DECLINE["companies"][1], "reason_detail": draw(answers())}
    data["companies"] = [DECLINE["companies"][0], second]
    return data


FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(generated=withdrawal_answers())
def test_withdrawal_answers_are_refused_by_field_or_give_clean_documents(
    generated: tuple[dict[str, Any], dt.datetime],
) -> None:
    data, now = generated
    assert outcome(data, now) == [], (data["decline"], data["withdrawal"])


@FAST
@given(data=decline_answers())
def test_decline_answers_are_refused_by_field_or_give_clean_documents(data: dict[str, Any]) -> None:
    assert outcome(data, NOW) == [], (data["decline"], data["companies"][1])


@pytest.mark.slow
@SLOW
@given(generated=withdrawal_answers())
def test_many_withdrawal_answers(generated: tuple[dict[str, Any], dt.datetime]) -> None:
    data, now = generated
    assert outcome(data, now) == [], (data["decline"], data["withdrawal"])


@pytest.mark.slow
@SLOW
@given(data=decline_answers())
def test_many_decline_answers(data: dict[str, Any]) -> None:
    assert outcome(data, NOW) == [], (data["decline"], data["companies"][1])
