"""Rules every generated document keeps (issue 3, CONTRACTS §5)."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from naitei.case import DeclineCase, WithdrawalCase, load_case
from naitei.compose import draft
from naitei.compose.kit import withdrawal_kit
from naitei.compose.model import MEDIUM, Document
from naitei.errors import InputError
from naitei.export.kit import kit_files
from tests.support.cases import (
    AGENT,
    EML_HEADERS,
    FIXTURES,
    KIT_FILES,
    MID_CAREER,
    NOW,
    make_case,
)
from tests.support.strategies import Parsed, parsed_withdrawals
from tests.support.tables import table
from tests.unit.compose.golden import case_names, load

TABLES = Path(__file__).with_name("tables") / "compose.toml"


def all_documents(case: WithdrawalCase | DeclineCase, now: dt.datetime) -> list[Document]:
    if isinstance(case, DeclineCase):
        return [
            draft(kind, case, now, company=i)
            for i in range(1, len(case.companies) + 1)
            for kind in ("decline-email", "decline-phone")
        ]
    docs = [draft(kind, case, now) for kind in ("phone", "visit", "email", "letter")]
    return [*docs, draft("email", case, now, after_call=False)]


def golden_documents() -> list[tuple[str, Document, Any]]:
    out = []
    for name in case_names():
        case, now = load(name)
        out += [(name, doc, case) for doc in all_documents(case, now)]
    return out


GOLDEN_DOCS = golden_documents()
IDS = [f"{name}:{doc.kind}:{doc.title}" for name, doc, _ in GOLDEN_DOCS]


def check_medium(document: Document) -> None:
    if MEDIUM[document.kind] == "written":
        assert "御社" not in document.text, document.title
    else:
        assert "貴社" not in document.text, document.title


def addressee_block(document: Document) -> list[str]:
    lines = document.text.splitlines()
    return lines[: lines.index("")] if "" in lines else lines


@pytest.mark.parametrize(("name", "document", "case"), GOLDEN_DOCS, ids=IDS)
def test_written_says_kisha_and_spoken_says_onsha(name: str, document: Document, case: Any) -> None:
    check_medium(document)


@pytest.mark.parametrize(("name", "document", "case"), GOLDEN_DOCS, ids=IDS)
def test_sama_and_onchu_never_share_an_addressee(name: str, document: Document, case: Any) -> None:
    if MEDIUM[document.kind] != "written":
        return
    block = (
        addressee_block(document)
        if document.kind != "letter"
        else list(document.letter.addressee if document.letter else [])
    )
    joined = "".join(block)
    assert not ("様" in joined and "御中" in joined), block
    assert joined.endswith(("様", "御中"))
    assert not any(title + "様" in joined for title in ("部長", "課長", "社長", "担当"))


@pytest.mark.parametrize(("name", "document", "case"), GOLDEN_DOCS, ids=IDS)
def test_names_appear_exactly(name: str, document: Document, case: Any) -> None:
    assert case.applicant.name in document.text
    companies = [case.company] if isinstance(case, WithdrawalCase) else case.companies
    assert any(company.name in document.text for company in companies)
    for abbreviation in ("(株)", "（株）", "㈱"):
        assert abbreviation not in document.text


def test_same_case_gives_the_same_text_and_files() -> None:
    case = make_case(company__phone="03-1234-5678")
    first = kit_files(withdrawal_kit(case, NOW), case, NOW)
    second = kit_files(withdrawal_kit(case, NOW), case, NOW)
    assert first == second


def test_kit_has_every_file_of_the_contract() -> None:
    case = make_case()
    files = kit_files(withdrawal_kit(case, NOW), case, NOW)
    assert set(files) >= KIT_FILES
    assert files["letter.pdf"].startswith(b"%PDF")


def test_user_words_follow_the_medium() -> None:
    case = make_case(withdrawal__why_detail="御社の説明会で伺ったお話を思い出しました")
    assert "貴社の説明会で伺った" in draft("email", case, NOW).text
    case = make_case(withdrawal__why_detail="貴社の説明会で伺ったお話を思い出しました")
    assert "御社の説明会で伺った" in draft("phone", case, NOW).text


@table(TABLES, "reason_detail", "detail", "expected")
def test_reason_detail_is_woven_in(detail: str, expected: str) -> None:
    text = draft("email", make_case(decline__reason_detail=detail), NOW).text
    assert expected in text


@pytest.mark.parametrize("kind", ["phone", "visit", "email", "letter"])
def test_a_decline_never_made_is_apologised_for_as_silence(kind: str) -> None:
    case = make_case(decline__channel="none", decline__company_response="angry")
    text = draft(kind, case, NOW).text + draft("email", case, NOW, after_call=False).text
    assert "お返事" in text and "しないまま" in text
    for wrong in ("一度辞退", "辞退の際には", "辞退をお伝えした", "ご連絡を差し上げましたが"):
        assert wrong not in text, wrong


@pytest.mark.parametrize("kind", ["phone", "visit", "email", "letter"])
def test_a_decline_by_a_proxy_is_not_described_as_the_applicants_own(kind: str) -> None:
    case = make_case(decline__channel="proxy", decline__company_response="angry")
    text = draft(kind, case, NOW).text
    assert "代行業者" in text or "人に任せ" in text
    for wrong in ("一度辞退", "辞退の際には", "辞退を申し上げたのは"):
        assert wrong not in text, wrong


@table(TABLES, "extra_apology", "changes", "phrase")
def test_extra_apologies_follow_the_case(changes: dict[str, Any], phrase: str) -> None:
    assert phrase in draft("email", make_case(**changes), NOW).text
    assert phrase not in draft("email", make_case(decline__channel="phone"), NOW).text


def test_contact_known_or_not() -> None:
    known = draft("email", make_case(), NOW).text.splitlines()[:3]
    assert known == ["株式会社サンプル", "人事部", "佐藤様"]
    unknown = draft("email", make_case(company__contact_name=None), NOW).text.splitlines()[:3]
    assert unknown == ["株式会社サンプル", "人事部", "採用ご担当者様"]
    letter = draft("letter", make_case(company__contact_name=None), NOW)
    assert letter.letter is not None and letter.letter.addressee == (
        "株式会社サンプル",
        "人事部 御中",
    )


def test_email_after_the_call_and_when_unreached() -> None:
    after = draft("email", make_case(), NOW).text
    unreached = draft("email", make_case(company__phone="03-1234-5678"), NOW, after_call=False).text
    assert "お電話でお話ししたとおり" in after and "ご不在" not in after
    assert "ご不在とのことでしたので" in unreached and "お電話でお話ししたとおり" not in unreached


def test_new_graduate_and_mid_career_introductions() -> None:
    assert "東西大学の山田 太郎と申します" in draft("email", make_case(), NOW).text
    mid = make_case(**MID_CAREER)
    assert "内定をいただいておりました山田 太郎と申します" in draft("email", mid, NOW).text


def test_agent_route_writes_to_the_agent_and_names_the_company() -> None:
    case = make_case(**AGENT, decline__channel="agent")
    email = draft("email", case, NOW)
    assert email.to_address == "suzuki@example.com"
    assert email.text.startswith("キャリアブリッジ\n鈴木様")
    assert "貴社" not in email.text and "株式会社サンプル" in email.text


def spoken_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if "あなた：" in line)


@pytest.mark.parametrize("channel", ["agent", "phone", "none", "proxy"])
def test_to_the_agent_the_company_is_named_once_then_doshai_or_senpo(channel: str) -> None:
    case = make_case(
        **AGENT,
        decline__channel=channel,
        decline__company_response="retained",
        decline__reason_detail="御社と最後まで迷いましたが、他社に決めたため",
        withdrawal__strengths=["設計の基礎"],
    )
    for after_call in (True, False):
        text = draft("email", case, NOW, after_call=after_call).text
        assert text.count("株式会社サンプル") == 1, text
        assert "同社と最後まで迷いましたが" in text and "貴社" not in text
        # only the company grants it: no sentence has the agent grant, and no 先方 a third time
        assert "撤回がかないましたら、設計の基礎を生かして" in text
        assert text.count("先方") + text.count("同社") <= 3, text
    spoken = spoken_lines(draft("phone", case, NOW).text)
    assert spoken.count("株式会社サンプル") == 1 and "御社" not in spoken
    assert "先方と最後まで迷いましたが" in spoken


@pytest.mark.parametrize(("channel", "apologised"), [("phone", True), ("agent", False)])
def test_going_round_the_agent_is_apologised_for(channel: str, apologised: bool) -> None:
    case = make_case(**AGENT, decline__channel=channel)
    for text in (draft("email", case, NOW).text, draft("phone", case, NOW).text):
        assert ("鈴木様にご相談もせず、直接お伝えしてしまい" in text) is apologised


def test_a_decline_through_the_agent_thanks_for_its_support_not_the_selection() -> None:
    decline = load_case(FIXTURES / "cases" / "decline-five.toml")
    assert isinstance(decline, DeclineCase)
    index = next(i for i, c in enumerate(decline.companies, 1) if c.via == "agent")
    for kind in ("decline-email", "decline-phone"):
        text = draft(kind, decline, NOW, company=index).text
        assert "ご支援" in text and "選考では" not in text


@table(TABLES, "school_route", "school", "office", "absent", "word")
def test_the_school_route_speaks_of_the_right_office(
    school: str, office: str, absent: str, word: str
) -> None:
    case = make_case(offer__via="school", applicant__school=school)
    phone = draft("phone", case, NOW).text
    assert f"## 0. 先に、{office}へ" in phone and absent not in phone
    # after step 0 of the same script; the school by its word, never 「就職支援のご担当の方にも」
    # said to the employer (reader 3, B6)
    assert (
        f"- あなた：{word}にも、事前に相談いたしました。" in phone and f"{office}にも" not in phone
    )
    email = draft("email", case, NOW).text
    # A written text claims no consultation that no fact of the case records (reader 2, A5).
    assert office not in email and "相談しております" not in email and "（就職課）" not in email
    # 学校推薦 is the term; the school itself by its word, once in the sentence (reader 5, B3)
    assert "学校推薦をいただいた内定で" in email and f"と{word}にご心配" in email
    assert "大学校" not in email or "と大学との" not in email


def test_the_phone_script_has_a_branch_for_considering() -> None:
    assert "「検討して、改めて連絡します」と言われたら" in draft("phone", make_case(), NOW).text


def test_evidence_is_offered_in_the_email_and_the_letter() -> None:
    case = make_case(decline__reason="health", withdrawal__evidence=True)
    for kind in ("email", "letter"):
        assert "診断書" in draft(kind, case, NOW).text
    assert "診断書" not in draft("email", make_case(decline__reason="health"), NOW).text


def test_no_script_sends_the_user_to_an_address_they_do_not_have() -> None:
    without = draft("phone", make_case(company__email=None), NOW).text
    assert "email-unreached.txt" not in without and "メールアドレスが分からない" in without
    assert "email-unreached.txt" in draft("phone", make_case(), NOW).text
    agent = draft("phone", make_case(**(AGENT | {"offer__agent_email": None})), NOW).text
    assert "email-unreached.txt" not in agent


def test_the_decline_email_after_a_call_confirms_instead_of_asking() -> None:
    decline = load_case(FIXTURES / "cases" / "decline-five.toml")
    assert isinstance(decline, DeclineCase)
    after = draft("decline-email", decline, NOW, after_call=True).text
    assert "お電話でお伝えいたしましたとおり" in after and "辞退させていただきたく、ご連絡" not in after
    before = draft("decline-email", decline, NOW, after_call=False).text
    assert "辞退させていただきたく、ご連絡いたしました" in before


def test_decline_kinds_need_a_decline_file() -> None:
    with pytest.raises(InputError, match='purpose = "decline"'):
        draft("decline-email", make_case(), NOW)


@settings(max_examples=150, deadline=None)
@given(generated=parsed_withdrawals())
def test_every_generated_case_composes_within_the_rules(generated: Parsed) -> None:
    case, now = generated
    for document in all_documents(case, now):
        check_medium(document)
        assert case.company.name in document.text or case.offer.via == "agent"


def test_eml_parses_back_with_exact_headers() -> None:
    case = make_case()
    raw = kit_files(withdrawal_kit(case, NOW), case, NOW)["email.eml"]
    message = BytesParser(policy=policy.default).parsebytes(raw)
    assert message["To"].addresses[0].addr_spec == "saiyo@example.co.jp"
    assert message["From"].addresses[0].display_name == "山田 太郎"
    assert message["Subject"] == "内定辞退撤回のお願い（東西大学 山田 太郎）"
    assert sorted(message.keys()) == sorted(EML_HEADERS)
    assert "株式会社サンプル" in message.get_content()


def test_plain_form_why_detail_keeps_the_polite_style() -> None:
    case = make_case(
        withdrawal__why_detail="入社予定の企業が採用を取りやめ、内定が取り消しになった"
    )
    text = draft("email", case, NOW).text
    assert "その後、入社予定の企業が採用を取りやめ、内定が取り消しになりました。" in text
    assert "取り消しになった。" not in text


def test_a_phone_script_without_the_number_says_where_to_find_it() -> None:
    from naitei.compose import draft

    known = draft("phone", make_case(company__phone="03-1234-5678"), NOW).text
    unknown = draft("phone", make_case(company__phone=""), NOW).text
    assert "（電話番号 03-" in known and "電話番号: まだ分かっていません" not in known
    assert "電話番号: まだ分かっていません。会社から届いた書類" in unknown


@table(TABLES, "other_offer_lost", "detail", "lost")
def test_no_fixed_line_says_the_other_offer_was_lost_against_the_users_words(
    detail: str, lost: bool
) -> None:
    """Reader 2, B8: 「他社の内定を失ったからといって」 after 「説明と違うと分かりました」."""
    case = make_case(withdrawal__why="other_offer_lost", withdrawal__why_detail=detail)
    assert ("他社の内定を失った" in draft("email", case, NOW).text) is lost


def test_the_addressee_named_by_title_in_the_users_words_is_addressed_as_the_reader() -> None:
    """Reader 2, A4: 「その後、社長から…」 written to 丸山社長 spoke of him in the third person,
    and put a lasting memory after the decline."""
    case = make_case(
        company__contact_name="丸山",
        company__contact_title="社長",
        withdrawal__why="changed_mind",
        withdrawal__why_detail="社長から一緒に育っていこうと言っていただいた言葉が忘れられませんでした",
    )
    for kind in ("email", "letter", "phone"):
        text = draft(kind, case, NOW).text
        assert "丸山様から一緒に育っていこう" in text, kind
        assert "社長から" not in text and "その後、丸山様" not in text, kind


def test_an_email_without_an_address_tells_the_user_where_to_find_one() -> None:
    """Reader 4, C8: an email written with no 宛先 line said nothing about where to send it."""
    from naitei.compose import NO_ADDRESS

    known = make_case()
    assert NO_ADDRESS not in draft("email", known, NOW).notes
    unknown = make_case(company__email="")
    for document in (
        draft("email", unknown, NOW),
        draft("email", unknown, NOW, after_call=False),
    ):
        assert document.to_address is None and document.notes[-1] == NO_ADDRESS
    assert NO_ADDRESS not in draft("letter", unknown, NOW).notes
