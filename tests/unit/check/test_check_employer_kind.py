"""The employer's kind in a draft's words (rules/employer.py): a form of address, a joining verb
or 弊X that does not fit the employer, found with the case or from the draft's own forms.

The drafts are an independent HR reader's, written to a bank, a city office, a hospital and a
prefecture (the checker missed these before)."""

from __future__ import annotations

from pathlib import Path

import pytest

from naitei.case import load_case
from naitei.check import CheckContext, check_text

CASES = Path(__file__).resolve().parents[2] / "fixtures" / "golden_cases"


def context(name: str) -> CheckContext:
    return CheckContext.from_case(load_case(CASES / f"{name}.toml"))


BANK = "g9-bank-newgrad-phone"  # 株式会社みなと銀行
CITY = "g12-city-office"  # 南浜市役所
HOSPITAL = "g11-hospital-nurse"  # 医療法人社団青葉会 青葉総合病院
PREFECTURE = "g13-prefecture-changed-mind"  # 青葉県
SHINKIN = "g10-shinkin-email"  # 東西信用金庫

RULES = {"address-form-mismatch", "joining-verb-mismatch", "own-organisation-word"}


def hits(text: str, case: str | None, kind: str = "email", purpose: str = "decline"):  # type: ignore[no-untyped-def]
    ctx = context(case) if case else None
    report = check_text(text, kind, purpose, ctx)  # type: ignore[arg-type]
    return [
        (f.rule, text[f.start : f.end], f.suggestion) for f in report.findings if f.rule in RULES
    ]


BANK_DRAFT = """株式会社みなと銀行
人事部 西田様

お世話になっております。北陸大学の佐々木陽菜です。
大変申し訳ないのですが、貴社の内定を辞退させていただきます。
貴行に入社することを楽しみにしておりました。
貴庁の内定をいただいたこととは関係ございません。
"""


def test_a_wrong_written_form_to_a_bank_is_fixed_to_its_own() -> None:
    found = hits(BANK_DRAFT, BANK)
    assert ("address-form-mismatch", "貴社", "貴行") in found
    assert ("address-form-mismatch", "貴庁", "貴行") in found
    assert ("joining-verb-mismatch", "入社", "入行") in found
    assert all(f[1] != "貴行" for f in found)


def test_the_fix_is_safe_and_carries_the_employers_form() -> None:
    report = check_text("貴社の内定を辞退いたします。", "email", "decline", context(BANK))
    [finding] = [f for f in report.findings if f.rule == "address-form-mismatch"]
    assert finding.severity == "error"
    assert finding.fix is not None and finding.fix.text == "貴行"


def test_a_city_office_accepts_both_its_city_and_office_forms() -> None:
    text = "貴市の内定を辞退いたします。貴庁のご発展をお祈り申し上げます。"
    assert hits(text, CITY) == []
    found = hits("大変恐縮ですが、貴社への入社を辞退させていただきます。", CITY)
    assert ("address-form-mismatch", "貴社", "貴市") in found
    assert ("joining-verb-mismatch", "入社", "入庁") in found


def test_spoken_forms_follow_the_employer_in_a_phone_script() -> None:
    text = "あなた：御社の内定を辞退させていただきたく、お電話いたしました。"
    assert hits(text, SHINKIN, kind="phone") == [("address-form-mismatch", "御社", "御庫")]
    assert hits("あなた：御庫の内定の件でお電話いたしました。", SHINKIN, kind="phone") == []


def test_a_form_in_the_wrong_medium_is_left_to_the_medium_rule() -> None:
    report = check_text("御社の内定を辞退いたします。", "email", "decline", context(BANK))
    rules = [
        (f.rule, f.suggestion) for f in report.findings if f.rule in RULES | {"onsha-in-writing"}
    ]
    assert rules == [("onsha-in-writing", "貴行")]


def test_the_other_partys_lines_are_not_the_writers() -> None:
    text = "受付：弊社の人事部におつなぎします。\nあなた：御行の内定の件でお電話いたしました。"
    assert hits(text, BANK, kind="phone") == []


def test_without_a_case_the_drafts_own_forms_give_the_kind() -> None:
    text = "株式会社みなと銀行\n人事部 西田様\n\n貴社の内定を辞退させていただきます。\n御行に入社することを楽しみにしておりました。"
    found = hits(text, None)
    assert ("address-form-mismatch", "貴社", "貴行") in found
    assert ("joining-verb-mismatch", "入社", "入行") in found


def test_without_a_case_the_addressee_line_breaks_a_tie() -> None:
    text = "金沢市役所 総務局人事課 御中\n\n貴社への入社を辞退させていただきます。\n今後とも貴庁のご発展をお祈りいたします。"
    found = hits(text, None)
    assert ("address-form-mismatch", "貴社", "貴庁") in found


def test_one_kind_of_form_without_a_case_is_not_questioned() -> None:
    text = (
        "貴社の内定を辞退いたします。入社を楽しみにしておりました。貴社のご発展をお祈りいたします。"
    )
    assert hits(text, None) == []


def test_hei_for_the_employer_is_flagged_with_the_employers_form() -> None:
    text = "やはり貴院で働きたいと思い、ご連絡しました。弊院の方針に共感しております。"
    assert hits(text, HOSPITAL, purpose="withdraw") == [("own-organisation-word", "弊院", "貴院")]
    assert hits(text, None, purpose="withdraw") == [("own-organisation-word", "弊院", "貴院")]


def test_hei_is_the_recruiters_and_the_services_own_word() -> None:
    recruiter = "このたびは弊社の新卒採用にご応募いただき、誠にありがとうございます。"
    assert hits(recruiter, None, purpose="schedule") == []
    service = "弊社は山田様のご依頼により、内定辞退のご意向をお伝えする使者です。貴社のご発展をお祈りいたします。"
    report = check_text(service, "email", "messenger")
    assert not [f for f in report.findings if f.rule == "own-organisation-word"]
    assert hits("疲弊社会の語弊があります。貴社の件です。", None) == []


READER_DRAFTS = {
    # (draft, case, rules the reader expects)
    "m1": (BANK_DRAFT, BANK, {"address-form-mismatch", "joining-verb-mismatch"}),
    "m3": (
        "医療法人社団青葉会 青葉総合病院\n看護部長 山本様\n\nやはり御院で働きたいと思い、撤回をお願いしたくご連絡しました。\n"
        "弊院の方針に共感しており、入社後は精一杯努めます。",
        HOSPITAL,
        {"own-organisation-word", "joining-verb-mismatch"},
    ),
    "m4": (
        "青葉県庁\n人事課 北村様\n\n貴社のご判断にお任せいたしますが、ご検討をお願いできればと存じます。\n"
        "拝見した資料によると、4月1日入社とのことでした。",
        PREFECTURE,
        {"address-form-mismatch", "joining-verb-mismatch"},
    ),
}


@pytest.mark.parametrize("name", sorted(READER_DRAFTS))
def test_the_readers_drafts_are_caught(name: str) -> None:
    text, case, expected = READER_DRAFTS[name]
    assert {rule for rule, _, _ in hits(text, case, purpose="withdraw")} == expected


def test_without_a_case_the_addressee_block_names_the_kind() -> None:
    text = "株式会社北國みらい銀行\n人事部 西田様\n\nお世話になっております。\n御社のますますのご発展をお祈り申し上げます。"
    report = check_text(text, "email", "decline")
    [finding] = [f for f in report.findings if f.rule == "onsha-in-writing"]
    assert finding.suggestion == "貴行"
    text = "石川県庁\n人事課 北村様\n\nお世話になっております。\n4月1日入社とのことでした。"
    assert hits(text, None, purpose="withdraw") == [("joining-verb-mismatch", "入社", "入庁")]


def test_a_government_finance_corporation_is_a_kouko() -> None:
    from naitei.employers import employer_of

    employer = employer_of("株式会社日本政策金融公庫")
    assert (employer.written, employer.spoken, employer.join) == ("貴公庫", "御公庫", "入庫")
    ctx = CheckContext(
        company_name="株式会社日本政策金融公庫",
        employer_forms=employer.forms,
        employer_kind=employer.kind,
        employer_join=employer.join,
    )
    text = "貴社の内定を辞退いたします。入社を楽しみにしておりました。"
    report = check_text(text, "email", "decline", ctx)
    found = [(f.rule, f.suggestion) for f in report.findings if f.rule in RULES]
    assert found == [("address-form-mismatch", "貴公庫"), ("joining-verb-mismatch", "入庫")]


def test_a_past_join_elsewhere_is_the_writers_history() -> None:
    text = "新卒で入行した銀行を退職し、現在は転職活動中です。貴社の内定を辞退いたします。"
    assert hits(text, None) == []
    assert hits("前職では入庁後に窓口業務を担当しておりました。", BANK) == []
