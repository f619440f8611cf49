"""The parts of a message: missing-addressee, -self-introduction, -apology, -request,
-closing, -signature. Each well-formed sample passes; removing one part is caught."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text
from tests.support import check_samples as samples

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
    no_block = samples.EMAIL_WITHDRAW.split("東西大学 経済学部 4年")[0]
    assert "missing-signature" in rules(no_block, "email")
    nameless = samples.EMAIL_WITHDRAW.replace("山田 太郎\n電話", "電話")
    assert "missing-signature" in rules(nameless, "email", context=samples.CONTEXT)
    text = samples.EMAIL_WITHDRAW.replace("電話：090-1234-5678\nメール：taro@example.com\n", "")
    assert "missing-signature" not in rules(text, "visit")


def test_a_signature_without_a_contact_is_a_hint_not_a_missing_signature() -> None:
    """A reader's finding: 「末尾に署名がありません」 under a signed name is false as stated."""
    text = samples.EMAIL_WITHDRAW.replace("電話：090-1234-5678\nメール：taro@example.com\n", "")
    for context in (None, samples.CONTEXT):
        found = {f.rule: f for f in check_text(text, "email", "withdraw", context).findings}
        assert "missing-signature" not in found
        assert found["signature-without-contact"].severity == "info"
        assert found["signature-without-contact"].start == 0
    assert "signature-without-contact" not in {
        f.rule for f in check_text(samples.EMAIL_WITHDRAW, "email", "withdraw").findings
    }


def test_a_letter_may_sign_with_a_postal_address() -> None:
    text = samples.LETTER_WITHDRAW.replace("電話 090-1234-5678\n", "")
    assert "missing-signature" not in rules(text, "letter")


def test_messages_name_the_missing_part() -> None:
    report = check_text("", "phone", "withdraw", samples.CONTEXT)
    messages = {f.rule: f.message for f in report.findings}
    assert "東西大学の山田 太郎と申します" in messages["missing-self-introduction"]
    assert "失礼いたします" in messages["missing-closing"]


# The parts are found from the shape of the message (naitei.check.parts), not from windows.

BODY = """お世話になっております。
東西大学経済学部4年の山田太郎です。

先日は面接の機会をいただき、誠にありがとうございました。
改めて、貴社で働きたいという思いを強くいたしました。
今後ともよろしくお願い申し上げます。
"""
SIGNATURE = "\n東西大学 経済学部 4年\n山田 太郎\n電話：090-1234-5678\n"


@pytest.mark.parametrize(
    "addressee",
    [
        "国立東西博物館\n総務課 学芸員採用ご担当 佐藤様",
        "社会福祉法人みどり会\nひまわり保育園 園長 田中様",
        "あおぞら幼稚園\n園長 鈴木先生",
        "市立北中学校\n校長 佐藤先生",
        "学校法人東西学園 東西高等学校 事務局 御中",
        "横浜市役所 総務局人事課 御中",
        "東西信用金庫 人事部 採用担当 佐藤様",
        "株式会社サンプル\n山田様（人事部）",
        "株式会社サンプル\n佐藤様（採用ご担当）",
        "株式会社〇〇\n人事部 〇〇様",
        "【会社名】 人事部 御中",
        "株式会社サンプル 人事部各位",
    ],
)
def test_addressees_of_every_kind(addressee: str) -> None:
    text = addressee + "\n\n" + BODY + SIGNATURE
    assert "missing-addressee" not in rules(text, "email", "thanks")


@pytest.mark.parametrize(
    "addressee", ["人事部 採用ご担当者様", "佐藤様（人事部）", "〇〇様", "採用ご担当者様"]
)
def test_a_person_without_the_organisation_is_not_an_addressee(addressee: str) -> None:
    text = addressee + "\n\n" + BODY + SIGNATURE
    assert "missing-addressee" in rules(text, "email", "thanks")


def test_a_recruiters_team_may_address_a_person_alone() -> None:
    text = (
        "山田 太郎様\n\nいつもお世話になっております。\n株式会社サンプル 人事部の佐藤でございます。\n"
        "面接の日程について、ご都合のよい日時をお知らせください。\nよろしくお願いいたします。\n\n"
        "株式会社サンプル 人事部 採用チーム\nTEL：03-1234-5678\n"
    )
    assert rules(text, "email", "schedule") == set()


HEAD = "株式会社サンプル\n人事部 採用ご担当 佐藤様\n\n"


@pytest.mark.parametrize(
    "signature",
    [
        "\n東西大学 山田太郎\n電話：090-1234-5678\n",
        "\n東西大学経済学部4年 山田太郎\nmail: taro@example.com\n",
        "\n山田太郎（やまだ たろう）\nTEL 090-1234-5678\n",
        "\n氏名：山田 太郎\n携帯：090-1234-5678\n",
        "\n――――――――――――\n東西大学 経済学部\n山田 太郎\n〒100-0001 東京都千代田区千代田1-1-1\n"
        "電話：090-1234-5678\nメール：taro@example.com\n――――――――――――\n",
        "\n＝＝＝＝＝＝＝＝＝＝\n山田 太郎\nTaro Yamada\n090-1234-5678\n＝＝＝＝＝＝＝＝＝＝\n",
        "\n-----\n〇〇大学 〇〇学部\n〇〇 〇〇\n電話：090-XXXX-XXXX\n-----\n",
    ],
)
def test_signatures_of_every_shape(signature: str) -> None:
    text = HEAD + BODY + signature
    assert "missing-signature" not in rules(text, "email", "thanks")


def test_a_team_signs_for_a_company() -> None:
    text = (
        HEAD.replace("株式会社サンプル", "東西大学")
        + BODY
        + ("\n株式会社サンプル 人事部 採用チーム\n電話：03-1234-5678（平日9時〜18時）\n")
    )
    assert "missing-signature" not in rules(text, "email", "thanks")


@pytest.mark.parametrize(
    "signature",
    [
        ("\n山田 太郎\n", "signature-without-contact"),  # a name alone: a hint
        ("\n電話：090-1234-5678\n", "missing-signature"),  # a contact alone
        ("\n東西大学 経済学部 4年\nメール：taro@example.com\n", "missing-signature"),  # no name
    ],
)
def test_a_signature_needs_a_name_and_a_contact(signature: tuple[str, str]) -> None:
    text = HEAD + BODY + signature[0]
    found = {f.rule for f in check_text(text, "email", "thanks").findings}
    assert signature[1] in found
    assert len(found & {"missing-signature", "signature-without-contact"}) == 1


def test_the_closing_is_found_above_a_long_signature() -> None:
    long_signature = (
        "\n*************************************\n東西大学 経済学部 経営学科 4年\n"
        "マーケティング研究室\n山田 太郎（やまだ たろう）\n〒100-0001\n"
        "東京都千代田区千代田1-1-1 サンプルハイツ101\n携帯：090-1234-5678\n"
        "自宅：03-1234-5678\nMail：taro.yamada@example.ac.jp\n"
        "*************************************\n"
    )
    text = HEAD + BODY + long_signature
    assert rules(text, "email", "thanks") == set()
    unclosed = text.replace("今後ともよろしくお願い申し上げます。\n", "")
    assert "missing-closing" in rules(unclosed, "email", "thanks")


def test_a_closing_in_the_opening_is_not_the_closing() -> None:
    text = (
        HEAD
        + "お忙しいところ失礼いたします。よろしくお願いいたします。\n東西大学の山田太郎です。\n"
        + (
            "先日は面接の機会をいただき、ありがとうございました。\n"
            "面接で伺ったお話を、今も思い返しております。\n"
            "研修制度のお話が特に心に残りました。\n"
            "配属先のお話も大変参考になりました。\n"
            "入社の日を楽しみにしております。\n"
        )
        + SIGNATURE
    )
    assert "missing-closing" in rules(text, "email", "thanks")


def test_the_self_introduction_is_looked_for_in_the_opening_only() -> None:
    late = (
        HEAD
        + (
            "お世話になっております。\n先日は面接の機会をいただき、ありがとうございました。\n"
            "今後ともよろしくお願い申し上げます。\n"
        )
        + SIGNATURE
    )
    assert "missing-self-introduction" in rules(late, "email", "thanks")  # only in the signature


def test_a_letter_may_sign_with_the_date_and_the_name() -> None:
    letter = (
        HEAD + "拝啓　師走の候、貴社ますますご清栄のこととお慶び申し上げます。\n"
        "東西大学の山田太郎でございます。\n内定を謹んでお受けいたします。\n"
        "今後ともよろしくお願い申し上げます。\n\n敬具\n\n令和8年12月2日\n山田 太郎\n"
    )
    assert rules(letter, "letter", "accept") == set()
    unsigned = letter.replace("令和8年12月2日\n山田 太郎\n", "")
    assert "missing-signature" in rules(unsigned, "letter", "accept")
    as_email = {f.rule for f in check_text(letter, "email", "accept").findings}
    assert "signature-without-contact" in as_email  # an e-mail is not signed by its date


@pytest.mark.parametrize(
    "quote_head",
    ["-----Original Message-----", "2026年12月1日(火) 10:00 佐藤 <saiyo@example.co.jp>:", ""],
)
def test_a_quoted_earlier_message_below_the_reply_is_left_out(quote_head: str) -> None:
    quoted = "\n".join(
        f"> {line}" if line else ">"
        for line in [
            "山田太郎様",
            "",
            "株式会社サンプルの佐藤です。",
            "面接の日程をご連絡いたします。",
        ]
    )
    text = (
        HEAD + BODY + SIGNATURE + "\n" + (quote_head + "\n" if quote_head else "") + quoted + "\n"
    )
    assert rules(text, "email", "schedule") == set()
    unsigned = text.replace(SIGNATURE, "\n")
    assert "missing-signature" in rules(unsigned, "email", "schedule")


@pytest.mark.parametrize(
    "attribution",
    ["On Mon, Dec 1, 2026 Sato WROTE:", "佐藤様が書きました：", "-----Original Message-----"],
)
def test_the_quote_gate_lets_every_spelling_of_an_attribution_through(attribution: str) -> None:
    """_quote_start skips its line-by-line search when no line can open a quote
    (parts._may_quote); a reply above an attribution in any case still ends there."""
    from naitei.check.document import Line
    from naitei.check.parts import _quote_start

    texts = ["お世話になっております。", "承知いたしました。", attribution, "> 日程のご連絡です。"]
    lines, start = [], 0
    for text in texts:
        lines.append(Line(start, start + len(text), text))
        start += len(text) + 1
    assert _quote_start(tuple(lines)) == 2
    assert _quote_start(tuple(lines[:3])) == 2  # the attribution alone, no > below it
    unquoted = tuple(line._replace(text=line.text.lstrip("> ")) for line in lines)
    assert _quote_start(unquoted[:2] + unquoted[3:]) == 3  # nothing opens a quote
