"""The slow suite: the CONTRACTS §3/§4 properties over thousands of generated cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings

from naitei.assess import assess
from naitei.plan import make_plan
from tests.support import oracles
from tests.support.strategies import Parsed, parsed_withdrawals, withdrawal_data

pytestmark = pytest.mark.slow
MANY = 2_000


@settings(max_examples=MANY, deadline=None)
@given(generated=parsed_withdrawals())
def test_assess_and_plan_are_total(generated: Parsed) -> None:
    case, now = generated
    assert len(assess(case, now).conditions) == 5
    assert make_plan(case, now).first_contact().window is not None


@settings(max_examples=MANY, deadline=None)
@given(generated=withdrawal_data())
def test_every_improvement_keeps_the_verdict(generated: tuple[dict[str, Any], dt.datetime]) -> None:
    data, now = generated
    for table, key, worse, better in oracles.IMPROVEMENTS:
        assert oracles.rank(oracles.with_value(data, table, key, better), now) <= oracles.rank(
            oracles.with_value(data, table, key, worse), now
        )


@settings(max_examples=MANY, deadline=None)
@given(generated=withdrawal_data())
def test_every_window_is_valid(generated: tuple[dict[str, Any], dt.datetime]) -> None:
    oracles.check_plan_windows(*generated)
