"""The five conditions and the verdict band (CONTRACTS §3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from naitei.assess import CONDITION_IDS, assess
from naitei.calendar import JST
from naitei.errors import InputError
from tests.support.cases import NOW, make_case


def test_contract_shape() -> None:
    data = assess(make_case(), NOW).to_dict()
    assert data["verdict"] in ("possible", "hard", "very_hard", "near_impossible")
    assert [c["id"] for c in data["conditions"]] == list(CONDITION_IDS)
    for condition in data["conditions"]:
        assert condition["status"] in ("met", "unmet", "unknown")
        assert condition["title"] and condition["explanation"] and condition["advice"]
    assert isinstance(data["blockers"], list)
    assert all(isinstance(note, str) for note in data["notes"])


def test_filled_position_is_near_impossible_with_a_blocker() -> None:
    result = assess(make_case(withdrawal__position="filled", decline__channel="visit"), NOW)
    assert result.verdict == "near_impossible"
    assert [b.id for b in result.blockers] == ["position_filled"]


def test_best_case_is_only_possible() -> None:
    case = make_case(
        decline__declined_at=NOW - dt.timedelta(hours=3),
        decline__channel="visit",
        decline__company_response="retained",
        decline__reason="family",
        withdrawal__position="open",
        withdrawal__evidence=True,
        withdrawal__why="situation_resolved",
        offer__accepted=False,
    )
    result = assess(case, NOW)
    assert result.verdict == "possible"
    assert result.verdict_label == "可能性あり"
    assert {c.id: c.status for c in result.conditions} == {
        "baseline": "met",
        "position_open": "met",
        "needed": "met",
        "unavoidable_reason": "met",
        "decline_conduct": "met",
    }


def test_unknown_position_caps_at_hard() -> None:
    case = make_case(
        decline__declined_at=NOW - dt.timedelta(hours=3),
        decline__channel="visit",
        decline__company_response="retained",
        offer__accepted=False,
    )
    assert assess(case, NOW).verdict == "hard"


def test_silent_email_decline_long_ago_is_near_impossible() -> None:
    case = make_case(
        decline__declined_at=NOW - dt.timedelta(days=40),
        decline__channel="chat",
        decline__explained=False,
        decline__thanked=False,
        decline__company_response="none",
    )
    assert assess(case, NOW).verdict == "near_impossible"


def test_start_date_passed_is_a_blocker() -> None:
    # declined 11-20, before the start date; the start date (11-23) passed before NOW (11-25)
    case = make_case(offer__start_date=dt.date(2026, 11, 23))
    result = assess(case, NOW)
    assert "start_passed" in [b.id for b in result.blockers]
    assert result.verdict in ("very_hard", "near_impossible")


@pytest.mark.parametrize(
    ("changes", "note"),
    [
        ({"offer__accepted": True}, "大日本印刷事件、最二小判昭和54年7月20日"),
        ({"offer__accepted": False}, "労働契約はまだ成立していない"),
        ({"decline__company_response": "acknowledged"}, "大隈鐵工所事件、最三小判昭和62年9月18日"),
        (
            {"offer__start_date": dt.date(2027, 4, 1)},
            "2週間後は2026年12月4日で、入社予定日（2027年4月1日）より前",
        ),
        ({"offer__start_date": dt.date(2026, 12, 1)}, "入社予定日（2026年12月1日）以降"),
        ({}, "民法627条1項"),
        (
            {"offer__via": "agent", "offer__agent_name": "キャリアブリッジ"},
            "キャリアブリッジの担当者",
        ),
        ({"offer__via": "school"}, "東西大学の就職支援のご担当の方"),
        ({}, "弁護士"),
        ({}, "法的助言ではありません"),
    ],
)
def test_notes_cover_the_legal_background_and_routes(changes: dict[str, object], note: str) -> None:
    notes = "\n".join(assess(make_case(**changes), NOW).notes)
    assert note in notes


def test_no_percentage_or_promise_anywhere() -> None:
    for position in ("open", "unknown", "filled"):
        text = str(assess(make_case(withdrawal__position=position), NOW).to_dict())
        assert not re.search(r"[%％]|必ず撤回|確実に|成功率", text)


def test_now_before_the_decline_is_bad_input() -> None:
    with pytest.raises(InputError) as raised:
        assess(make_case(), dt.datetime(2026, 11, 1, tzinfo=JST))
    assert raised.value.field == "now"


def test_days_count_in_japan_time() -> None:
    # 23:30 JST on the 20th and 00:30 JST on the 21st are one calendar day apart.
    case = make_case(decline__declined_at=dt.datetime(2026, 11, 20, 23, 30, tzinfo=JST))
    assert assess(case, dt.datetime(2026, 11, 21, 0, 30, tzinfo=JST)).days_since_decline == 1
    assert assess(case, dt.datetime(2026, 11, 20, 23, 45, tzinfo=JST)).days_since_decline == 0
