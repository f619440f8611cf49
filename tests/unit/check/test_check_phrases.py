"""Word-list rules (data/check/phrases.toml): ryokai, casual-word, sumimasen, baito-keigo,
redundant-expression, informal-symbol."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.data import phrases
from tests.unit.check import check_samples as samples


def flagged(text: str, rule: str, kind: str = "email") -> list[tuple[str, str | None]]:
    report = check_text(text, kind)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("phrase", phrases(), ids=lambda phrase: phrase.id)
def test_every_entry_flags_its_example(phrase) -> None:  # type: ignore[no-untyped-def]
    assert flagged(phrase.example, phrase.rule), phrase.example


@pytest.mark.parametrize(
    ("text", "rule", "span", "suggestion"),
    [
        ("日程の件、了解しました。", "ryokai", "了解しました", "承知しました"),
        ("了解いたしました。", "ryokai", "了解いたしました", "承知いたしました"),
        ("了解です。", "ryokai", "了解です", "承知しました"),
        ("了解致しました。", "ryokai", "了解致しました", "承知いたしました"),
        ("ちょっとお待ちください。", "casual-word", "ちょっと", "少々"),
        ("やっぱり貴社で働きたいです。", "casual-word", "やっぱり", "やはり"),
        ("全然問題ございません。", "casual-word", "全然", "まったく"),
        ("本意じゃないです。", "casual-word", "じゃ", "では"),
        ("事情が変わりました。でも、諦めきれません。", "casual-word", "でも", "しかし"),
        ("他社に決めました。なので、辞退します。", "casual-word", "なので", "そのため"),
        ("ご迷惑をおかけしてすみません。", "sumimasen", "すみません", "申し訳ございません"),
        ("先日はすいませんでした。", "sumimasen", "すいません", "申し訳ございません"),
        ("こちらで間違いなかったでしょうか。", "baito-keigo", None, None),
        ("佐藤様でよろしかったでしょうか。", "baito-keigo", "よろしかった", "よろしい"),
        ("書類の方をお送りします。", "baito-keigo", "の方を", "を"),
        ("こちらが連絡先になります。", "baito-keigo", "になります", "でございます"),
        ("担当の山田になります。", "baito-keigo", "山田になります", "でございます"),
        ("まずはじめにお詫びします。", "redundant-expression", "まずはじめに", "まず"),
        ("一番最初にご連絡すべきでした。", "redundant-expression", "一番最初", "最初"),
        ("今の現状をお伝えします。", "redundant-expression", "今の現状", "現状"),
        ("辞退を後で後悔しました。", "redundant-expression", "後で後悔", "後悔"),
        ("約3日ほど前に連絡しました。", "redundant-expression", "約3日ほど", None),
        ("ありがとうございます！", "informal-symbol", "！", "。"),
        ("緊張しています(笑)", "informal-symbol", "(笑)", None),
        ("よろしくお願いします😊", "informal-symbol", "😊", None),
        ("ｻﾝﾌﾟﾙ社の件", "informal-symbol", "ｻﾝﾌﾟﾙ", "サンプル"),
        ("遅くなりました(^_^;)", "informal-symbol", "(^_^;)", None),
    ],
)
def test_phrases_are_flagged_with_their_fix(
    text: str, rule: str, span: str | None, suggestion: str | None
) -> None:
    found = flagged(text, rule)
    if span is None:
        assert found == []
    else:
        assert (span, suggestion) in found


@pytest.mark.parametrize("text", samples.TRAPS)
@pytest.mark.parametrize("kind", ["email", "letter"])
def test_trap_sentences_stay_clean(text: str, kind: str) -> None:
    report = check_text(text, kind)  # type: ignore[arg-type]
    noisy = [
        (f.rule, text[f.start : f.end])
        for f in report.findings
        if f.severity != "info" and not f.rule.startswith("missing-")
    ]
    assert noisy == []


@pytest.mark.parametrize(
    "text",
    [
        "ちょうど一週間前です。",
        "すみやかに返送いたします。",
        "やはり貴社を志望しております。",
        "いつでもご連絡ください。",
        "それでも構いません。",
        "ご了解いただけますと幸いです。",
        "お世話になります。",
        "来年から社会人になります。",
        "貴社の一員になります。",
        "メールアドレス: taro@example.com (www.example.com)",
        "（株式会社サンプル）の件",
    ],
)
def test_casual_and_symbol_rules_leave_correct_text_alone(text: str) -> None:
    rules = {"casual-word", "informal-symbol", "ryokai", "baito-keigo", "redundant-expression"}
    report = check_text(text, "email")
    assert [(f.rule, text[f.start : f.end]) for f in report.findings if f.rule in rules] == []


def test_sentence_start_words_only_at_the_start() -> None:
    assert flagged("あと、書類を返送しました。", "casual-word") == [("あと", "また")]
    assert flagged("あと一点だけ確認させてください。", "casual-word") == []


def test_the_trigger_scan_finds_every_trigger_even_overlapping_ones() -> None:
    """_candidates (one alternation, searched again one character after each match) gates the
    same entries as testing every trigger with ``in``: triggers inside, overlapping or
    sharing a start with another trigger included."""
    import random

    from naitei.check.rules.phrases import _by_chars, _by_trigger, _candidates, _chars_gate

    by_trigger = _by_trigger()
    triggers = sorted(by_trigger)
    randomness = random.Random(13)
    filler = "、。私はのです\nお"
    texts = [phrase.example for phrase in phrases()]
    for _ in range(300):
        pieces = randomness.choices([*triggers, *filler], k=randomness.randint(1, 12))
        text = "".join(pieces)
        # cut some triggers in half: overlaps and near misses
        texts.append(text[randomness.randint(0, 3) :])
    for text in texts:
        expected = {n for trigger in triggers if trigger in text for n in by_trigger[trigger]}
        if _chars_gate().search(text):
            expected.update(_by_chars())
        assert _candidates(text) == sorted(expected), text
