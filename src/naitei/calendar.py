"""The Japanese business calendar: business days and the windows in which to call.

A window lies on a business day (not Saturday or Sunday, not a public holiday, not the
12/29–1/3 closure, not one of the company's closed days), inside the company's hours but
clear of their first and last hour and of 11:30–13:00 (CONTRACTS §4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

import jpholiday

from naitei.errors import DataError
from naitei.knowledge import RecordError, load_records
from naitei.shape import Shaped, meta

JST = dt.timezone(dt.timedelta(hours=9), "JST")
_SEARCH_DAYS = 400  # no calendar has a year without a business day


@dataclass(frozen=True)
class _Closure:
    """Days most employers are closed, every year: from MM-DD to MM-DD."""

    id: str
    label: str
    start: str = field(metadata=meta(key="from"))
    end: str = field(metadata=meta(key="to"))

    def covers(self, day: dt.date) -> bool:
        return self.start <= f"{day.month:02d}-{day.day:02d}" <= self.end


@dataclass(frozen=True)
class _Hours:
    default: str
    margin_minutes: int
    quiet_from: str
    quiet_to: str
    min_window_minutes: int
    start_step_minutes: int


@dataclass(frozen=True)
class _PlanTimes:
    prepare_minutes: int
    silent_business_days: int

    @property
    def prepare(self) -> dt.timedelta:
        """How long the user prepares before the first call: the plan's first due time."""
        return dt.timedelta(minutes=self.prepare_minutes)


@dataclass(frozen=True)
class CalendarData:
    """calendar.toml: the yearly closures, the hours of a business day, the plan's times."""

    closures: tuple[_Closure, ...]
    hours: _Hours
    plan: _PlanTimes


def _step_fits(data: CalendarData) -> None:
    if not 0 < data.hours.start_step_minutes <= 60:
        raise RecordError("hours.start_step_minutes", "between 1 and 60")


@cache
def calendar_data() -> CalendarData:
    loaded: CalendarData = load_records("calendar", CalendarData, _step_fits)
    return loaded


def call_spans(opens: int, closes: int) -> list[tuple[int, int]]:
    """The call windows of a business day, in minutes after midnight."""
    hours = calendar_data().hours
    first = opens + hours.margin_minutes
    last = closes - hours.margin_minutes
    quiet = (_minutes(hours.quiet_from), _minutes(hours.quiet_to))
    spans = [(first, min(last, quiet[0])), (max(first, quiet[1]), last)]
    return [(start, end) for start, end in spans if end - start >= hours.min_window_minutes]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


@dataclass(frozen=True)
class Window(Shaped):
    start: dt.datetime
    end: dt.datetime


@dataclass(frozen=True)
class BusinessCalendar:
    """A company's calendar: opening minutes and its own closed days."""

    opens: int = 9 * 60
    closes: int = 18 * 60
    closed_days: frozenset[dt.date] = field(default_factory=frozenset)

    def closure(self, day: dt.date) -> str | None:
        """Why `day` is not a business day (a Japanese label), or None on a business day."""
        if day.weekday() == 5:
            return "土曜日"
        if day.weekday() == 6:
            return "日曜日"
        name = jpholiday.is_holiday_name(day)
        if name:
            return f"祝日（{name}）"
        for closure in calendar_data().closures:
            if closure.covers(day):
                return closure.label
        if day in self.closed_days:
            return "会社の休業日"
        return None

    def is_business_day(self, day: dt.date) -> bool:
        return self.closure(day) is None

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day strictly after `day`."""
        return self.add_business_days(day, 1)

    def add_business_days(self, day: dt.date, count: int) -> dt.date:
        """The `count`-th business day after `day` (count ≥ 1)."""
        current = day
        for _ in range(_SEARCH_DAYS * max(count, 1)):
            current += dt.timedelta(days=1)
            if self.is_business_day(current):
                count -= 1
                if count == 0:
                    return current
        raise DataError("no business day found within a year")

    def segments(self, day: dt.date) -> list[Window]:
        """The call windows of a day (empty on a non-business day)."""
        if not self.is_business_day(day):
            return []
        return [
            Window(_at(day, start), _at(day, end))
            for start, end in call_spans(self.opens, self.closes)
        ]

    def windows_from(self, moment: dt.datetime) -> Iterator[Window]:
        """Every window (or the rest of one) that ends after `moment`, in order."""
        hours = calendar_data().hours
        moment = _ceil_minute(moment.astimezone(JST))
        minimum = dt.timedelta(minutes=hours.min_window_minutes)
        day = moment.date()
        for _ in range(_SEARCH_DAYS * 4):
            for window in self.segments(day):
                start = _ceil_step(max(window.start, moment), hours.start_step_minutes)
                if window.end - start >= minimum:
                    yield Window(start, window.end)
            day += dt.timedelta(days=1)

    def next_window(self, moment: dt.datetime) -> Window:
        """The earliest window at or after `moment`."""
        return next(self.windows_from(moment))

    def first_window_on(self, day: dt.date) -> Window:
        """The first window of the first business day on or after `day`."""
        return self.next_window(_at(day, 0))


def _at(day: dt.date, minutes: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=JST) + dt.timedelta(minutes=minutes)


def _ceil_step(moment: dt.datetime, step: int) -> dt.datetime:
    """`moment` (a whole minute) moved up to the next multiple of `step` minutes past the hour."""
    late = moment.minute % step
    return moment + dt.timedelta(minutes=step - late) if late else moment


def _ceil_minute(moment: dt.datetime) -> dt.datetime:
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)
    return moment
