"""Keigo and verb forms: double-honorific, humble-overlap, sasete-itadaku-overuse,
sa-insertion, ra-omission — each with the mistakes it must catch and the traps it must not."""

from __future__ import annotations

import pytest

from naitei.check import Finding, check_text


def flagged(text: str, rule: str, kind: str = "email") -> list[Finding]:
    return [f for f in check_text(text, kind).findings if f.rule == rule]  # type: ignore[arg-type]


def spans(text: str, rule: str) -> list[tuple[str, str | None]]:
    return [(text[f.start : f.end], f.suggestion) for f in flagged(text, rule)]


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("佐藤様がおっしゃられたとおりです。", "おっしゃられた", "おっしゃった"),
        ("先ほどおっしゃられました。", "おっしゃられました", "おっしゃいました"),
        ("部長がおっしゃられる内容", "おっしゃられる", "おっしゃる"),
        ("資料をご覧になられましたか。", "ご覧になられました", "ご覧になりました"),
        ("社長がお帰りになられました。", "お帰りになられました", "お帰りになりました"),
        ("先生がお話しになられた。", "お話しになられた", "お話しになった"),
        ("本日はいらっしゃられますか。", "いらっしゃられます", "いらっしゃいます"),
        ("昼食を召し上がられましたか。", "召し上がられました", "召し上がりました"),
        ("遠方からお越しになられる方", "お越しになられる", "お越しになる"),
        ("式にご出席になられますか。", "ご出席になられます", "ご出席になります"),
        ("部長がなさられる。", "なさられる", "なさる"),
    ],
)
def test_double_honorific_is_caught_with_the_single_form(
    text: str, span: str, suggestion: str
) -> None:
    assert spans(text, "double-honorific") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "佐藤様がお見えになりました。",  # 『敬語の指針』: accepted by custom
        "どうぞお召し上がりになってください。",
        "明日お伺いします。",
        "資料をご覧になりましたか。",
        "佐藤様がおっしゃるとおりです。",
        "面接会場に来られる方",
        "社長が来られました。",
        "四月から社会人になられるそうですね。",
        "佐藤様も大変お世話になられたそうですね。",
        "ご病気になられたと伺いました。",
        "ご連絡をいただけますと幸いです。",
    ],
)
def test_correct_honorifics_are_not_flagged(text: str) -> None:
    assert flagged(text, "double-honorific") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("資料を拝見させていただきました。", "拝見させていただきました", "拝見いたしました"),
        ("明日、伺わせていただきます。", "伺わせていただきます", "伺います"),
        ("後日お伺いさせていただきます。", "お伺いさせていただきます", "伺います"),
        ("一言申し上げさせていただきます。", "申し上げさせていただきます", "申し上げます"),
        ("お手紙を拝読させていただいた。", "拝読させていただいた", "拝読した"),
        ("資料を拝見させて頂きました。", "拝見させて頂きました", "拝見いたしました"),
    ],
)
def test_humble_verbs_with_sasete_itadaku_are_caught(text: str, span: str, suggestion: str) -> None:
    assert spans(text, "humble-overlap") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "資料を拝見しました。",
        "後日お伺いいたします。",
        "お詫び申し上げます。",
        "説明させていただきます。",
    ],
)
def test_plain_humble_forms_are_not_flagged(text: str) -> None:
    assert flagged(text, "humble-overlap") == []


def test_sasete_itadaku_three_times_is_one_finding_over_all_of_them() -> None:
    text = "ご連絡させていただきました。説明させていただきます。確認させていただければ幸いです。"
    [finding] = flagged(text, "sasete-itadaku-overuse")
    assert finding.start == text.index("させていただき")
    assert text[finding.start : finding.end].endswith("させていただけ")
    assert "3回" in finding.message


def test_sasete_itadaku_twice_is_fine() -> None:
    text = "ご連絡させていただきました。説明させて頂きます。"
    assert flagged(text, "sasete-itadaku-overuse") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("資料を読まさせていただきます。", "読まさせ", "読ませ"),
        ("本日は休まさせていただきます。", "休まさせ", "休ませ"),
        ("私に行かさせてください。", "行かさせ", "行かせ"),
        ("一言言わさせてください。", "言わさせ", "言わせ"),
        ("書かさせていただきます。", "書かさせ", "書かせ"),
        ("少し待たさせてしまいました。", "待たさせ", "待たせ"),
    ],
)
def test_sa_insertion_is_caught(text: str, span: str, suggestion: str) -> None:
    assert spans(text, "sa-insertion") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "事情を話させていただきます。",
        "ベルを鳴らさせていただきました。",
        "準備をいたさせます。",
        "手続きを済ませてから伺います。",
        "資料を読ませていただきます。",
        "確認させていただきます。",
        "弟に来させます。",
        "食べさせていただきました。",
    ],
)
def test_correct_causatives_are_not_flagged(text: str) -> None:
    assert flagged(text, "sa-insertion") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("動画を見れました。", "見れ", "見られ"),
        ("明日は来れますか。", "来れ", "来られ"),
        ("辛い物も食べれる。", "食べれ", "食べられ"),
        ("食べれる", "食べれる", "食べられる"),
        ("会議に出れない。", "出れ", "出られ"),
        ("昨夜は寝れなかった。", "寝れ", "寝られ"),
        ("朝早く起きれる。", "起きれる", "起きられる"),
        ("その服は着れる。", "着れる", "着られる"),
        ("すぐには決めれない。", "決めれ", "決められ"),
        ("本を借りれる。", "借りれ", "借りられ"),
        ("その話は信じれない。", "信じれ", "信じられ"),
    ],
)
def test_ra_omission_is_caught(text: str, span: str, suggestion: str) -> None:
    assert spans(text, "ra-omission") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "箱に書類を入れる。",
        "休みが取れる日をお知らせください。",
        "今日は早く帰れる。",
        "期限が切れる前に返送します。",
        "会場に来られる方",
        "資料は見られます。",
        "兄が継いでくれることになりました。",
        "電車に乗れる時間です。",
        "必要な書類を作れます。",
    ],
)
def test_godan_potentials_and_correct_forms_are_not_flagged(text: str) -> None:
    assert flagged(text, "ra-omission") == []
