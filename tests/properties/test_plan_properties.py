"""CONTRACTS §4 properties of every plan, checked against an independent reading of the rules."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

import jpholiday
from hypothesis import given, settings

from naitei.calendar import JST
from naitei.case import Company, WithdrawalCase, parse_case
from naitei.plan import make_plan
from tests.properties.strategies import withdrawal_data

PREPARE = dt.timedelta(minutes=30)


@cache
def day_off(day: dt.date, closed: frozenset[dt.date]) -> bool:
    year_end = (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)
    return day.weekday() >= 5 or jpholiday.is_holiday(day) or year_end or day in closed


def minutes(hhmm: str) -> int:
    return int(hhmm[:2]) * 60 + int(hhmm[3:])


def valid_minute(moment: dt.datetime, hours: str, closed: frozenset[dt.date]) -> bool:
    """CONTRACTS §4, read directly: a business day, inside the hours minus the first and
    last hour, not 11:30–13:00."""
    local = moment.astimezone(JST)
    if day_off(local.date(), closed):
        return False
    opens, closes = minutes(hours[:5]), minutes(hours[6:])
    now = local.hour * 60 + local.minute
    return opens + 60 <= now <= closes - 60 and not (11 * 60 + 30 < now < 13 * 60)


def check_window(window: dict[str, str], hours: str, closed: frozenset[dt.date]) -> None:
    start = dt.datetime.fromisoformat(window["start"])
    end = dt.datetime.fromisoformat(window["end"])
    assert start < end and start.date() == end.date()
    moment = start
    while moment <= end:  # every minute of the window is a valid minute
        assert valid_minute(moment, hours, closed), (moment, hours)
        moment += dt.timedelta(minutes=5)
    assert valid_minute(end, hours, closed)


@settings(max_examples=200, deadline=None)
@given(generated=withdrawal_data())
def test_every_contact_window_is_valid(generated: tuple[dict[str, Any], dt.datetime]) -> None:
    data, now = generated
    case = parse_case(data)
    assert isinstance(case, WithdrawalCase)
    plan = make_plan(case, now).to_dict()
    hours, closed = case.company.hours, frozenset(case.company.closed_days)
    contact = [step for step in plan["steps"] if step["channel"]]
    assert contact
    for step in plan["steps"]:
        assert step["id"] and step["title"] and step["detail"]
        if step["channel"]:
            assert step["to"] in ("company", "agent", "school")
            if step["to"] == "agent":  # the agent keeps ordinary hours, not the employer's
                check_window(step["window"], Company(name="x").hours, frozenset())
            else:
                check_window(step["window"], hours, closed)


@settings(max_examples=200, deadline=None)
@given(generated=withdrawal_data())
def test_first_contact_is_the_earliest_window_after_preparation(
    generated: tuple[dict[str, Any], dt.datetime],
) -> None:
    data, now = generated
    case = parse_case(data)
    assert isinstance(case, WithdrawalCase)
    steps = make_plan(case, now).to_dict()["steps"]
    first = next(step for step in steps if step["channel"])
    start = dt.datetime.fromisoformat(first["window"]["start"])
    ready = now + PREPARE
    assert start >= ready
    hours, closed = case.company.hours, frozenset(case.company.closed_days)
    if first["to"] == "agent":  # the agent keeps ordinary hours, not the employer's
        hours, closed = Company(name="x").hours, frozenset()
    # No valid minute with at least 15 minutes of window after it lies between `ready` and start.
    moment = ready.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    while moment < start - dt.timedelta(minutes=1):
        if valid_minute(moment, hours, closed):
            assert not valid_minute(moment + dt.timedelta(minutes=15), hours, closed) or (
                moment.date() != (moment + dt.timedelta(minutes=15)).date()
            ), f"earlier window at {moment}"
        moment += dt.timedelta(minutes=1)
    via = case.offer.via
    assert first["to"] == {"direct": "company", "agent": "agent", "school": "school"}[via]
    if via == "school":
        assert any(step.get("to") == "school" for step in steps)
