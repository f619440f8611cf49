"""Findings of the independent reader of 2026-12-03 that concern whole withdrawal documents
(A4, C22, the apologies' single list of conditions)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from naitei.calendar import JST
from naitei.case import parse_case
from naitei.compose import draft
from naitei.compose.words import analyse
from naitei.errors import CaseError
from tests.support.cases import MID_CAREER, NOW, case_data, make_case
from tests.unit.compose.golden import case_names, documents


def test_a_decline_made_the_day_of_the_call_is_said_by_its_date() -> None:
    """Reader 3, B2: 本日 and 昨日 are false as soon as the user acts a day later (the plan
    allows a retry), so the decline's day is always its date; and a decline that recent is no
    先日 in the candour line."""
    morning = dt.datetime(2026, 11, 25, 8, 0, tzinfo=JST)  # the first call window is 10:00
    case = make_case(
        decline__declined_at=dt.datetime(2026, 11, 25, 7, 30, tzinfo=JST),
        withdrawal__why="changed_mind",
    )
    email = draft("email", case, morning).text
    assert "11月25日にお伝えした内定辞退の撤回" in email
    assert "11月25日に内定を辞退いたしました件" in draft("phone", case, morning).text
    for text in (email, draft("letter", case, morning).text):
        assert not re.search("(本日|昨日)、?(お伝え|内定を|には)", text)
        assert "昨日" not in text and "先日の私の判断" not in text
        assert "前言を翻すお願いとなり、私の判断の至らなさ" in text


def test_a_decline_of_the_day_before_the_call_is_said_by_its_date() -> None:
    case = make_case(decline__declined_at=dt.datetime(2026, 11, 25, 11, 0, tzinfo=JST))
    text = draft("email", case, NOW).text  # the call: 11/26
    assert "11月25日にお伝えした内定辞退の撤回" in text and "昨日" not in text


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


LONGEST = 90  # characters: a sentence a reader can still say in one breath (reader B16)
_SPEAKER = re.compile(r"^[-・#* ]*(?:[^：\n]{0,30}、)?(?:あなた|相手|担当者)：")


@pytest.mark.parametrize("name", case_names())
def test_no_generated_sentence_runs_past_a_breath(name: str) -> None:
    """The joined apologies and the visit's opening were 114 and 85 characters long: joined
    clauses now stop at the phrase bank's max_length, and the visit says two sentences."""
    for kind, text in documents(name).items():
        for line in text.splitlines():
            for sentence in re.split(r"(?<=[。？])", _SPEAKER.sub("", line.strip())):
                assert len(sentence.strip("\u3000 ")) <= LONGEST, (kind, sentence)


def test_the_visit_opening_after_a_proxy_is_two_sentences() -> None:
    case = make_case(decline__channel="proxy")
    visit = draft("visit", case, NOW).text
    assert "うえに、" not in visit
    assert "自ら何も申し上げずにおりました。そのうえで" in visit


@pytest.mark.parametrize(
    ("detail", "said"),
    [  # reader A3: how the decline was conveyed is no cause of it
        (
            "大手の内定が出て、辞退代行サービスに連絡を頼んだため",
            "他社からも内定をいただき、辞退を決めました。",
        ),
        (
            "父の介護が必要になり、エージェントに伝えてもらったため",
            "父の介護が必要になり、辞退を決めました。",
        ),
        ("大学院への進学を選び、メールで伝えたため", "大学院への進学を選び、辞退を決めました。"),
    ],
)
def test_how_the_decline_was_conveyed_is_split_off_the_reason(detail: str, said: str) -> None:
    case = make_case(decline__channel="proxy", decline__reason_detail=detail)
    for kind in ("email", "letter", "phone", "visit"):
        text = draft(kind, case, NOW).text
        assert said in text, kind
        assert "大手" not in text and "頼んだため" not in text and "もらったため" not in text


def test_a_reason_that_only_tells_how_the_decline_was_conveyed_is_refused() -> None:
    with pytest.raises(CaseError) as caught:
        parse_case(case_data(decline__reason_detail="辞退代行サービスに連絡を頼んだため"))
    assert (
        "[decline].reason_detail: 「辞退代行サービスに連絡を頼んだため」は、辞退をどう伝えたか"
        in str(caught.value)
    )


def test_a_notice_received_by_email_is_no_conveyance() -> None:
    text = analyse("他社の内定が取り消され、メールで連絡を受けたため").text
    assert text == "他社の内定が取り消され、メールで連絡を受けたため"


@pytest.mark.parametrize(
    ("detail", "cause"),
    [  # reader C24: the doubt and its outcome said one thing twice
        ("大学院に進学するか迷っていて、進学を選びました", "大学院への進学を選んだためでした"),
        (
            "地元の企業に就職するか迷っており、就職を決めたため",
            "地元の企業への就職を決めたためでした",
        ),
    ],
)
def test_a_doubt_resolved_the_same_way_is_said_once(detail: str, cause: str) -> None:
    case = make_case(decline__reason="study", decline__reason_detail=detail)
    assert cause in draft("email", case, NOW).text


def test_a_retention_by_the_current_employer_is_attributed_to_it() -> None:
    """Reader B12: 引き止めの際に約束された配置転換 read as the addressee's own promise."""
    case = make_case(
        **MID_CAREER,
        decline__reason="conditions",
        decline__reason_detail="現職から強く引き止められ、断り切れずに残ることにしたため",
        decline__company_response="retained",
        withdrawal__why="other",
        withdrawal__why_detail="引き止めの際に約束された配置転換が見送られることになりました",
    )
    said = "その後、現職で引き止めの際に約束された配置転換が見送られることになりました。"
    assert said in draft("email", case, NOW).text
    own = make_case(  # a new graduate has no 現職: the retention is left as written
        decline__reason_detail="",
        withdrawal__why="other",
        withdrawal__why_detail="引き止めの際に伺ったお話を改めて考え直しました",
    )
    assert "現職で" not in draft("email", own, NOW).text


def test_without_a_phone_number_the_unreached_email_claims_no_call() -> None:
    """Reader B15: 「本日お電話いたしましたが…ご不在」 was sent where no number was known."""
    case = make_case(company__phone=None)
    mail = draft("email", case, NOW, after_call=False)
    assert "お電話いたしましたが" not in mail.text and "追ってお電話いたします" not in mail.text
    assert "突然のメールにて失礼いたします。" in mail.text
    assert "電話をしたとは書きません" in mail.title
    called = draft("email", make_case(company__phone="03-1234-5678"), NOW, after_call=False)
    assert "本日お電話いたしましたが" in called.text


def test_warm_words_through_an_agent_came_from_the_employer_not_the_contact() -> None:
    """Reader 3, A2: a retained decline made through an agent or a proxy: the warm words came
    through them, so the letter to the contact says 貴社から, never the contact's name."""
    for channel, via in (("agent", "agent"), ("proxy", "direct")):
        case = make_case(
            decline__channel=channel,
            decline__company_response="retained",
            offer__via=via,
            offer__agent_name="エン・ジャパン" if via == "agent" else "",
        )
        letter = draft("letter", case, NOW).text
        assert "貴社から温かいお言葉" in letter, channel
    direct = make_case(decline__channel="phone", decline__company_response="retained")
    assert "貴社から温かいお言葉" not in draft("letter", direct, NOW).text


def test_a_vocational_school_is_said_as_school_and_a_recommendation_is_no_misconduct() -> None:
    """Reader 3, B11: 「専門学校から」 reads as a placeholder; a recommended offer declined is a
    worry caused to both, not 「信頼関係を損ないかねない振る舞い」."""
    case = make_case(offer__via="school", applicant__school="北星福祉専門学校")
    letter = draft("letter", case, NOW).text
    assert "学校推薦をいただいた内定で、貴社と学校にご心配をおかけした" in letter
    assert "専門学校から" not in letter and "振る舞い" not in letter


@pytest.mark.parametrize(("reason", "private"), [("health", "病状など"), ("relocation", "事情")])
def test_the_visit_names_the_papers_the_case_has(reason: str, private: str) -> None:
    """Reader 3, B12: 病状 only when the evidence is medical."""
    case = make_case(decline__reason=reason, withdrawal__evidence=True)
    visit = draft("visit", case, NOW).text
    assert f"があることを伝え、求められたらお見せします。{private}の詳しい内容まで" in visit
    if reason != "health":
        assert "病状" not in visit


def test_a_plan_that_fell_through_is_owned_as_a_fallback() -> None:
    """Reader 3, B7: failing the exam the decline was for is a fallback like a lost offer."""
    case = make_case(
        decline__reason="study",
        withdrawal__why="situation_resolved",
        withdrawal__why_detail="大学院の入試に不合格となりました",
    )
    assert "当初の予定がかなわなかったからといってお願いするのは" in draft("email", case, NOW).text
    settled = make_case(
        decline__reason="family",
        withdrawal__why="situation_resolved",
        withdrawal__why_detail="父の容体が落ち着きました",
    )
    assert "当初の予定がかなわなかった" not in draft("email", settled, NOW).text
