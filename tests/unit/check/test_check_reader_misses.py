"""What an independent HR reader found and the checker missed (check21): titles with 様 beyond
社長様, 方/ほう as a filler, casual words in formal text, a sentence left unfinished, the same
honorific noun in four sentences in a row. Each with clean sentences that must stay clean."""

from __future__ import annotations

import pytest

from naitei.check import check_text


def hits(text: str, rule: str, kind: str = "email", purpose: str = "decline") -> list[str]:
    report = check_text(text, kind, purpose)  # type: ignore[arg-type]
    return [text[f.start : f.end] for f in report.findings if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("市長様にもよろしくお伝えください。", "市長様"),
        ("院長様にもよろしくお伝えください。", "院長様"),
        ("校長様から伺いました。", "校長様"),
        ("理事長様にお伝えください。", "理事長様"),
        ("看護部長様にお渡しください。", "看護部長様"),
        ("頭取様のお話が印象に残っております。", "頭取様"),
    ],
)
def test_every_title_with_sama_is_flagged(text: str, found: str) -> None:
    assert hits(text, "title-sama") == [found]


def test_a_place_before_a_public_title_is_not_taken_for_a_name() -> None:
    report = check_text("横浜市長様", "email", "decline")
    [finding] = [f for f in report.findings if f.rule == "title-sama"]
    assert finding.suggestion is None  # never 市長 横浜様
    report = check_text("山田校長様", "email", "decline")
    [finding] = [f for f in report.findings if f.rule == "title-sama"]
    assert finding.suggestion == "校長 山田様"


def test_titles_written_properly_stay_clean() -> None:
    for text in ("市長 山田様", "看護部長 山本様", "院長 佐藤様にもよろしくお伝えください。"):
        assert hits(text, "title-sama") == []


@pytest.mark.parametrize(
    ("text", "found", "fix"),
    [
        ("資料の方はこちらで処分いたします。", "の方は", "は"),
        ("ご確認のほうよろしくお願いします。", "のほう", "を"),
        ("ご検討の方をよろしくお願いいたします。", "の方を", "を"),
    ],
)
def test_filler_hou_is_baito_keigo(text: str, found: str, fix: str) -> None:
    report = check_text(text, "email", "decline")
    [finding] = [f for f in report.findings if f.rule == "baito-keigo"]
    assert (text[finding.start : finding.end], finding.suggestion) == (found, fix)


@pytest.mark.parametrize(
    "text",
    [
        "ご担当の方をお願いいたします。",
        "ご家族の方にもよろしくお伝えください。",
        "貴社の方針に共感しております。",
        "私の方が先に伺います。",
    ],
)
def test_hou_as_a_person_or_a_comparison_is_fine(text: str) -> None:
    assert hits(text, "baito-keigo") == []


@pytest.mark.parametrize(
    ("text", "found", "fix"),
    [
        ("他社からも内定をもらったため、悩んでおりました。", "もらった", "いただいた"),
        ("入社後は精一杯頑張ります。", "頑張ります", "努めてまいります"),
        ("親が倒れてしまって、地元に戻ることになりました。", "しまって", "しまい"),
        ("地元に戻らないといけなくなりました。", "ないといけな", "なければならな"),
    ],
)
def test_casual_words_in_formal_text(text: str, found: str, fix: str) -> None:
    report = check_text(text, "email", "decline")
    [finding] = [f for f in report.findings if f.rule == "casual-word"]
    assert (text[finding.start : finding.end], finding.suggestion) == (found, fix)


def test_the_other_partys_casual_words_are_not_the_writers() -> None:
    text = (
        "北村：人事とも相談しないといけないので、一度来てもらえますか。\n自分：承知いたしました。"
    )
    assert hits(text, "casual-word", kind="phone", purpose="withdraw") == []


@pytest.mark.parametrize(
    "text",
    [
        "とりあえず今回はご縁がなかったということで。",
        "実は父が入院いたしまして。",
        "大変恐縮ですが。",
    ],
)
def test_an_unfinished_sentence_is_flagged(text: str) -> None:
    assert len(hits(text, "unfinished-sentence")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "今回はご縁がなかったものと存じます。",
        "父が入院したため、地元に戻ることにいたしました。",
        "> 先日の件で。\n承知いたしました。",
    ],
)
def test_a_finished_sentence_is_not(text: str) -> None:
    assert hits(text, "unfinished-sentence") == []
    assert hits(text, "unfinished-sentence", kind="phone") == []


def test_the_same_honorific_noun_in_four_sentences_in_a_row() -> None:
    text = (
        "先日はご連絡ありがとうございました。ご連絡が遅くなり申し訳ございません。"
        "改めてご連絡いたします。ご連絡をお待ちしております。"
    )
    assert hits(text, "repeated-word", purpose="other") == ["ご連絡"]
    varied = text.replace("ご連絡が遅く", "お返事が遅く")
    assert hits(varied, "repeated-word", purpose="other") == []


def test_a_topics_own_noun_may_recur() -> None:
    text = "辞退の理由は条件でした。条件は白紙になりました。条件の有無にかかわらず志望します。条件の変化は承知しております。"
    assert hits(text, "repeated-word", purpose="withdraw") == []


@pytest.mark.parametrize(
    ("text", "fix"),
    [
        ("内定を辞退しちゃって、申し訳ございません。", "てしまい"),
        ("書類を返送しなきゃいけないと考えております。", "なければ"),
        ("お返事をもらえますでしょうか。", "いただけ"),
        ("入社後は精一杯頑張っていきたいと存じます。", "努めてまいり"),
        ("面接とかで伺ったお話が心に残っております。", "など"),
    ],
)
def test_siblings_of_the_readers_casual_words(text: str, fix: str) -> None:
    report = check_text(text, "email", "decline")
    assert [f.suggestion for f in report.findings if f.rule == "casual-word"] == [fix]


@pytest.mark.parametrize(
    "text",
    [
        "何とかご検討いただけますと幸いです。",
        "おもちゃの開発に携わりたいと考えております。",
        "内定をいただきました。",
    ],
)
def test_formal_words_near_the_casual_ones_stay_clean(text: str) -> None:
    assert hits(text, "casual-word") == []
