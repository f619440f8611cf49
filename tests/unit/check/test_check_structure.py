"""The parts of a message: missing-addressee, -self-introduction, -apology, -request,
-closing, -signature. Each well-formed sample passes; removing one part is caught."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text
from tests.unit.check import check_samples as samples

SAMPLES = [
    ("EMAIL_WITHDRAW", "email", "withdraw"),
    ("EMAIL_DECLINE", "email", "decline"),
    ("LETTER_WITHDRAW", "letter", "withdraw"),
    ("PHONE_WITHDRAW", "phone", "withdraw"),
    ("VISIT_WITHDRAW", "visit", "withdraw"),
]


def rules(
    text: str, kind: str, purpose: str = "withdraw", context: CheckContext | None = None
) -> set[str]:
    report = check_text(text, kind, purpose, context)  # type: ignore[arg-type]
    return {f.rule for f in report.findings if f.severity != "info"}


@pytest.mark.parametrize(("name", "kind", "purpose"), SAMPLES)
@pytest.mark.parametrize("with_case", [False, True])
def test_well_formed_samples_have_no_error_or_warning(
    name: str, kind: str, purpose: str, with_case: bool
) -> None:
    context = samples.CONTEXT if with_case else None
    assert rules(getattr(samples, name), kind, purpose, context) == set()


def without(text: str, *parts: str) -> str:
    for part in parts:
        assert part in text, part
        text = text.replace(part, "")
    return text


def test_missing_addressee() -> None:
    text = without(samples.EMAIL_WITHDRAW, "株式会社サンプル\n人事部 採用ご担当 佐藤様\n")
    assert "missing-addressee" in rules(text, "email")
    department_only = samples.EMAIL_WITHDRAW.replace("株式会社サンプル\n", "")
    assert "missing-addressee" in rules(department_only, "email")
    assert "missing-addressee" not in rules(text, "phone")


def test_a_letter_may_put_the_addressee_at_the_end() -> None:
    head = "株式会社サンプル\n人事部 採用ご担当 佐藤様\n"
    letter = without(samples.LETTER_WITHDRAW, head) + "\n" + head
    assert "missing-addressee" not in rules(letter, "letter")
    assert "missing-addressee" in rules(letter, "email")


def test_missing_self_introduction() -> None:
    text = samples.EMAIL_WITHDRAW.replace(
        "東西大学経済学部4年の山田太郎と申します。", "先日ご連絡した者です。"
    )
    assert "missing-self-introduction" in rules(text, "email")
    assert "missing-self-introduction" in rules(text, "email", context=samples.CONTEXT)


def test_a_new_graduate_names_the_school_too() -> None:
    text = samples.EMAIL_WITHDRAW.replace(
        "東西大学経済学部4年の山田太郎と申します。", "山田太郎と申します。"
    )
    assert "missing-self-introduction" not in rules(text, "email")
    assert "missing-self-introduction" in rules(text, "email", context=samples.CONTEXT)


@pytest.mark.parametrize(
    "introduction",
    [
        "東西大学の山田です。",
        "先日内定をいただいた、山田太郎です。",
        "先日ご連絡いたしました山田でございます。",
        "山田と申します。",
    ],
)
def test_ways_to_introduce_oneself(introduction: str) -> None:
    text = "株式会社サンプル\n佐藤様\n\nお世話になっております。" + introduction
    assert "missing-self-introduction" not in rules(text, "email")


def test_the_other_partys_introduction_does_not_count() -> None:
    script = "受付：株式会社サンプルでございます。\n自分：人事部の佐藤様をお願いします。\n"
    assert "missing-self-introduction" in rules(script, "phone")


@pytest.mark.parametrize("purpose", ["withdraw", "decline"])
def test_missing_apology(purpose: str) -> None:
    text = samples.EMAIL_WITHDRAW.replace("誠に申し訳ございません。\n", "").replace(
        "お詫びを申し上げたく", "ご相談したく"
    )
    assert "missing-apology" in rules(text, "email", purpose)


def test_missing_request_only_for_a_withdrawal() -> None:
    text = samples.EMAIL_WITHDRAW.replace(
        "内定辞退の撤回をご検討いただけないでしょうか。", "ご連絡をお待ちしております。"
    )
    assert "missing-request" in rules(text, "email", "withdraw")
    assert "missing-request" not in rules(text, "email", "decline")


@pytest.mark.parametrize(
    "asking",
    [
        "内定辞退を撤回させていただくことはできませんでしょうか。",
        "改めて貴社への入社をご検討いただけますと幸いです。",
        "辞退を取り消していただきたく、お願い申し上げます。",
        "再度、選考の機会をいただけないでしょうか。",
        "内定辞退の撤回をお願いしたく、ご連絡いたしました。",
        "内定辞退の撤回をご検討頂けないでしょうか。",
    ],
)
def test_ways_to_ask(asking: str) -> None:
    assert "missing-request" not in rules(asking, "email")


def test_a_bare_closing_is_not_a_request() -> None:
    text = "改めて貴社で働きたいと考えるようになりました。何卒よろしくお願いいたします。"
    assert "missing-request" in rules(text, "email")


def test_missing_closing() -> None:
    text = samples.EMAIL_WITHDRAW.replace("何卒よろしくお願い申し上げます。\n", "")
    assert "missing-closing" in rules(text, "email")
    script = samples.PHONE_WITHDRAW.replace(
        "自分：ありがとうございます。ご検討のほど、よろしくお願いいたします。失礼いたします。\n", ""
    )
    assert "missing-closing" in rules(script, "phone")


def test_closings_written_with_kanji() -> None:
    text = samples.EMAIL_WITHDRAW.replace(
        "何卒よろしくお願い申し上げます。", "宜しくお願い致します。"
    )
    assert "missing-closing" not in rules(text, "email")


def test_missing_signature() -> None:
    text = samples.EMAIL_WITHDRAW.replace("電話：090-1234-5678\nメール：taro@example.com\n", "")
    assert "missing-signature" in rules(text, "email")
    nameless = samples.EMAIL_WITHDRAW.replace("山田 太郎\n電話", "電話")
    assert "missing-signature" in rules(nameless, "email", context=samples.CONTEXT)
    assert "missing-signature" not in rules(text, "visit")


def test_a_letter_may_sign_with_a_postal_address() -> None:
    text = samples.LETTER_WITHDRAW.replace("電話 090-1234-5678\n", "")
    assert "missing-signature" not in rules(text, "letter")


def test_messages_name_the_missing_part() -> None:
    report = check_text("", "phone", "withdraw", samples.CONTEXT)
    messages = {f.rule: f.message for f in report.findings}
    assert "東西大学の山田 太郎と申します" in messages["missing-self-introduction"]
    assert "失礼いたします" in messages["missing-closing"]
