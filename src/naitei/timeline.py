"""How events move a case: the rules of naitei/data/cases.toml, applied to a timeline.

A case's status and what is due next are a fold over its events in time order, starting
from 準備中 and the first contact step of the plan made when the case was added. Times
come from the business calendar of the case's company. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from naitei.calendar import JST, BusinessCalendar, calendar_data
from naitei.errors import DataError
from naitei.knowledge import RecordError, load_records
from naitei.shape import meta
from naitei.vocabulary import CASE_PURPOSES, EVENT_KINDS, OUTCOMES, STATUSES

Timing = Literal[
    "next_window",
    "window_after",
    "after_silence",
    "next_business_day",
    "callback",
    "visit",
    "after_promise",
]


@dataclass(frozen=True)
class DueKind:
    title: str
    channel: Literal["phone", "email", "visit", "letter"]
    when: Timing


@dataclass(frozen=True)
class Rule:
    """How one event moves a case: the event (and outcome, purpose, status it came from, calls
    missed) it applies to, the status it leads to, and what is due next."""

    event: str | tuple[str, ...]
    status: str
    due: str
    outcome: tuple[str, ...] | None = None
    purpose: str | None = None
    from_: tuple[str, ...] | None = field(default=None, metadata=meta(key="from"))
    absences: int = 0

    @property
    def events(self) -> tuple[str, ...]:
        return (self.event,) if isinstance(self.event, str) else self.event

    def matches(self, facts: EventFacts, purpose: str, state: State) -> bool:
        return (
            facts.kind in self.events
            and (self.outcome is None or facts.outcome in self.outcome)
            and (self.purpose is None or self.purpose == purpose)
            and (self.from_ is None or state.status in self.from_)
            and state.absences >= self.absences
        )


@dataclass(frozen=True)
class RuleBook:
    """cases.toml: the rules, first match first, and the kinds of step that fall due."""

    rules: tuple[Rule, ...]
    due: dict[str, DueKind]


@dataclass(frozen=True)
class Due:
    step: str
    title: str
    at: dt.datetime | None


@dataclass(frozen=True)
class EventFacts:
    kind: str
    outcome: str | None
    at: dt.datetime
    expected: dt.datetime | None = None  # the moment the event names (callback, visit, answer)


@dataclass(frozen=True)
class State:
    status: str
    due: Due | None
    absences: int = 0  # calls in a row that did not reach anyone


@cache
def rule_book() -> RuleBook:
    book: RuleBook = load_records("cases", RuleBook, _check)
    return book


def _check(book: RuleBook) -> None:
    outcomes = {value for values in OUTCOMES.values() for value in values}
    for index, rule in enumerate(book.rules):
        wrong = (
            set(rule.events) - set(EVENT_KINDS)
            | set(rule.outcome or ()) - outcomes
            | ({rule.purpose} - {None, *CASE_PURPOSES})
            | set(rule.from_ or ()) - set(STATUSES)
            | ({rule.status} - {"keep", *STATUSES})
            | ({rule.due} - {"keep", "none", *book.due})
        )
        if wrong:
            raise RecordError(f"rules[{index}]", f"unknown {sorted(map(str, wrong))}")


def outcome_problem(kind: str, outcome: str | None) -> str | None:
    """Why an outcome does not fit an event kind (a Japanese message), or None."""
    allowed = OUTCOMES.get(kind, ())
    if allowed and outcome is None:
        return f"{kind} には結果が必要です: {', '.join(allowed)}"
    if outcome is not None and outcome not in allowed:
        if not allowed:
            return f"{kind} には結果を付けられません"
        return f"'{outcome}' は次のいずれかにしてください: {', '.join(allowed)}"
    return None


def initial_state(plan: Mapping[str, Any]) -> State:
    """準備中, with the plan's first contact step due."""
    for step in plan.get("steps", []):
        window = step.get("window")
        if window:
            start = dt.datetime.fromisoformat(window["start"])
            return State("preparing", Due(step["id"], step["title"], start))
    return State("preparing", None)


def apply(state: State, facts: EventFacts, purpose: str, calendar: BusinessCalendar) -> State:
    """The state after one event."""
    book = rule_book()
    absences = _absences(state.absences, facts)
    counted = State(state.status, state.due, absences)
    rule = next((r for r in book.rules if r.matches(facts, purpose, counted)), None)
    if rule is None:
        raise DataError(f"naitei/data/cases.toml: no rule for {facts.kind}/{facts.outcome}")
    status = state.status if rule.status == "keep" else rule.status
    return State(status, _due(rule.due, state.due, facts, calendar), absences)


def replay(
    initial: State, events: Iterable[EventFacts], purpose: str, calendar: BusinessCalendar
) -> State:
    """The state after every event, taken in time order."""
    state = initial
    for facts in sorted(events, key=lambda f: f.at):
        state = apply(state, facts, purpose, calendar)
    return state


def _absences(previous: int, facts: EventFacts) -> int:
    if facts.kind == "note":
        return previous
    return previous + 1 if (facts.kind, facts.outcome) == ("called", "absent") else 0


def _due(
    key: str, previous: Due | None, facts: EventFacts, calendar: BusinessCalendar
) -> Due | None:
    if key == "keep":
        return previous
    if key == "none":
        return None
    kind = rule_book().due[key]
    at = facts.at.astimezone(JST)
    if facts.expected is not None and kind.when in _FROM_EXPECTED:
        return Due(key, kind.title, _FROM_EXPECTED[kind.when](calendar, facts.expected))
    return Due(key, kind.title, _TIMINGS[kind.when](calendar, at))


def _next_window(calendar: BusinessCalendar, at: dt.datetime) -> dt.datetime:
    return calendar.next_window(at).start


def _window_after(calendar: BusinessCalendar, at: dt.datetime) -> dt.datetime:
    """Not the window the event happened in (the recruiter was just called), the next one."""
    for segment in calendar.segments(at.date()):
        if segment.start <= at < segment.end:
            return calendar.next_window(segment.end).start
    return calendar.next_window(at).start


def _after_silence(calendar: BusinessCalendar, at: dt.datetime) -> dt.datetime:
    silent = calendar_data().plan.silent_business_days
    return calendar.first_window_on(calendar.add_business_days(at.date(), silent + 1)).start


def _next_business_day(calendar: BusinessCalendar, at: dt.datetime) -> dt.datetime:
    return calendar.first_window_on(calendar.next_business_day(at.date())).start


def _at_callback(calendar: BusinessCalendar, expected: dt.datetime) -> dt.datetime:
    """The time the recruiter said they would be back (「17時ごろ戻られる」) when the company is
    open then; otherwise the first window after it."""
    local = expected.astimezone(JST)
    minutes = local.hour * 60 + local.minute
    if calendar.is_business_day(local.date()) and calendar.opens <= minutes < calendar.closes:
        return local
    return calendar.next_window(local).start


def _after_promised_day(calendar: BusinessCalendar, expected: dt.datetime) -> dt.datetime:
    """The first window of the business day after the day an answer was promised."""
    day = expected.astimezone(JST).date()
    return calendar.first_window_on(calendar.next_business_day(day)).start


_TIMINGS: dict[str, Callable[[BusinessCalendar, dt.datetime], dt.datetime]] = {
    "next_window": _next_window,
    "window_after": _window_after,
    "after_silence": _after_silence,
    "next_business_day": _next_business_day,
    "callback": _window_after,
    "visit": _next_business_day,
    "after_promise": _after_silence,
}
# Timings that use the moment the event names, when it names one.
_FROM_EXPECTED: dict[str, Callable[[BusinessCalendar, dt.datetime], dt.datetime]] = {
    "callback": _at_callback,
    "visit": lambda _calendar, expected: expected.astimezone(JST),
    "after_promise": _after_promised_day,
}
