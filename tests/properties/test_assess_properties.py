"""CONTRACTS §3 properties: making one input more favourable never makes the verdict worse,
and a filled position is always near_impossible."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.assess import assess
from tests.support.oracles import IMPROVEMENTS, ORDER, rank, with_value
from tests.support.strategies import Parsed, parsed_withdrawals, withdrawal_data


@pytest.mark.parametrize(
    ("table", "key", "worse", "better"),
    IMPROVEMENTS,
    ids=[f"{k}:{w}->{b}" for _, k, w, b in IMPROVEMENTS],
)
@settings(max_examples=150, deadline=None)
@given(generated=withdrawal_data())
def test_more_favourable_input_never_worsens_the_verdict(
    generated: tuple[dict[str, Any], dt.datetime], table: str, key: str, worse: Any, better: Any
) -> None:
    data, now = generated
    assert rank(with_value(data, table, key, better), now) <= rank(
        with_value(data, table, key, worse), now
    )


@settings(max_examples=300, deadline=None)
@given(generated=withdrawal_data(), fewer=st.integers(1, 120 * 24 * 60))
def test_fewer_days_since_the_decline_never_worsens_the_verdict(
    generated: tuple[dict[str, Any], dt.datetime], fewer: int
) -> None:
    data, now = generated
    earlier_now = max(now - dt.timedelta(minutes=fewer), data["decline"]["declined_at"])
    # Same decline, asked sooner: compare at the earlier and the later moment.
    assert rank(data, earlier_now) <= rank(data, now)


@settings(max_examples=300, deadline=None)
@given(generated=withdrawal_data())
def test_filled_position_is_always_near_impossible(
    generated: tuple[dict[str, Any], dt.datetime],
) -> None:
    data, now = generated
    assert rank(with_value(data, "withdrawal", "position", "filled"), now) == ORDER.index(
        "near_impossible"
    )


@settings(max_examples=300, deadline=None)
@given(generated=parsed_withdrawals())
def test_assessment_is_total_and_honest(generated: Parsed) -> None:
    case, now = generated
    result = assess(case, now).to_dict()
    assert len(result["conditions"]) == 5
    assert "%" not in str(result) and "％" not in str(result)
