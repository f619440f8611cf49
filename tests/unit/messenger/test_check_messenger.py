"""`naitei check --purpose messenger`: the guardrail as checker rules, through the real command."""

from __future__ import annotations

import json
from pathlib import Path

from naitei.check import CheckContext, check_text
from tests.support.cli import naitei

EMAIL = """株式会社サンプル
人事部 採用ご担当者様

突然のメールにて失礼いたします。
辞退連絡サービスの佐藤と申します。
東西大学の山田 太郎様のご依頼により、ご本人のご意思をお伝えいたします。

山田様は、貴社の内定を辞退させていただきたいとのことです。
{extra}
お返事やご質問は、そのまま山田様にお伝えいたします。
何とぞよろしくお願い申し上げます。

辞退連絡サービス 佐藤 花子
メール：desk@example.jp
"""


def rules(text: str, kind: str = "email", service: str | None = "辞退連絡サービス") -> set[str]:
    context = CheckContext(service_name=service)
    report = check_text(text, kind, "messenger", context)  # type: ignore[arg-type]
    return {f.rule for f in report.findings if f.severity == "error"}


def test_a_plain_messenger_email_passes() -> None:
    assert rules(EMAIL.format(extra="")) == set()


def test_a_sentence_beyond_conveying_is_an_error_of_its_category() -> None:
    text = EMAIL.format(extra="なお、違約金はお支払いできません。\n")
    assert rules(text) == {"messenger-money"}
    text = EMAIL.format(extra="来年度の採用でご検討いただけますと幸いです。\n")
    assert rules(text) == {"messenger-negotiation"}


def test_the_guardrail_applies_only_to_the_messenger_purpose() -> None:
    text = EMAIL.format(extra="なお、違約金はお支払いできません。\n")
    report = check_text(text, "email", "decline")
    assert not any(f.rule.startswith("messenger-") for f in report.findings)


def test_the_service_must_be_named_and_say_on_whose_request() -> None:
    assert "messenger-unnamed" in rules(EMAIL.format(extra=""), service="別の代行")
    anonymous = EMAIL.format(extra="").replace("のご依頼により", "から")
    assert "messenger-unnamed" in rules(anonymous)


def test_in_a_script_only_the_messengers_lines_are_screened() -> None:
    script = (
        "# 使者の電話の台本\n"
        "- 違約金の話が出ても、答えずに本人へ伝えると言います。\n"
        "- 会社：違約金を払っていただけますか。\n"
        "- あなた：辞退連絡サービスの佐藤と申します。山田様のご依頼により、お電話いたしました。\n"
        "- あなた：その点につきましては、私からはお答えいたしかねます。"
        "ご本人にそのままお伝えいたします。\n"
    )
    assert not {r for r in rules(script, "phone") if r.startswith("messenger-")}
    said = script + "- あなた：違約金はお支払いできません。\n"
    assert "messenger-money" in rules(said, "phone")


def test_the_command_exits_1_and_names_the_rule(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(EMAIL.format(extra="それは法令違反です。\n"), encoding="utf-8")
    args = ("check", str(draft), "--purpose", "messenger", "--format", "json")
    result = naitei(*args, "--service-name", "辞退連絡サービス")
    assert result.returncode == 1, result.stderr
    found = {f["rule"] for f in json.loads(result.stdout)["findings"]}
    assert "messenger-legal-claim" in found
    draft.write_text(EMAIL.format(extra=""), encoding="utf-8")
    assert naitei(*args, "--service-name", "辞退連絡サービス").returncode == 0
    unnamed = naitei(*args, "--service-name", "別の代行")
    assert unnamed.returncode == 1 and "messenger-unnamed" in unnamed.stdout


def test_a_blank_service_name_is_bad_input(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(EMAIL.format(extra=""), encoding="utf-8")
    result = naitei("check", str(draft), "--purpose", "messenger", "--service-name", " ")
    assert result.returncode == 2 and "--service-name" in result.stderr


def test_a_quoted_line_keeps_the_clients_form_of_address() -> None:
    """The client's words, quoted in 「」 on a line of their own, are kept as said (御社 and
    all); the messenger's own 御社 outside the quote is still an error."""
    quoted = EMAIL.format(extra="ご本人からのお言葉は、次のとおりです。\n「御社には大変お世話になりました。」\n")
    assert "onsha-in-writing" not in rules(quoted)
    own = EMAIL.format(extra="御社には大変お世話になりました。\n")
    assert "onsha-in-writing" in rules(own)
    mixed = EMAIL.format(extra="「御社」と申しておりました。御社には感謝しております。\n")
    assert "onsha-in-writing" in rules(mixed)
