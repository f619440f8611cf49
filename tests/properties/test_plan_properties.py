"""CONTRACTS §4 properties of every plan, checked against an independent reading of the rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings

from naitei.plan import make_plan
from tests.support.oracles import START_STEP, check_plan_windows, step_hours, valid_minute
from tests.support.strategies import Parsed, parsed_withdrawals, withdrawal_data

PREPARE = dt.timedelta(minutes=30)


@settings(max_examples=200, deadline=None)
@given(generated=withdrawal_data())
def test_every_contact_window_is_valid(generated: tuple[dict[str, Any], dt.datetime]) -> None:
    check_plan_windows(*generated)


@settings(max_examples=200, deadline=None)
@given(generated=parsed_withdrawals())
def test_first_contact_is_the_earliest_window_after_preparation(generated: Parsed) -> None:
    case, now = generated
    steps = make_plan(case, now).to_dict()["steps"]
    first = next(step for step in steps if step["channel"])
    start = dt.datetime.fromisoformat(first["window"]["start"])
    ready = now + PREPARE
    assert start >= ready
    hours, closed = step_hours(first, case.company.hours, frozenset(case.company.closed_days))
    # No valid minute on a 5-minute boundary with at least 15 minutes of window after it lies
    # between `ready` and start.
    moment = ready.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    while moment < start - dt.timedelta(minutes=1):
        if moment.minute % START_STEP:
            moment += dt.timedelta(minutes=1)
            continue
        if valid_minute(moment, hours, closed):
            assert not valid_minute(moment + dt.timedelta(minutes=15), hours, closed) or (
                moment.date() != (moment + dt.timedelta(minutes=15)).date()
            ), f"earlier window at {moment}"
        moment += dt.timedelta(minutes=1)
    via = case.offer.via
    assert first["to"] == {"direct": "company", "agent": "agent", "school": "school"}[via]
    if via == "school":
        assert any(step.get("to") == "school" for step in steps)
