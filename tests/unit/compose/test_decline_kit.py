"""The decline kit of a batch, and the copy-paste guard (issue 7, Build 1–2)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.case import DeclineCase, load_case, parse_case
from naitei.compose import decline as decline_module
from naitei.compose.decline_kit import (
    CompanyDecline,
    CopyPasteError,
    DeclineKit,
    decline_kit,
    guard,
    send_problems,
)
from naitei.compose.phrases import bank
from naitei.errors import InputError
from tests.support.cases import FIXTURES, NOW
from tests.support.strategies import COMPANY_NAMES, REASON_DETAILS

FIVE = FIXTURES / "cases" / "decline-five.toml"


def five() -> DeclineCase:
    case = load_case(FIVE)
    assert isinstance(case, DeclineCase)
    return case


def replace_email_text(kit: DeclineKit, index: int, text: str) -> DeclineKit:
    companies = list(kit.companies)
    chosen = companies[index - 1]
    companies[index - 1] = dataclasses.replace(
        chosen, email=dataclasses.replace(chosen.email, text=text)
    )
    return DeclineKit(tuple(companies))


def test_the_kit_has_every_company_in_file_order() -> None:
    kit = decline_kit(five(), NOW)
    assert [c.index for c in kit.companies] == [1, 2, 3, 4, 5]
    assert [c.company for c in kit.companies] == [c.name for c in five().companies]
    assert all(
        c.email.kind == "decline-email" and c.phone.kind == "decline-phone" for c in kit.companies
    )


def test_phone_first_where_accepted_or_through_an_agent_or_a_school() -> None:
    kit = decline_kit(five(), NOW)
    # 1 direct, not accepted; 2 accepted; 3 direct, not accepted; 4 school; 5 agent (accepted)
    assert [c.channel_advised for c in kit.companies] == [
        "email",
        "phone",
        "email",
        "phone",
        "phone",
    ]


def test_the_agent_route_writes_to_the_agent_about_the_company() -> None:
    agent = decline_kit(five(), NOW).companies[4]
    assert agent.recipient == "キャリアブリッジ株式会社 小川様"
    assert agent.email.to_address == "ogawa@career-bridge.example.jp"
    assert agent.email.text.startswith("キャリアブリッジ株式会社\n小川様")
    text = agent.email.text
    assert text.count("株式会社かもめ食品") == 1  # named once, then 先方
    assert "株式会社かもめ食品からいただいた内定" in text
    assert "先方へ辞退の旨をお伝えいただけますでしょうか" in text
    assert "選考" not in text and "ご支援" in text  # thanks for the agent's support


def test_the_school_route_script_says_to_see_the_career_office_first() -> None:
    school = decline_kit(five(), NOW).companies[3]
    assert "## 0. 先に、東都大学の就職支援のご担当の方へ" in school.phone.text
    assert "キャリアセンターや就職課などの就職支援の窓口" in school.phone.text
    # the written decline states no talk with the school that no fact records (reader 2, A5)
    assert "その旨を伝えております" not in school.email.text


def test_a_company_reason_overrides_the_file_reason() -> None:
    kit = decline_kit(five(), NOW)
    assert "自分の志望とは方向が異なる" in kit.companies[2].email.text
    assert "自分の志望とは方向が異なる" not in kit.companies[0].email.text


def test_to_dict_is_json_with_both_documents() -> None:
    data = json.loads(json.dumps(decline_kit(five(), NOW).to_dict(), ensure_ascii=False))
    first = data["companies"][0]
    assert set(first) == {
        "index",
        "company",
        "recipient",
        "channel_advised",
        "via",
        "email",
        "phone",
    }
    assert first["email"]["subject"] == "内定辞退のご連絡（東都大学 佐々木 陽菜）"
    assert first["email"]["to"] == "saiyo@sakura-pub.example.co.jp"
    assert first["phone"]["kind"] == "decline-phone"


def test_the_guard_catches_another_companys_name_in_an_edited_email() -> None:
    case = five()
    kit = decline_kit(case, NOW)
    edited = kit.companies[2].email.text.replace(
        "株式会社青葉システム\n", "株式会社さくら出版\n", 1
    )
    with pytest.raises(CopyPasteError) as caught:
        guard(replace_email_text(kit, 3, edited), case)
    [mismatch] = caught.value.mismatches
    assert (mismatch.index, mismatch.company, mismatch.place) == (
        3,
        "株式会社青葉システム",
        "decline-email",
    )
    assert (mismatch.found, mismatch.line) == ("株式会社さくら出版", 1)
    assert "3社目（株式会社青葉システム）の辞退のメール 1行目" in str(caught.value)
    assert "「株式会社さくら出版」は別の応募先の会社名です" in str(caught.value)
    assert caught.value.exit_code == 2


def test_the_guard_lists_every_mismatch_of_the_batch() -> None:
    case = five()
    kit = decline_kit(case, NOW)
    # The classic mistake: the first company's email copied for the second and the third.
    copied = kit.companies[0].email.text
    kit = replace_email_text(replace_email_text(kit, 2, copied), 3, copied)
    with pytest.raises(CopyPasteError) as caught:
        guard(kit, case)
    found = {(m.index, m.found) for m in caught.value.mismatches}
    assert found == {(2, "株式会社さくら出版"), (3, "株式会社さくら出版")}


def test_the_guard_checks_the_phone_script_and_the_subject() -> None:
    case = five()
    kit = decline_kit(case, NOW)
    second = kit.companies[1]
    phone = dataclasses.replace(
        second.phone, text=second.phone.text + "\n北辰工業株式会社の件です。\n"
    )
    email = dataclasses.replace(second.email, subject="株式会社かもめ食品の内定辞退について")
    companies = list(kit.companies)
    companies[1] = dataclasses.replace(second, phone=phone, email=email)
    with pytest.raises(CopyPasteError) as caught:
        guard(DeclineKit(tuple(companies)), case)
    places = {(m.place, m.found) for m in caught.value.mismatches}
    assert places == {("decline-phone", "北辰工業株式会社"), ("subject", "株式会社かもめ食品")}
    assert "メールの件名" in str(caught.value)


def test_the_guard_runs_before_the_kit_is_returned(monkeypatch: pytest.MonkeyPatch) -> None:
    """A phrase that names one company of the batch (a template edited by mistake)."""
    phrases: dict[str, Any] = {**bank("decline")}
    phrases["not_accepted_apology"] = {
        medium: text + "株式会社さくら出版の皆様にもよろしくお伝えください。"
        for medium, text in phrases["not_accepted_apology"].items()
    }
    monkeypatch.setattr(decline_module, "bank", lambda name: phrases)
    with pytest.raises(CopyPasteError) as caught:
        decline_kit(five(), NOW)
    wrong = {(m.index, m.place) for m in caught.value.mismatches}
    # Companies 3 and 4 (not accepted) name the first company; the first itself is fine.
    assert wrong == {
        (3, "decline-email"),
        (3, "decline-phone"),
        (4, "decline-email"),
        (4, "decline-phone"),
    }


def test_the_guard_rejects_a_kit_that_does_not_belong_to_the_case() -> None:
    kit = decline_kit(five(), NOW)
    other = DeclineKit((dataclasses.replace(kit.companies[0], company="株式会社ほかの会社"),))
    with pytest.raises(InputError, match="合いません"):
        guard(other, five())
    beyond = DeclineKit((dataclasses.replace(kit.companies[0], index=9),))
    with pytest.raises(InputError, match="ない会社"):
        guard(beyond, five())


def test_the_full_checker_finds_no_error_in_the_generated_emails() -> None:
    case = five()
    assert send_problems(decline_kit(case, NOW), case) == []


def test_the_full_checker_reports_an_error_in_an_edited_email() -> None:
    case = five()
    kit = decline_kit(case, NOW)
    edited = kit.companies[0].email.text.replace("貴社の内定", "御社の内定", 1)
    problems = send_problems(replace_email_text(kit, 1, edited), case)
    assert [(p.index, p.finding.rule) for p in problems] == [(1, "onsha-in-writing")]
    assert problems[0].describe().startswith("1社目（株式会社さくら出版）の辞退のメール")


def test_a_placeholder_stops_sending_though_the_checker_only_warns() -> None:
    case = five()
    kit = decline_kit(case, NOW)
    edited = kit.companies[1].email.text.replace("高橋様", "〇〇様", 1)
    assert edited != kit.companies[1].email.text
    problems = send_problems(replace_email_text(kit, 2, edited), case)
    assert [(p.index, p.finding.rule, p.finding.severity) for p in problems] == [
        (2, "placeholder-left", "warning")
    ]
    assert "伏せ字（〇〇）が残っています" in problems[0].describe()


NAMES = [*COMPANY_NAMES, "みなと物産株式会社", "株式会社かもめ食品"]


@st.composite
def batches(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=2, max_size=6, unique=True))
    companies = []
    for number, name in enumerate(names, start=1):
        via = draw(st.sampled_from(["direct", "agent", "school"]))
        company: dict[str, Any] = {
            "name": name,
            "accepted": draw(st.booleans()),
            "via": via,
            "contact_name": draw(st.sampled_from(["", "佐藤"])),
            "email": f"saiyo{number}@example.co.jp",  # one address per company (issue 14)
        }
        if via == "agent":
            company |= {"agent_name": "キャリアブリッジ株式会社", "agent_email": "a@example.com"}
        companies.append(company)
    return {
        "version": 1,
        "purpose": "decline",
        "applicant": {"name": "山田 太郎", "kind": "new_grad", "school": "東西大学"},
        "decline": {
            "reason": "other_offer",
            "reason_detail": draw(st.sampled_from(REASON_DETAILS)),
        },
        "companies": companies,
    }


@settings(max_examples=60, deadline=None)
@given(data=batches(), pick=st.data())
def test_no_false_alarm_and_every_swap_is_caught(data: dict[str, Any], pick: st.DataObject) -> None:
    case = parse_case(data)
    assert isinstance(case, DeclineCase)
    kit = decline_kit(case, NOW)  # a batch as generated never trips the guard
    size = len(kit.companies)
    source = pick.draw(st.integers(1, size))
    target = pick.draw(st.integers(1, size).filter(lambda i: i != source))
    swapped = replace_email_text(kit, target, kit.companies[source - 1].email.text)
    with pytest.raises(CopyPasteError) as caught:
        guard(swapped, case)
    assert {m.index for m in caught.value.mismatches} == {target}
    assert all(m.found for m in caught.value.mismatches)


def test_company_decline_is_frozen() -> None:
    company: CompanyDecline = decline_kit(five(), NOW).companies[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        company.index = 2  # type: ignore[misc]


def test_the_example_decline_file_passes_the_guard() -> None:
    case = load_case(Path(__file__).resolve().parents[3] / "examples" / "decline-three.toml")
    assert isinstance(case, DeclineCase)
    assert len(decline_kit(case, NOW).companies) == 3
