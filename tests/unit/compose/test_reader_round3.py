"""Findings of the independent reader of 2026-12-03 that concern whole withdrawal documents
(A4, C22, the apologies' single list of conditions)."""

from __future__ import annotations

import datetime as dt

import pytest

from naitei.calendar import JST
from naitei.compose import draft
from tests.support.cases import NOW, make_case


def test_a_decline_made_the_day_of_the_call_is_said_as_today() -> None:
    morning = dt.datetime(2026, 11, 25, 8, 0, tzinfo=JST)  # the first call window is 10:00
    case = make_case(decline__declined_at=dt.datetime(2026, 11, 25, 7, 30, tzinfo=JST))
    assert "本日お伝えした内定辞退の撤回" in draft("email", case, morning).text
    assert "本日、内定を辞退いたしました件" in draft("phone", case, morning).text
    assert "11月25日" not in draft("email", case, morning, after_call=False).text


def test_a_decline_of_the_day_before_the_call_is_said_as_yesterday() -> None:
    case = make_case(decline__declined_at=dt.datetime(2026, 11, 25, 11, 0, tzinfo=JST))
    assert "昨日お伝えした内定辞退の撤回" in draft("email", case, NOW).text  # the call: 11/26


def test_an_older_decline_keeps_its_date_and_the_letter_always_does() -> None:
    case = make_case()  # declined 11/20, the call on 11/26
    assert "11月20日にお伝えした" in draft("email", case, NOW).text
    late = make_case(decline__declined_at=dt.datetime(2026, 11, 25, 11, 0, tzinfo=JST))
    assert "11月25日には" in draft("letter", late, NOW).text


@pytest.mark.parametrize("why", ["changed_mind", "other", "situation_resolved", "other_offer_lost"])
@pytest.mark.parametrize("channel", ["phone", "email", "proxy", "agent"])
def test_decline_is_not_named_named_again_after_the_reason(why: str, channel: str) -> None:
    """The reason sentence names the decline (辞退を決めたのは…, …結果、辞退を決めました); the
    fixed sentences after it (what changed, the candour) say 当時 / 当初の判断 instead, and 一度
    is said once (A4, C22)."""
    case = make_case(
        withdrawal__why=why,
        withdrawal__why_detail="家族と話し合い、通勤できる見通しが立ちました"
        if why == "other"
        else "",
        decline__channel=channel,
        offer__via="agent" if channel == "agent" else "direct",
        offer__agent_name="エン・ジャパン" if channel == "agent" else "",
    )
    for kind in ("email", "letter"):
        text = draft(kind, case, NOW).text
        said = [s for line in text.splitlines() for s in line.split("。") if s.strip()]
        after_reason = [s for s in said if s.startswith("その後") or "判断の至らな" in s]
        assert after_reason, kind
        assert not [s for s in after_reason if "辞退" in s], kind
        assert text.count("一度") <= 1, kind
