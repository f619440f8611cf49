"""The mechanisms fixed and the families built after 41 drafts written blind (issue 13,
item 8; tests/fixtures/drafts/blind-*.toml): quoted and forwarded text, the shapes of
addressees, names, closings and signatures that other writers use, and the new families
(own-family-honorific, insider-greeting, count-mismatch, name-mismatch, ご〜できる)."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.quoted import blank_quoted, quoted_spans

ADDRESSEE = "株式会社サンプル\n人事部 佐藤様\n\n"
SIGNATURE = "\n\n山田 太郎\n東西大学 経済学部4年\n電話：090-1234-5678\n"


def rules(text: str, kind: str = "email", purpose: str = "withdraw") -> list[str]:
    return [f.rule for f in check_text(text, kind, purpose).findings]  # type: ignore[arg-type]


def spans(text: str, rule: str, kind: str = "email", purpose: str = "other") -> list[str]:
    report = check_text(text, kind, purpose)  # type: ignore[arg-type]
    return [text[f.start : f.end] for f in report.findings if f.rule == rule]


# --- quoted and forwarded text is not the writer's -------------------------------------

REPLY = (
    ADDRESSEE + "お世話になっております。\n東西大学経済学部4年の山田太郎です。\n"
    "先日の件、内定辞退の撤回をご検討いただけないでしょうか。\n"
    "ご迷惑をおかけし、申し訳ございません。\nよろしくお願いいたします。" + SIGNATURE + "\n"
    "2026年12月2日(水) 21:14 佐藤 花子 <hanako@example.jp>:\n"
    "> 山田 太郎 様\n> 御社でのご活躍をお祈りしております。ご苦労様でした。\n> 佐藤\n"
)


def test_a_quoted_reply_below_is_not_checked() -> None:
    found = rules(REPLY)
    assert "onsha-in-writing" not in found and "rude-to-superior" not in found
    assert not [r for r in found if r.startswith("missing-")]


def test_the_same_words_outside_the_quote_are_flagged() -> None:
    unquoted = REPLY.replace("> ", "")
    assert "onsha-in-writing" in rules(unquoted)


def test_blanking_keeps_offsets_and_line_breaks() -> None:
    blanked = blank_quoted(REPLY)
    assert len(blanked) == len(REPLY)
    assert blanked.count("\n") == REPLY.count("\n")
    assert "御社" not in blanked and "21:14" not in blanked  # the attribution line too
    assert blanked.startswith(ADDRESSEE)


def test_a_forwarded_message_runs_to_the_end() -> None:
    text = (
        "前文です。\n---------- Forwarded message ---------\nFrom: 村上\n\n御社で働きたいです！\n"
    )
    ((start, end),) = quoted_spans(text)
    assert text[start:].startswith("----------") and end == len(text)
    assert "informal-symbol" not in rules(text) and "onsha-in-writing" not in rules(text)


def test_a_text_without_quotes_is_returned_as_it_is() -> None:
    text = "御社の件、10:00～17:30 > 18:00"  # > inside a line is not a quote
    assert blank_quoted(text) is text


# --- shapes other writers use ----------------------------------------------------------


@pytest.mark.parametrize(
    "intro",
    [
        "本日、面接の機会をいただきました森 優斗です。",  # one-kanji surname with a space
        "エミリー・カーター（Emily Carter）です。",  # katakana name with its spelling
        "Emily Carterです。",
    ],
)
def test_names_of_other_shapes_introduce_the_writer(intro: str) -> None:
    text = (
        ADDRESSEE
        + "お世話になっております。\n"
        + intro
        + "\n本日はありがとうございました。\n今後ともよろしくお願いいたします。"
        + SIGNATURE
    )
    assert "missing-self-introduction" not in rules(text, purpose="thanks")


def test_an_honorific_inside_brackets_ends_the_addressee() -> None:
    text = (
        "株式会社グローバルリンクス\n人事部 採用担当\nMr. Kenta Ono（小野 健太 様）\n\n"
        "お世話になっております。\n東西大学の山田太郎です。\n本日はありがとうございました。\n"
        "よろしくお願いいたします。" + SIGNATURE
    )
    assert "missing-addressee" not in rules(text, purpose="thanks")


@pytest.mark.parametrize(
    ("ending", "closes"),
    [
        ("重ねてお詫び申し上げます。", True),
        ("まずは面接のお礼を申し上げたく、ご連絡いたしました。", True),
        # from an applicant, a look forward still wants よろしくお願いいたします after it
        ("皆様にお会いできることを楽しみにしております。", False),
        # an apology followed by a request that nothing closes is still unclosed
        ("心よりお詫び申し上げます。\n撤回をご検討いただけないでしょうか。", False),
    ],
)
def test_a_message_may_end_on_its_apology_or_thanks(ending: str, closes: bool) -> None:
    text = (
        ADDRESSEE
        + "お世話になっております。\n東西大学の山田太郎です。\n先日は失礼いたしました。\n"
        + ending
        + SIGNATURE
    )
    assert ("missing-closing" not in rules(text, purpose="apology")) is closes


def test_an_agency_consultant_signs_and_writes_to_a_person() -> None:
    text = (
        "小林 恵 様\n\nいつもお世話になっております。\nキャリアブリッジ株式会社の長谷川です。\n"
        "先方から回答がありましたので、ご報告いたします。\nよろしくお願いいたします。\n\n"
        "キャリアブリッジ株式会社\nシニアコンサルタント　長谷川 遼\nTEL：03-4567-8901\n"
    )
    found = rules(text, purpose="other")
    assert "missing-addressee" not in found and "missing-signature" not in found


def test_a_prefecture_with_its_departments_is_a_public_office() -> None:
    text = (
        "岡山県 総務部 人事課 御中\n\n拝啓　貴県ますますご発展のこととお慶び申し上げます。\n"
        "貴社への入社を辞退いたします。\n敬具\n"
    )
    assert spans(text, "address-form-mismatch", "letter", "decline") == ["貴社"]
    assert spans(text, "joining-verb-mismatch", "letter", "decline") == ["入社"]


def test_a_script_takes_the_employer_kind_from_the_receptionist() -> None:
    text = (
        "（受付）お電話ありがとうございます。みなと中央銀行 人事部でございます。\n"
        "私、東西大学の山田太郎と申します。御社への入社を辞退させていただきたく、お電話いたしました。\n"
        "申し訳ございません。失礼いたします。\n"
    )
    assert spans(text, "address-form-mismatch", "phone", "decline") == ["御社"]


def test_a_surname_on_a_script_line_is_not_an_organisation() -> None:
    text = (
        "受付：はい、株式会社つばさ工業でございます。\n北村：お電話代わりました。北村です。\n"
        "自分：東西大学の山田太郎と申します。御社で働きたい気持ちは変わりません。申し訳ございません。失礼いたします。\n"
    )
    assert spans(text, "address-form-mismatch", "phone", "withdraw") == []


# --- new families ------------------------------------------------------------------------


def test_a_recruiter_may_end_on_what_the_company_looks_forward_to() -> None:
    text = (
        "山田 太郎 様\n\nお世話になっております。\n株式会社サンプル 人事部の佐藤です。\n"
        "内定承諾書を拝受いたしました。\n皆様にお会いできることを楽しみにしております。\n\n"
        "株式会社サンプル\n人事部 採用チーム\nTEL：03-1234-5678\n"
    )
    assert "missing-closing" not in rules(text, purpose="thanks")


def test_a_section_heading_in_brackets_is_not_the_other_party() -> None:
    text = (
        "【挨拶】お世話になっております。東西大学の山田太郎と申します。\n"
        "【用件】御社の内定を辞退させていただきたく、お電話いたしました。申し訳ございません。\n"
        "【結び】失礼いたします。\n"
    )
    found = rules(text, "phone", "decline")
    assert "missing-self-introduction" not in found and "missing-closing" not in found
    assert "kisha-in-speech" not in found


def test_a_bracketed_name_the_script_calls_sama_speaks() -> None:
    text = (
        "東西大学の山田太郎と申します。人事部の西村様はいらっしゃいますか。\n"
        "（西村）はい、了解です。\n申し訳ございません。失礼いたします。\n"
    )
    assert "ryokai" not in rules(text, "phone", "decline")


@pytest.mark.parametrize(
    "header",
    [
        "---------- FORWARDED MESSAGE ---------",
        "-----original message-----",
        "-----Orıgınal Message-----",  # dotless ı: re.I takes it for i
        "-------- 転送メッセージ --------",
    ],
)
def test_the_cheap_quote_gate_lets_every_spelling_through(header: str) -> None:
    """quoted._may_quote (substring tests) runs before the case-insensitive gate: every
    spelling that gate accepts still reaches it, and the forward is blanked."""
    from naitei.check.quoted import _GATE, _may_quote

    text = f"承知いたしました。\n{header}\n了解です。\n"
    assert _may_quote(text)
    if _GATE.search(text) is not None:
        assert quoted_spans(text)[-1][1] == len(text)
