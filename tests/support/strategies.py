"""Hypothesis strategies for valid case files (CONTRACTS §1)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from naitei.calendar import JST
from naitei.case import WithdrawalCase, parse_case

CHANNELS = ["phone", "visit", "email", "letter", "chat", "agent", "proxy", "none"]
REASONS = [
    "other_offer",
    "family",
    "health",
    "relocation",
    "conditions",
    "fit",
    "study",
    "undisclosed",
]
RESPONSES = ["retained", "acknowledged", "angry", "none"]
WHYS = ["other_offer_lost", "situation_resolved", "changed_mind", "other"]
POSITIONS = ["open", "filled", "unknown"]
HOURS = ["09:00-18:00", "08:30-17:30", "10:00-19:00", "09:30-17:00", "08:00-20:00", "11:00-20:00"]
COMPANY_NAMES = [
    "株式会社サンプル",
    "北辰フーズ株式会社",
    "合同会社アオバ",
    "有限会社みどり工房",
    "一般社団法人こもれび",
    "株式会社エヌ・ティ・ワイ",
    # employers that are not companies (issue 12): 貴行, 貴庫, 貴院, 貴市, 貴県, 貴学園, 貴学 …
    "株式会社みなと銀行",
    "東西信用金庫",
    "医療法人社団青葉会 青葉総合病院",
    "南浜市役所",
    "青葉県",
    "学校法人北斗学園",
    "国立大学法人北辰大学",
    "南浜市立みなと病院",
]
SCHOOLS = ["東西大学", "北斗工業高等学校"]

OTHER_WHY = "指導教員と相談を重ね、まずは実務を経験したいと考えるようになりました"

moments = st.datetimes(
    min_value=dt.datetime(2026, 1, 1),
    max_value=dt.datetime(2028, 12, 31),
).map(lambda moment: moment.replace(tzinfo=JST))


@st.composite
def withdrawal_data(draw: st.DrawFn) -> tuple[dict[str, Any], dt.datetime]:
    """A valid withdrawal case and a `now` not before its decline."""
    declined_at = draw(moments)
    now = declined_at + dt.timedelta(minutes=draw(st.integers(0, 200 * 24 * 60)))
    kind = draw(st.sampled_from(["new_grad", "mid_career"]))
    via = draw(st.sampled_from(["direct", "agent", "school"]))
    closed = draw(st.lists(st.dates(dt.date(2026, 1, 1), dt.date(2029, 12, 31)), max_size=5))
    # the start date is never before the decline (a case file with it so is refused)
    start = draw(st.none() | st.dates(declined_at.date(), dt.date(2029, 12, 31)))
    offer: dict[str, Any] = {"accepted": draw(st.booleans()), "via": via}
    if via == "agent":
        offer["agent_name"] = "キャリアブリッジ"
    if start:
        offer["start_date"] = start
    applicant: dict[str, Any] = {"name": "山田 太郎", "kind": kind}
    if kind == "new_grad":
        applicant["school"] = draw(st.sampled_from(SCHOOLS))
    data = {
        "version": 1,
        "purpose": "withdraw",
        "applicant": applicant,
        "company": {
            "name": draw(st.sampled_from(COMPANY_NAMES)),
            "closed_days": closed,
            "hours": draw(st.sampled_from(HOURS)),
            "contact_name": draw(st.sampled_from(["", "佐藤"])),
            "department": draw(st.sampled_from(["", "人事部"])),
        },
        "offer": offer,
        "decline": {
            "declined_at": declined_at,
            "channel": draw(st.sampled_from(CHANNELS)),
            "reason": draw(st.sampled_from(REASONS)),
            "explained": draw(st.booleans()),
            "thanked": draw(st.booleans()),
            "company_response": draw(st.sampled_from(RESPONSES)),
            "paperwork_done": draw(st.booleans()),
        },
        "withdrawal": {
            "why": (why := draw(st.sampled_from(WHYS))),
            # why = "other" says what changed (the case file requires it)
            "why_detail": OTHER_WHY if why == "other" else "",
            "position": draw(st.sampled_from(POSITIONS)),
            "evidence": draw(st.booleans()),
            "strengths": draw(st.sampled_from([[], ["設計の経験"]])),
        },
    }
    return data, now


# Realistic free text, as users write it: polite sentences, plain clauses and bare nouns.
WHY_DETAILS = [
    "",
    "入社予定の企業が事業再編により採用を取りやめ、内定が取り消されました",
    "入社予定の企業が採用を取りやめ、内定が取り消しになった",
    "父の手術が無事に終わり、介護の必要がなくなりました",
    "兄が実家に戻ることになり、介護の体制が整った",
    "主治医から四月からの就業に問題はないとの診断を受けました",
    "改めて御社の説明会の資料を読み返し、仕事への理解が深まりました",
    "家族の転勤の取りやめ",
]
REASON_DETAILS = [
    "",
    "他社から内定をいただき、熟慮の末にそちらを選んだため",  # no ranking: a decline refuses it
    "父の介護が必要になり、転居を伴う転職が難しくなったため",
    "持病の治療に専念する必要があったので",
    "大学院への進学を考えていました",
    "家族の転勤",
]
NAMES = ["山田 太郎", "佐々木 亮", "中島 さくら", "松本 健太郎", "高橋 美咲", "伊藤 健"]
CONTACTS = ["", "佐藤", "中村", "高田 一郎"]
TITLES = ["", "採用担当", "部長", "課長"]
DEPARTMENTS = ["", "人事部", "総務部 人事課", "管理本部 人事課"]
STRENGTHS = [[], ["設計の経験"], ["法人営業での十年の経験", "新規開拓の実績"]]


@st.composite
def realistic_withdrawal(draw: st.DrawFn) -> tuple[dict[str, Any], dt.datetime]:
    """A valid withdrawal case with the free text and contacts users really give."""
    data, now = draw(withdrawal_data())
    data["applicant"]["name"] = draw(st.sampled_from(NAMES))
    data["applicant"]["email"] = draw(st.sampled_from(["", "taro@example.com"]))
    data["applicant"]["phone"] = draw(st.sampled_from(["", "090-1234-5678"]))
    contact = draw(st.sampled_from(CONTACTS))
    data["company"] |= {
        "contact_name": contact,
        "contact_title": draw(st.sampled_from(TITLES)) if contact else "",
        "department": draw(st.sampled_from(DEPARTMENTS)),
        "email": draw(st.sampled_from(["", "saiyo@example.co.jp"])),
    }
    if data["offer"]["via"] == "agent":
        data["offer"] |= {
            "agent_contact": draw(st.sampled_from(["", "鈴木"])),
            "agent_email": draw(st.sampled_from(["", "agent@example.com"])),
        }
    data["decline"]["reason_detail"] = draw(st.sampled_from(REASON_DETAILS))
    data["withdrawal"]["why_detail"] = (
        draw(st.sampled_from(WHY_DETAILS)) or data["withdrawal"]["why_detail"]
    )
    data["withdrawal"]["strengths"] = draw(st.sampled_from(STRENGTHS))
    return data, now


Parsed = tuple[WithdrawalCase, dt.datetime]


def parsed(generated: tuple[dict[str, Any], dt.datetime]) -> Parsed:
    """A generated case's data parsed (it is always a withdrawal), with its `now`."""
    data, now = generated
    case = parse_case(data)
    assert isinstance(case, WithdrawalCase)
    return case, now


def parsed_withdrawals() -> st.SearchStrategy[Parsed]:
    """withdrawal_data(), parsed: a WithdrawalCase and a `now` not before its decline."""
    return withdrawal_data().map(parsed)
