"""The user's words and the phrases chosen by the facts, on every route and employer kind: the
employer is named as the document names it (貴行, 入行; 同社/先方 to the agent), and the reason
is introduced by how the decline was made (told, through a proxy, or never made)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naitei.case import DeclineCase, WithdrawalCase, parse_case
from naitei.compose import draft
from naitei.compose.sentences import candour, past_reason, story_facts, what_changed
from tests.support.cases import AGENT, NOW, make_case

BANK = {"company__name": "株式会社みなと銀行"}


def written(case: WithdrawalCase) -> str:
    email = draft("email", case, NOW).text
    return "\n".join([email, draft("email", case, NOW, after_call=False).text])


def spoken(case: WithdrawalCase) -> str:
    return "\n".join(draft(kind, case, NOW).text for kind in ("phone", "visit"))


def all_texts(case: WithdrawalCase) -> str:
    return "\n".join([written(case), spoken(case), draft("letter", case, NOW).text])


def decline_to_agent(detail: str, name: str = "株式会社みなと銀行") -> DeclineCase:
    data: dict[str, Any] = {
        "version": 1,
        "purpose": "decline",
        "applicant": {"name": "内田 智子", "kind": "mid_career", "email": "t@example.com"},
        "decline": {"reason": "other_offer", "reason_detail": detail},
        "companies": [
            {
                "name": name,
                "accepted": True,
                "via": "agent",
                "agent_name": "キャリアブリッジ",
                "agent_contact": "鈴木",
            }
        ],
    }
    case = parse_case(data)
    assert isinstance(case, DeclineCase)
    return case


@pytest.mark.parametrize(
    ("name", "same"), [("株式会社みなと銀行", "先方"), ("株式会社サンプル", "同社")]
)
@pytest.mark.parametrize("form", ["御社", "貴社"])
def test_a_decline_to_the_agent_names_the_company_in_the_users_words(
    name: str, same: str, form: str
) -> None:
    case = decline_to_agent(f"{form}と最後まで迷いましたが、他社への入社を決めたため", name)
    email = draft("decline-email", case, NOW).text
    assert (
        f"{same}と最後まで迷いましたが、他社への入社を決めたため、このような結論に至りました。"
        in (email)
    )
    assert "貴社" not in email and "御社" not in email
    phone = draft("decline-phone", case, NOW).text
    assert "先方と最後まで迷いましたが" in phone and "貴社" not in phone


def test_a_withdrawal_to_the_agent_names_the_company_in_every_answer() -> None:
    case = make_case(
        **AGENT,
        **BANK,
        decline__reason_detail="御社と最後まで迷いましたが、他社への入社を決めたため",
        withdrawal__why="changed_mind",
        withdrawal__why_detail="御社で働きたいという思いが強いことに改めて気づきました",
        withdrawal__strengths=["御社のインターンシップで学んだ融資の基本"],
    )
    email = written(case)
    # 先方, not 同行 (read どうこう first; reader 3, B8)
    assert "先方と最後まで迷いましたが" in email and "同行" not in email
    assert "その後、先方で働きたいという思いが強いことに改めて気づきました。" in email
    assert "先方のインターンシップで学んだ融資の基本を生かして" in email
    assert "貴社" not in email and "貴行" not in email
    phone = draft("phone", case, NOW).text
    assert "先方と最後まで迷いましたが" in phone and "御行" not in phone


@pytest.mark.parametrize(
    ("channel", "lead"),
    [
        ("phone", "辞退を申し上げたのは、"),
        ("agent", "辞退を申し上げたのは、"),
        ("proxy", "辞退の理由は、"),
        ("none", "お返事ができずにおりましたのは、"),
    ],
)
def test_the_reason_is_introduced_by_how_the_decline_was_made(channel: str, lead: str) -> None:
    case = make_case(decline__channel=channel, decline__reason="family")
    text = all_texts(case)
    assert f"{lead}家庭の事情により" in text
    if channel in ("proxy", "none"):
        assert "辞退を申し上げたのは" not in text


@pytest.mark.parametrize(
    ("channel", "said"),
    [
        ("phone", "辞退の際にはお伝えしませんでしたが、辞退を決めたのは、父の介護のためでした。"),
        ("proxy", "これまでお伝えしておりませんでしたが、辞退の理由は、父の介護のためでした。"),
        (
            "none",
            "これまでお伝えしておりませんでしたが、お返事ができずにおりましたのは、父の介護のためでした。",
        ),
    ],
)
def test_a_reason_never_given_is_told_now_as_what_happened(channel: str, said: str) -> None:
    case = make_case(
        decline__channel=channel, decline__reason="undisclosed", decline__reason_detail="父の介護"
    )
    assert said in all_texts(case)


def test_a_proxy_decline_without_a_reason_is_not_apologised_for_as_silence() -> None:
    told = past_reason("undisclosed", "", "written", facts={"mode": "told"})
    proxy = past_reason("undisclosed", "", "written", facts={"mode": "proxy"})
    silent = past_reason("undisclosed", "", "written", silent=True)
    assert told.startswith("辞退の際には")
    assert "何もお伝えしない" not in proxy and "辞退の際" not in proxy
    assert "何もお伝えしないまま" in silent
    assert past_reason("undisclosed", "", "written", facts={"silent": "true"}) == silent


@pytest.mark.parametrize("why", ["changed_mind", "other", "situation_resolved"])
def test_silence_is_never_told_as_a_decline_made(why: str) -> None:
    detail = "指導教員と相談を重ねました" if why == "other" else ""
    case = make_case(
        decline__channel="none",
        decline__reason="fit",
        withdrawal__why=why,
        withdrawal__why_detail=detail,
    )
    text = all_texts(case)
    for wrong in ("迷いの末", "辞退を申し上げた", "辞退をお伝えした", "辞退の際", "整った"):
        assert wrong not in text, wrong


@pytest.mark.parametrize(
    ("reason", "changed"),
    [
        ("health", "その後、療養を経て、入行後の勤務に支障がなくなりました。"),
        ("family", "その後、家庭の事情が落ち着き、入行に支障がなくなりました。"),
        ("relocation", "その後、転居にかかわる事情が解消し、入行に支障がなくなりました。"),
        ("conditions", "その後、当時の事情が解消し、入行に支障がなくなりました。"),
    ],
)
def test_phrases_chosen_by_the_facts_follow_the_employer_kind(reason: str, changed: str) -> None:
    case = make_case(**BANK, decline__reason=reason, withdrawal__why="situation_resolved")
    assert changed in written(case)
    assert "改めて貴行で働きたい" in written(case)
    assert "改めて御行で働きたい" in spoken(case)
    text = all_texts(case)
    assert "貴社" not in text and "御社" not in text and "入社に支障" not in text
    if reason == "health":
        assert "整った" not in text and "体調の戻った今" in text


@pytest.mark.parametrize("reason", ["health", "family", "relocation", "conditions", "study"])
def test_what_changed_and_the_candour_after_it_do_not_repeat_a_word(reason: str) -> None:
    case = make_case(decline__reason=reason, withdrawal__why="situation_resolved")
    story = story_facts(reason, "situation_resolved")
    lines = what_changed("situation_resolved", "", "written", story) + candour(
        "situation_resolved", "written", story
    )
    for word in ("体調", "事情", "勤務", "状況"):
        assert lines.count(word) <= 1, (word, lines)
    assert lines in written(case).replace("\n", "")


def test_the_default_reason_never_says_decided_twice() -> None:
    for channel in ("phone", "proxy", "none"):
        case = make_case(decline__channel=channel, decline__reason="other_offer")
        for line in all_texts(case).splitlines():
            assert line.count("決めた") <= 1, line


def test_a_noun_phrase_of_what_changed_follows_the_employer_kind() -> None:
    case = make_case(
        **BANK,
        decline__reason="family",
        withdrawal__why="situation_resolved",
        withdrawal__why_detail="介護施設への入所",
    )
    assert "その後、介護施設への入所があり、入行に支障がなくなりました。" in written(case)


def test_the_visit_memo_asks_why_not_this_employer_by_its_own_name() -> None:
    case = make_case(**BANK, decline__reason="conditions")
    visit = draft("visit", case, NOW).text
    assert "なぜ最初から御行を選ばなかったのか" in visit
    assert "判断が至らなかったと、深く反省しております。" in visit


@pytest.mark.parametrize("days", [5, 45])
def test_an_untold_other_offer_is_not_said_twice_as_a_plan(days: int) -> None:
    case = make_case(
        decline__reason="undisclosed",
        decline__declined_at=NOW - dt.timedelta(days=days),
        withdrawal__why="other_offer_lost",
    )
    for line in all_texts(case).splitlines():
        assert line.count("入社を予定") <= 1, line
    assert "他社から内定をいただいておりました。" in written(case)
