"""Events move a case (naitei/data/cases.toml), table-driven, through the real store.

The clock is fixed (tests.support.cases.NOW, Wednesday 2026-11-25 21:00 in Japan). Every due time
must be a moment inside a call window of the company's business calendar.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.calendar import JST, BusinessCalendar
from naitei.case import Case, Company, DeclineCase, load_case
from naitei.plan import calendar_for
from naitei.services import cases as services
from naitei.store.engine import Store
from naitei.timeline import (
    EventFacts,
    State,
    apply,
    rule_book,
)
from naitei.vocabulary import CASE_PURPOSES as PURPOSES
from naitei.vocabulary import EVENT_KINDS, OUTCOMES, STATUSES
from tests.support.cases import EXAMPLES, NOW, make_case

Event = tuple[str, str | None, str]  # kind, outcome, "MM-DD HH:MM" in 2026 (or YYYY-MM-DD HH:MM)


def at(text: str) -> dt.datetime:
    full = text if len(text) > 11 else f"2026-{text}"
    return dt.datetime.fromisoformat(full).replace(tzinfo=JST)


def in_a_window(calendar: BusinessCalendar, moment: dt.datetime) -> bool:
    local = moment.astimezone(JST)
    return any(w.start <= local < w.end for w in calendar.segments(local.date()))


WITHDRAW: list[tuple[str, list[Event], str, str | None, str | None]] = [
    ("nothing yet", [], "preparing", "call", "11-26 10:00"),
    ("absent in the morning", [("called", "absent", "11-26 10:05")], "contacting", "call_again", "11-26 13:00"),
    ("absent at the end of the day", [("called", "absent", "11-26 16:50")], "contacting", "call_again", "11-27 10:00"),
    ("absent in the lunch hour", [("called", "absent", "11-26 12:10")], "contacting", "call_again", "11-26 13:00"),
    ("absent twice: write first", [("called", "absent", "11-26 10:05"), ("called", "absent", "11-26 13:10")], "contacting", "email_first", "11-26 13:10"),
    ("a note does not break a run of absences", [("called", "absent", "11-26 10:05"), ("note", None, "11-26 10:06"), ("called", "absent", "11-26 13:10")], "contacting", "email_first", "11-26 13:10"),
    ("reaching someone breaks the run", [("called", "absent", "11-26 10:05"), ("called", "reached", "11-26 13:05"), ("called", "absent", "12-01 10:05")], "contacting", "call_again", "12-01 13:00"),
    ("reached: follow up after two silent days", [("called", "reached", "11-26 10:10")], "awaiting", "follow_up", "12-01 10:00"),
    ("emailed: follow up after two silent days", [("emailed", None, "11-26 13:30")], "awaiting", "follow_up", "12-01 10:00"),
    ("emailed on a Friday: the weekend does not count", [("emailed", None, "11-27 10:00")], "awaiting", "follow_up", "12-02 10:00"),
    ("emailed before the new-year closure", [("emailed", None, "12-25 10:00")], "awaiting", "follow_up", "2027-01-05 10:00"),
    ("visited", [("visited", None, "11-27 10:00")], "awaiting", "follow_up", "12-02 10:00"),
    ("letter sent", [("letter_sent", None, "11-27 15:00")], "awaiting", "follow_up", "12-02 10:00"),
    ("accepted: confirm the next steps", [("answered", "accepted", "11-27 10:00")], "accepted", "confirm", "11-27 10:00"),
    ("accepted in the evening", [("answered", "accepted", "11-27 19:00")], "accepted", "confirm", "11-30 10:00"),
    ("refused: nothing is due", [("answered", "refused", "11-27 10:00")], "refused", None, None),
    ("asked to come in", [("answered", "come_in", "11-27 10:00")], "contacting", "visit", "11-30 10:00"),
    ("asked to call back", [("answered", "call_back", "11-26 10:20")], "contacting", "call_back", "11-26 13:00"),
    ("a note changes nothing", [("note", None, "11-26 09:00")], "preparing", "call", "11-26 10:00"),
    ("accepted, then a missed call", [("answered", "accepted", "11-27 10:00"), ("called", "absent", "11-27 10:30")], "accepted", "confirm", "11-27 10:00"),
    ("accepted, then confirmed by email", [("answered", "accepted", "11-27 10:00"), ("emailed", None, "11-27 10:30")], "accepted", None, None),
    ("refused, then a thank-you email", [("answered", "refused", "11-27 10:00"), ("emailed", None, "11-27 10:30")], "refused", None, None),
    ("events count in time order, not logging order", [("emailed", None, "11-27 10:00"), ("called", "absent", "11-26 10:05")], "awaiting", "follow_up", "12-02 10:00"),
]  # fmt: skip

DECLINE: list[tuple[str, list[Event], str, str | None, str | None]] = [
    ("nothing yet", [], "preparing", "call-1", "11-26 10:00"),
    ("said on the phone", [("called", "reached", "11-26 10:10")], "declined", None, None),
    ("written", [("emailed", None, "11-26 10:10")], "declined", None, None),
    ("absent", [("called", "absent", "11-26 10:05")], "contacting", "call_again", "11-26 13:00"),
    ("absent twice: email the decline", [("called", "absent", "11-26 10:05"), ("called", "absent", "11-26 13:10")], "contacting", "decline_email_first", "11-26 13:10"),
    # Issue 17: a request to come in (or to think again) is answered in writing, keeping the decline.
    ("asked to come in", [("answered", "come_in", "11-26 10:10")], "contacting", "decline_keep", "11-26 10:10"),
    ("the company acknowledges", [("answered", "accepted", "11-26 15:00")], "declined", None, None),
    ("declined, then the company answers", [("emailed", None, "11-26 10:10"), ("answered", "accepted", "11-26 15:00")], "declined", None, None),
]  # fmt: skip


def run(store: Store, case_id: str, events: list[Event]) -> Any:
    summary = services.get_case(store, case_id).summary
    for kind, outcome, when in events:
        summary = services.log_event(
            store, case_id, kind, outcome=outcome, at=at(when), now=NOW
        ).case
    return summary


def check(
    summary: Any, status: str, step: str | None, due: str | None, calendar: BusinessCalendar
) -> None:
    assert summary.status == status
    assert summary.next_step == step
    if due is None:
        assert summary.next_due is None and summary.next_title is None
    else:
        assert summary.next_due == at(due)
        assert summary.next_title
        assert in_a_window(calendar, summary.next_due), summary.next_due


def withdrawal_case() -> tuple[Case, Company]:
    case = make_case()
    return case, case.company


def decline_case() -> tuple[Case, Company]:
    case = load_case(EXAMPLES / "decline-three.toml")
    assert isinstance(case, DeclineCase)
    return case, case.companies[0]


@pytest.mark.parametrize(
    ("make", "name", "events", "status", "step", "due"),
    [(withdrawal_case, *row) for row in WITHDRAW] + [(decline_case, *row) for row in DECLINE],
    ids=[f"withdraw-{r[0]}" for r in WITHDRAW] + [f"decline-{r[0]}" for r in DECLINE],
)
def test_events(
    shared_store: Store,
    make: Callable[[], tuple[Case, Company]],
    name: str,
    events: list[Event],
    status: str,
    step: str | None,
    due: str | None,
) -> None:
    case, company = make()
    added = services.add_case(shared_store, case, NOW)[0]
    check(run(shared_store, added.id, events), status, step, due, calendar_for(company))


def test_company_closed_days_and_hours_move_the_due_time(shared_store: Store) -> None:
    case = make_case(company__closed_days=[dt.date(2026, 11, 27)], company__hours="10:00-19:00")
    added = services.add_case(shared_store, case, NOW)[0]
    summary = run(shared_store, added.id, [("called", "absent", "11-26 17:50")])
    assert summary.next_due == at("11-30 11:00")  # Friday closed; opens at 10, calls from 11
    assert in_a_window(calendar_for(case.company), summary.next_due)


def test_every_event_in_every_situation_has_a_rule() -> None:
    book = rule_book()
    for purpose in PURPOSES:
        for status in STATUSES:
            for absences in (0, 1, 2):
                for kind in EVENT_KINDS:
                    for outcome in OUTCOMES.get(kind, (None,)):
                        facts = EventFacts(kind, outcome, NOW)
                        state = State(status, None, absences)
                        assert any(rule.matches(facts, purpose, state) for rule in book.rules)


any_event = st.sampled_from(
    [(kind, outcome) for kind in EVENT_KINDS for outcome in OUTCOMES.get(kind, (None,))]
)
any_moment = st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2028, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    event=any_event,
    moment=any_moment,
    purpose=st.sampled_from(PURPOSES),
    status=st.sampled_from(STATUSES),
    absences=st.integers(0, 3),
    hours=st.sampled_from(["09:00-18:00", "08:30-17:30", "10:00-19:00", "11:00-20:00"]),
)
def test_every_due_time_is_in_a_call_window_and_not_before_the_event(
    event: tuple[str, str | None],
    moment: dt.datetime,
    purpose: str,
    status: str,
    absences: int,
    hours: str,
) -> None:
    calendar = calendar_for(make_case(company__hours=hours).company)
    facts = EventFacts(event[0], event[1], moment.replace(tzinfo=JST))
    after = apply(State(status, None, absences), facts, purpose, calendar)
    if after.due is not None and after.due.at is not None:
        assert after.due.at >= facts.at
        assert in_a_window(calendar, after.due.at)


def test_every_status_event_and_outcome_has_a_japanese_label() -> None:
    from naitei.labels import label

    for status in STATUSES:
        assert label("case_status", status)
    for kind in EVENT_KINDS:
        assert label("event", kind)
        for outcome in OUTCOMES.get(kind, ()):
            assert label("outcome", outcome)
    for purpose in PURPOSES:
        assert label("purpose", purpose)
