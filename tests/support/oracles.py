"""Independent readings of CONTRACTS §3 (verdicts) and §4 (contact windows), shared by the
property suites: the code under test is checked against these, never against itself."""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from typing import Any

import jpholiday

from naitei.assess import assess
from naitei.calendar import JST
from naitei.case import Company, WithdrawalCase, parse_case
from naitei.plan import make_plan

ORDER = ["possible", "hard", "very_hard", "near_impossible"]

# (table, key, worse, better): each pair is one step of an ordering in CONTRACTS §3.
IMPROVEMENTS = [
    ("decline", "channel", "phone", "visit"),
    ("decline", "channel", "letter", "phone"),
    ("decline", "channel", "email", "letter"),
    ("decline", "channel", "chat", "email"),
    ("decline", "channel", "none", "chat"),
    ("decline", "channel", "proxy", "phone"),
    ("decline", "channel", "none", "proxy"),
    ("decline", "explained", False, True),
    ("decline", "thanked", False, True),
    ("withdrawal", "evidence", False, True),
    ("withdrawal", "position", "unknown", "open"),
    ("decline", "company_response", "acknowledged", "retained"),
    ("decline", "company_response", "none", "acknowledged"),
    ("decline", "company_response", "angry", "none"),
]


def rank(data: dict[str, Any], now: dt.datetime) -> int:
    case = parse_case(data)
    assert isinstance(case, WithdrawalCase)
    return ORDER.index(assess(case, now).verdict)


def with_value(data: dict[str, Any], table: str, key: str, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    changed[table][key] = value
    return changed


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


START_STEP = 5  # a window starts on a 5-minute boundary (10:05, never 16:11)


def check_window(window: dict[str, str], hours: str, closed: frozenset[dt.date]) -> None:
    start = dt.datetime.fromisoformat(window["start"])
    end = dt.datetime.fromisoformat(window["end"])
    assert start < end and start.date() == end.date()
    assert start.minute % START_STEP == 0 and start.second == 0, start
    moment = start
    while moment <= end:  # every minute of the window is a valid minute
        assert valid_minute(moment, hours, closed), (moment, hours)
        moment += dt.timedelta(minutes=5)
    assert valid_minute(end, hours, closed)


def check_plan_windows(data: dict[str, Any], now: dt.datetime) -> None:
    """Every step of the plan is complete and every contact window is valid."""
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
            check_step_window(step, hours, closed)


def step_hours(
    step: dict[str, Any], hours: str, closed: frozenset[dt.date]
) -> tuple[str, frozenset[dt.date]]:
    """The hours and closed days a contact step must keep: the employer's, except a step to the
    agent, which keeps ordinary business hours (the agent is not the employer)."""
    if step["to"] == "agent":
        return Company(name="x").hours, frozenset()
    return hours, closed


def check_step_window(step: dict[str, Any], hours: str, closed: frozenset[dt.date]) -> None:
    """A contact step's window is valid for whoever it contacts."""
    check_window(step["window"], *step_hours(step, hours, closed))
