"""Reminders that fire (issue 17): a call or a visit is announced the evening before and 30
minutes before; a follow-up at its start; an evening already past is left out."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar

from naitei.calendar import JST, Window
from naitei.export.ics import plan_to_ics
from naitei.plan import Plan, Step

NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=JST)


def triggers(plan: Plan) -> dict[str, list[object]]:
    calendar = Calendar.from_ical(plan_to_ics(plan, "identity"))
    found: dict[str, list[object]] = {}
    for event in calendar.walk("VEVENT"):
        found[str(event["SUMMARY"])] = [alarm.decoded("TRIGGER") for alarm in event.walk("VALARM")]
    return found


def step(id: str, title: str, channel: str | None, start: dt.datetime) -> Step:
    window = Window(start, start + dt.timedelta(hours=1))
    return Step(id, title, channel=channel, window=window, detail="detail")  # type: ignore[arg-type]


def test_a_call_the_next_morning_rings_the_evening_before_and_half_an_hour_before() -> None:
    plan = Plan(NOW, (step("call", "電話する", "phone", at(27, 10)),))
    evening, before = triggers(plan)["電話する"]
    assert evening == at(26, 20).astimezone(dt.UTC)
    assert before == -dt.timedelta(minutes=30)


def test_an_evening_already_past_is_left_out() -> None:
    plan = Plan(NOW, (step("call", "電話する", "phone", at(26, 10)),))  # the evening is 25th 20:00
    assert triggers(plan)["電話する"] == [-dt.timedelta(minutes=30)]


def test_a_follow_up_rings_at_its_start_and_an_email_step_not_at_all() -> None:
    plan = Plan(
        NOW,
        (
            step("follow_up", "状況を伺う", "phone", at(30, 10)),
            step("next:considering", "返事が届かなければ", "phone", at(30, 10)),
            step("confirm_email", "メールを送る", "email", at(26, 10)),
        ),
    )
    found = triggers(plan)
    assert found["状況を伺う"] == [dt.timedelta(0)]
    assert found["返事が届かなければ"] == [dt.timedelta(0)]
    assert found["メールを送る"] == []


def test_a_replanned_step_keeps_its_uid_and_counts_up() -> None:
    first = Plan(NOW, (step("next:call_again", "もう一度電話する", "phone", at(26, 13)),))
    later = Plan(NOW, (step("next:visit", "訪問する", "visit", at(30, 14)),))
    one = Calendar.from_ical(plan_to_ics(first, "case x", sequence=1)).walk("VEVENT")[0]
    two = Calendar.from_ical(plan_to_ics(later, "case x", sequence=2)).walk("VEVENT")[0]
    assert one["UID"] == two["UID"]
    assert int(two["SEQUENCE"]) == 2
