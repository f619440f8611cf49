"""The use cases of the store, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from naitei.calendar import JST
from naitei.case import DeclineCase, load_case, parse_case
from naitei.cli.common import error_text
from naitei.errors import InputError
from naitei.services import cases as services
from naitei.store import status
from naitei.store.engine import Store
from naitei.store.models import ID_ALPHABET, ID_LENGTH
from tests.support.cases import EXAMPLES, NOW, make_case

LATER = NOW + dt.timedelta(hours=13, minutes=5)  # Thursday 10:05


def test_a_withdrawal_case_is_stored_as_valid_case_data(store: Store) -> None:
    case = make_case(company__closed_days=[dt.date(2026, 12, 28)], decline__reason_detail="理由")
    added = services.add_case(store, case, NOW)
    assert len(added) == 1
    detail = services.get_case(store, added[0].id)
    assert parse_case(detail.data) == case
    assert detail.summary.company == "株式会社サンプル"
    assert detail.summary.status == "preparing" and detail.summary.status_label == "準備中"
    assert detail.plan["now"] == NOW.isoformat()
    assert detail.summary.next_step == "call"
    assert detail.summary.next_due == dt.datetime(2026, 11, 26, 10, 0, tzinfo=JST)
    assert detail.events == []


def test_ids_are_short_random_and_not_made_from_names(store: Store) -> None:
    ids = {services.add_case(store, make_case(), NOW)[0].id for _ in range(5)}
    assert len(ids) == 5
    for case_id in ids:
        assert len(case_id) == ID_LENGTH and set(case_id) <= set(ID_ALPHABET)


def test_a_decline_file_becomes_one_case_per_company(store: Store) -> None:
    case = load_case(EXAMPLES / "decline-three.toml")
    assert isinstance(case, DeclineCase)
    added = services.add_case(store, case, NOW)
    assert [a.company for a in added] == [c.name for c in case.companies]
    assert len({a.batch_id for a in added}) == 1 and added[0].batch_id is not None
    for summary, company in zip(added, case.companies, strict=True):
        detail = services.get_case(store, summary.id)
        stored = parse_case(detail.data)
        assert isinstance(stored, DeclineCase) and stored.companies == [company]
        companies = {s.get("company") for s in detail.plan["steps"]}
        assert companies == {None, company.name}  # the shared preparation, then its own steps


def test_list_and_due(store: Store) -> None:
    first = services.add_case(store, make_case(), NOW)[0]
    second = services.add_case(store, make_case(company__name="北辰フーズ株式会社"), NOW)[0]
    services.log_event(store, first.id, "emailed", at=LATER, now=LATER)
    listed = {c.id: c for c in services.list_cases(store)}
    assert set(listed) == {first.id, second.id}
    due = services.due_cases(store)
    assert [c.id for c in due] == [second.id, first.id]  # tomorrow's call, then the follow-up
    assert due[0].next_due is not None and due[1].next_due is not None
    assert due[0].next_due < due[1].next_due


def test_events_are_kept_with_who_and_what_was_said(store: Store) -> None:
    added = services.add_case(store, make_case(), NOW)[0]
    logged = services.log_event(
        store,
        added.id,
        "called",
        outcome="reached",
        with_whom="佐藤様",
        said="検討して連絡するとのこと\n金曜までに",
        note="声は穏やかだった",
        at=LATER,
        now=LATER,
    )
    detail = services.get_case(store, added.id)
    assert [e.id for e in detail.events] == [logged.event.id]
    event = detail.events[0]
    assert (event.kind, event.outcome, event.with_whom) == ("called", "reached", "佐藤様")
    assert event.said == "検討して連絡するとのこと\n金曜までに"
    assert event.at == LATER and event.label == "電話（担当者と話せた）"
    assert detail.summary.updated_at == LATER


@pytest.mark.parametrize(
    ("kind", "outcome", "texts", "message"),
    [
        ("called", None, {}, "--outcome"),
        ("called", "accepted", {}, "reached, absent"),
        ("note", "reached", {}, "付けられません"),
        ("shouted", None, {}, "EVENT"),
        ("note", None, {"note": "a\x00b"}, "--note: 制御文字"),
        ("note", None, {"with_whom": "x" * 201}, "--with: 長すぎます"),
    ],
)
def test_bad_events_are_refused_with_the_option_named(
    store: Store, kind: str, outcome: str | None, texts: dict[str, str], message: str
) -> None:
    added = services.add_case(store, make_case(), NOW)[0]
    with pytest.raises(InputError) as raised:
        services.log_event(store, added.id, kind, outcome=outcome, at=LATER, now=LATER, **texts)
    assert message in error_text(raised.value, {"kind": "EVENT"})  # as `naitei case log` says it
    assert services.get_case(store, added.id).events == []


def test_an_unknown_case_is_named(store: Store) -> None:
    with pytest.raises(InputError, match="ケースが見つかりません: nosuchcase"):
        services.get_case(store, "nosuchcase")
    with pytest.raises(InputError):
        services.log_event(store, "nosuchcase", "note", at=LATER, now=LATER)


def test_a_failure_inside_a_use_case_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    added = services.add_case(store, make_case(), NOW)[0]

    def broken(*_: object) -> None:
        raise RuntimeError("recomputing failed after the event was written")

    monkeypatch.setattr(status, "refresh", broken)  # after the event row is added
    with pytest.raises(RuntimeError):
        services.log_event(store, added.id, "emailed", at=LATER, now=LATER)
    monkeypatch.undo()
    detail = services.get_case(store, added.id)
    assert detail.events == [] and detail.summary.status == "preparing"


def test_delete_removes_the_case_and_its_events(store: Store) -> None:
    keep = services.add_case(store, make_case(), NOW)[0]
    gone = services.add_case(store, make_case(), NOW)[0]
    for case_id in (keep.id, gone.id):
        services.log_event(store, case_id, "note", note="メモ", at=LATER, now=LATER)
    result = services.delete_case(store, gone.id)
    assert result.events == 1
    assert result.wal_cleared is (True if store.is_sqlite else None)
    assert [c.id for c in services.list_cases(store)] == [keep.id]
    assert len(services.get_case(store, keep.id).events) == 1
    with pytest.raises(InputError):
        services.delete_case(store, gone.id)


def test_a_case_from_before_its_decline_is_refused(store: Store) -> None:
    with pytest.raises(InputError):
        services.add_case(store, make_case(), dt.datetime(2026, 11, 1, tzinfo=JST))
    assert services.list_cases(store) == []
