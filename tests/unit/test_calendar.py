"""The Japanese business calendar: holidays, year-end, closed days, hours, lunch."""

from __future__ import annotations

import datetime as dt

import pytest

from naitei.calendar import JST, BusinessCalendar

CAL = BusinessCalendar()


def at(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=JST)


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (dt.date(2026, 11, 23), "祝日（勤労感謝の日）"),
        (dt.date(2027, 1, 11), "祝日（成人の日）"),
        (dt.date(2026, 9, 22), "祝日（国民の休日）"),
        (dt.date(2027, 3, 22), "祝日（春分の日 振替休日）"),
        (dt.date(2026, 12, 29), "年末年始の休業期間"),
        (dt.date(2026, 12, 31), "年末年始の休業期間"),
        (dt.date(2027, 1, 2), "土曜日"),
        (dt.date(2027, 1, 3), "日曜日"),
        (dt.date(2026, 11, 28), "土曜日"),
        (dt.date(2026, 11, 29), "日曜日"),
    ],
)
def test_days_off(day: dt.date, reason: str) -> None:
    assert CAL.closure(day) == reason
    assert not CAL.is_business_day(day)


@pytest.mark.parametrize(
    "day", [dt.date(2026, 11, 24), dt.date(2026, 12, 28), dt.date(2027, 1, 4), dt.date(2027, 1, 12)]
)
def test_ordinary_business_days(day: dt.date) -> None:
    assert CAL.is_business_day(day)


def test_new_year_closure_covers_first_three_days_even_on_weekdays() -> None:
    # 2029-01-02 and 01-03 are a Tuesday and a Wednesday.
    assert CAL.closure(dt.date(2029, 1, 2)) == "年末年始の休業期間"
    assert CAL.closure(dt.date(2029, 1, 3)) == "年末年始の休業期間"
    assert CAL.is_business_day(dt.date(2029, 1, 4))


def test_company_closed_days() -> None:
    cal = BusinessCalendar(closed_days=frozenset({dt.date(2026, 11, 26)}))
    assert cal.closure(dt.date(2026, 11, 26)) == "会社の休業日"
    assert cal.next_window(at(2026, 11, 25, 21, 0)).start == at(2026, 11, 27, 10, 0)


def test_default_windows_avoid_first_and_last_hour_and_lunch() -> None:
    windows = CAL.segments(dt.date(2026, 11, 26))
    assert [(w.start.time(), w.end.time()) for w in windows] == [
        (dt.time(10, 0), dt.time(11, 30)),
        (dt.time(13, 0), dt.time(17, 0)),
    ]


def test_custom_hours_shift_the_windows() -> None:
    cal = BusinessCalendar(opens=8 * 60 + 30, closes=17 * 60 + 30)
    windows = cal.segments(dt.date(2026, 11, 26))
    assert [(w.start.time(), w.end.time()) for w in windows] == [
        (dt.time(9, 30), dt.time(11, 30)),
        (dt.time(13, 0), dt.time(16, 30)),
    ]


def test_late_opening_company_has_only_afternoon_window() -> None:
    cal = BusinessCalendar(opens=11 * 60, closes=20 * 60)
    windows = cal.segments(dt.date(2026, 11, 26))
    assert [(w.start.time(), w.end.time()) for w in windows] == [(dt.time(13, 0), dt.time(19, 0))]


def test_friday_late_night_goes_to_next_tuesday_when_monday_is_a_holiday() -> None:
    # 2026-11-20 is a Friday; Monday 11-23 is 勤労感謝の日.
    window = CAL.next_window(at(2026, 11, 20, 23, 0))
    assert window.start == at(2026, 11, 24, 10, 0)


def test_friday_after_hours_goes_to_monday() -> None:
    window = CAL.next_window(at(2026, 11, 27, 17, 30))
    assert window.start == at(2026, 11, 30, 10, 0)


def test_late_december_goes_past_the_new_year_closure() -> None:
    assert CAL.next_window(at(2026, 12, 28, 17, 30)).start == at(2027, 1, 4, 10, 0)


def test_inside_a_window_starts_on_the_next_five_minute_boundary() -> None:
    window = CAL.next_window(at(2026, 11, 26, 10, 20, 30))
    assert window.start == at(2026, 11, 26, 10, 25)
    assert window.end == at(2026, 11, 26, 11, 30)
    assert CAL.next_window(at(2026, 11, 26, 16, 11)).start == at(2026, 11, 26, 16, 15)
    assert CAL.next_window(at(2026, 11, 26, 10, 20)).start == at(2026, 11, 26, 10, 20)


def test_odd_opening_hours_still_give_a_round_start() -> None:
    odd = BusinessCalendar(opens=9 * 60 + 7, closes=18 * 60)
    assert odd.next_window(at(2026, 11, 26, 9, 0)).start == at(2026, 11, 26, 10, 10)


def test_lunch_time_moves_to_the_afternoon() -> None:
    assert CAL.next_window(at(2026, 11, 26, 12, 0)).start == at(2026, 11, 26, 13, 0)


def test_too_little_left_of_a_window_moves_to_the_next_one() -> None:
    assert CAL.next_window(at(2026, 11, 26, 11, 20)).start == at(2026, 11, 26, 13, 0)


def test_business_day_arithmetic_skips_holidays() -> None:
    assert CAL.add_business_days(dt.date(2026, 11, 20), 1) == dt.date(2026, 11, 24)
    # Friday 12-25 -> Monday 12-28 -> (closure 12-29..1-3, weekend) -> Monday 1-4
    assert CAL.add_business_days(dt.date(2026, 12, 25), 2) == dt.date(2027, 1, 4)
