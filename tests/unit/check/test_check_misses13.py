"""Misses of an independent HR reader (issue 13 §3/§8, /tmp/reader report A1–A9 and D): 貴法人
to a corporation, おられる and くれる to the reader, auxiliaries in kanji, spoken clause links,
plain ので, a reason with no head, the season and weekday against a date the letter does not
head with. Each family, with the sentences that must stay clean, is in cases/misses13.toml;
here what a case cannot say (a finding without a fix, a message, the purpose inferred)."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.model import CheckContext


def test_volitional_inside_a_reason_is_advice_only() -> None:
    text = "給与面を考え、他の会社にしようと考えたためでした。"
    report = check_text(text, "letter", "withdraw")
    [finding] = [f for f in report.findings if f.rule == "casual-clause"]
    assert text[finding.start : finding.end] == "しようと考え"
    assert finding.fix is None


# --- missing-self-introduction: a name other than the case's (reader x4) ---------------------


def test_a_different_name_is_reported_as_different_not_as_missing() -> None:
    context = CheckContext(applicant_name="佐々木 陽菜", school="北陸大学", new_grad=True)
    text = "あなた：お世話になります。北関東大学の小鳥遊です。人事課の松本様はいらっしゃいますか。"
    report = check_text(text, "phone", "withdraw", context)
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert "「小鳥遊」と名乗っていますが" in finding.message and "佐々木 陽菜" in finding.message
    assert "名乗っていません" not in finding.message


def test_a_missing_school_is_reported_as_such() -> None:
    context = CheckContext(applicant_name="小鳥遊 悠", school="北関東大学", new_grad=True)
    text = "あなた：お世話になります。小鳥遊と申します。人事課の松本様はいらっしゃいますか。"
    report = check_text(text, "phone", "withdraw", context)
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert "学校名「北関東大学」がありません" in finding.message


def test_no_introduction_at_all_keeps_the_message() -> None:
    context = CheckContext(applicant_name="小鳥遊 悠")
    report = check_text(
        "あなた：人事課の松本様はいらっしゃいますか。", "phone", "withdraw", context
    )
    [finding] = [f for f in report.findings if f.rule == "missing-self-introduction"]
    assert finding.message.startswith("冒頭で名乗っていません")


# --- --purpose auto: a thank-you after a granted withdrawal (reader D) -----------------------

THANKS_AFTER = (
    "件名：{subject}\n\n株式会社北國みらい銀行\n人事部\n西田様\n\n"
    "お世話になっております。\n渡邉 真之介と申します。\n"
    "本日はお電話にて、内定辞退の撤回をお認めいただけるとのお返事をいただき、誠にありがとうございました。\n"
    "貴行の一員として精一杯努めてまいります。\n今後ともよろしくお願い申し上げます。\n\n渡邉 真之介\n"
)


@pytest.mark.parametrize(
    "subject", ["内定辞退撤回についてのお礼（渡邉 真之介）", "ご連絡ありがとうございました"]
)
def test_auto_reads_a_thank_you_after_a_granted_withdrawal(subject: str) -> None:
    report = check_text(THANKS_AFTER.format(subject=subject), "email", "auto")
    assert (report.purpose, report.purpose_inferred) == ("thanks", True)


def test_auto_reads_a_letters_title_line() -> None:
    text = (
        "株式会社北國みらい銀行\n人事部\n西田様\n\n　　内定辞退撤回についてのお礼\n\n"
        "拝啓　初冬の候、貴行ますますご清栄のこととお慶び申し上げます。\n"
        "　このたびは、内定辞退の撤回をお認めいただき、誠にありがとうございました。\n敬具\n"
    )
    assert check_text(text, "letter", "auto").purpose == "thanks"


def test_auto_still_reads_a_withdrawal_request() -> None:
    text = (
        "件名：内定辞退撤回のお願い\n\n内定辞退を撤回させていただけないでしょうか。\n"
        "ご検討のほど、何卒よろしくお願い申し上げます。"
    )
    assert check_text(text, "email", "auto").purpose == "withdraw"
