"""Export → delete everything → import gives back identical data; importing twice changes
nothing; a bad file is refused with its place named and nothing written."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from naitei.calendar import JST
from naitei.case import parse_case
from naitei.errors import InputError
from naitei.services import cases as services
from naitei.store.engine import Store
from naitei.vocabulary import EVENT_KINDS, OUTCOMES
from tests.support.cases import NOW, make_case
from tests.support.strategies import withdrawal_data

LATER = NOW + dt.timedelta(days=1)

# Free text as users type it: Japanese, ASCII, newlines; no other control characters.
free_text = st.text(
    alphabet=st.characters(
        categories=["L", "N", "P", "S", "Zs"], include_characters="\n", exclude_characters="\r"
    ),
    max_size=60,
)
# Who was spoken to: one line (issue 14: a name, like every one-line field).
one_line_text = free_text.map(lambda text: text.replace("\n", " "))
events = st.lists(
    st.tuples(
        st.sampled_from(
            [(kind, outcome) for kind in EVENT_KINDS for outcome in OUTCOMES.get(kind, (None,))]
        ),
        st.integers(0, 60 * 24 * 30),  # minutes after the case was added
        st.fixed_dictionaries(  # the event's own words
            {
                "with_whom": st.none() | one_line_text,
                "said": st.none() | free_text,
                "note": st.none() | free_text,
            }
        ),
    ),
    max_size=6,
)


def delete_everything(store: Store) -> None:
    for case in services.list_cases(store):
        services.delete_case(store, case.id)


def without_stamp(export: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in export.items() if key != "exported_at"}


def fill(
    store: Store, cases: list[tuple[dict[str, Any], dt.datetime]], timelines: list[Any]
) -> None:
    for (data, now), timeline in zip(cases, timelines, strict=False):
        case_id = services.add_case(store, parse_case(data), now)[0].id
        for (kind, outcome), minutes, words in timeline:
            moment = now + dt.timedelta(minutes=minutes, microseconds=minutes)
            services.log_event(
                store, case_id, kind, outcome=outcome, at=moment, now=moment, **words
            )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    cases=st.lists(withdrawal_data(), min_size=1, max_size=3),
    timelines=st.lists(events, min_size=3, max_size=3),
)
def test_export_delete_import_gives_back_identical_data(
    store: Store, cases: list[tuple[dict[str, Any], dt.datetime]], timelines: list[Any]
) -> None:
    delete_everything(store)
    fill(store, cases, timelines)
    before = services.export_all(store, NOW)
    delete_everything(store)
    assert services.export_all(store, NOW)["cases"] == []
    result = services.import_all(store, copy.deepcopy(before), "export.json", LATER)
    assert result.cases_added == len(cases)
    after = services.export_all(store, NOW)
    assert without_stamp(after) == without_stamp(before)
    again = services.import_all(store, copy.deepcopy(before), "export.json", LATER)
    assert (again.cases_added, again.events_added, again.unchanged) == (0, 0, len(cases))
    assert without_stamp(services.export_all(store, NOW)) == without_stamp(before)


def test_import_adds_only_the_events_a_known_case_lacks(store: Store) -> None:
    case_id = services.add_case(store, make_case(), NOW)[0].id
    services.log_event(store, case_id, "called", outcome="absent", at=LATER, now=LATER)
    older = services.export_all(store, LATER)
    services.log_event(store, case_id, "emailed", at=LATER, now=LATER)
    newer = services.export_all(store, LATER)
    delete_everything(store)
    services.import_all(store, older, "older.json", LATER)
    result = services.import_all(store, newer, "newer.json", LATER)
    assert (result.cases_added, result.events_added) == (0, 1)
    assert without_stamp(services.export_all(store, LATER)) == without_stamp(newer)
    result = services.import_all(store, older, "older.json", LATER)  # nothing is lost either
    assert (result.events_added, result.unchanged) == (0, 1)
    assert without_stamp(services.export_all(store, LATER)) == without_stamp(newer)


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("format",), "something-else", "naitei case export"),
        (("version",), 2, "version 2"),
        (("cases", 0, "status"), "lost", r"cases\[0\]\.status"),
        (("cases", 0, "events", 0, "kind"), "shouted", r"cases\[0\]\.events\[0\]\.kind"),
        (("cases", 0, "events", 0, "outcome"), "accepted", "reached, absent"),
        (("cases", 0, "case", "decline", "channel"), "fax", r"\[decline\]\.channel"),
        (("cases", 0, "company"), "別の会社", "company"),
        (("cases", 0, "id"), "../../etc", r"cases\[0\]\.id"),
        # issue 14: imports that bricked the store on SQLite and PostgreSQL alike
        (("cases", 0, "next_due", "at"), "9999-12-31T23:00:00+00:00", r"next_due\.at: 2000年"),
        (("cases", 0, "plan"), {}, r"cases\[0\]\.plan: now"),
        (("cases", 0, "events", 0, "at"), "0001-01-01T00:00:00+14:00", r"events\[0\]\.at: 2000年"),
        (("cases", 0, "plan", "steps", 0, "title"), "\x1b]0;x\x07", r"steps\[0\]\.title"),
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_written(
    store: Store, path: tuple[Any, ...], value: Any, message: str
) -> None:
    case_id = services.add_case(store, make_case(), NOW)[0].id
    services.log_event(store, case_id, "called", outcome="absent", at=LATER, now=LATER)
    data = services.export_all(store, LATER)
    delete_everything(store)
    valid = copy.deepcopy(data["cases"][0])
    valid["id"], valid["events"] = "validcase", []
    data["cases"].append(valid)  # a valid case too: it must not come in either
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(InputError, match=message):
        services.import_all(store, data, "export.json", LATER)
    assert services.list_cases(store) == []


def test_json_dates_keep_their_offset(store: Store) -> None:
    case_id = services.add_case(store, make_case(), NOW)[0].id
    moment = dt.datetime(2026, 11, 26, 10, 5, 7, 123456, tzinfo=JST)
    services.log_event(store, case_id, "note", note="n", at=moment, now=moment)
    event = services.export_all(store, NOW)["cases"][0]["events"][0]
    assert event["at"] == "2026-11-26T10:05:07.123456+09:00"
