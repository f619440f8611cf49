"""The user's own words: how each answer is read, and the form it takes in each slot."""

from __future__ import annotations

from pathlib import Path

import pytest

from naitei.compose.restyle import as_cause, as_noun, as_sentences
from naitei.compose.review import refusal, warnings_of
from naitei.compose.words import analyse, normalise
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "words.toml"


@table(TABLES, "endings", "text", "endings")
def test_answers_are_read_sentence_by_sentence(text: str, endings: list[str]) -> None:
    assert analyse(text).endings == tuple(endings)


@table(TABLES, "noun", "text", "noun", optional=("noun",))
def test_the_noun_slot_takes_a_noun_phrase_or_what_the_user_did(
    text: str, noun: str | None
) -> None:
    assert as_noun(analyse(text)) == noun


@table(TABLES, "cause", "text", "cause", optional=("cause",))
def test_the_cause_slot_takes_a_clause_ending_in_tame(text: str, cause: str | None) -> None:
    assert as_cause(analyse(text)) == cause


@table(TABLES, "sentences", "text", "sentences", optional=("sentences",))
def test_the_sentence_slot_takes_polite_sentences(text: str, sentences: str | None) -> None:
    assert as_sentences(analyse(text)) == sentences


@table(TABLES, "casual", "text", "kind")
def test_casual_register_is_an_issue(text: str, kind: str) -> None:
    answer = analyse(text)
    assert kind in {issue.kind for issue in answer.issues}
    assert (as_noun(answer), as_cause(answer), as_sentences(answer)) == (None, None, None)


def test_wishes_stated_as_a_thought_are_not_casual() -> None:
    assert analyse("研究を続けたいと考えたため").issues == ()


def test_safe_fixes_are_made_before_the_analysis() -> None:
    assert normalise("お父さんの介護！") == "父の介護。"
    assert normalise("英語,中国語，簿記") == "英語、中国語、簿記"
    assert normalise("ｶﾞｸﾁｶ") == "ガクチカ"
    assert normalise("1,000時間の研修") == "1,000時間の研修"
    assert normalise("内定が取り消された\n父が倒れた") == "内定が取り消された。父が倒れた"


@table(TABLES, "refusal", "text", "slot", "needle")
def test_refusals_say_why_and_give_an_example(text: str, slot: str, needle: str) -> None:
    message = refusal(text, slot, "strengths")  # type: ignore[arg-type]
    assert message is not None and needle in message
    assert message.endswith("（例: 機械工学の研究で培った設計の基礎）")


@pytest.mark.parametrize("word", ["第一志望", "滑り止め", "本命"])
def test_words_that_rank_the_company_are_warned_about_not_refused(word: str) -> None:
    text = f"{word}の企業から内定をいただいたため"
    assert refusal(text, "cause", "reason_detail") is None
    (warning,) = warnings_of(text)
    assert f"「{word}」" in warning


@table(TABLES, "verbs", "plain_past", "polite_past", "plain", "polite")
def test_each_conjugation_class_is_restyled_both_ways(
    plain_past: str, polite_past: str, plain: str, polite: str
) -> None:
    assert as_sentences(analyse(plain_past)) == f"{polite_past}。"
    assert as_sentences(analyse(plain)) == f"{polite}。"
    assert as_cause(analyse(polite_past)) == f"{plain_past}ため"
    assert as_cause(analyse(polite)) == f"{plain}ため"
    assert as_cause(analyse(f"{plain_past}ので")) == f"{plain_past}ため"


def test_a_legal_form_outside_the_addressees_name_is_refused() -> None:
    from naitei.check import CheckContext

    context = CheckContext(company_name="株式会社サンプル")
    assert (
        refusal("株式会社サンプルの説明会に参加しました", "sentence", "why_detail", context) is None
    )
    for text in ("株式会社ミライの内定が取り消されました", "父の介護・株式会社"):
        message = refusal(text, "sentence", "why_detail", context)
        assert message is not None and "ほかの会社や法人の名前" in message


@table(TABLES, "written", "text", "written")
def test_spoken_intensity_and_hedges_are_rewritten_as_a_writer_would(
    text: str, written: str
) -> None:
    assert analyse(text).text == written


def test_the_filler_nanka_is_refused_with_a_hint() -> None:
    message = refusal("なんか自分に合わない気がしたので", "cause", "reason_detail")
    assert message is not None and "なんか" in message and "削り" in message


@table(TABLES, "strengths", "strengths", "said", optional=("said",))
def test_two_strengths_with_one_tail_say_it_once(strengths: list[str], said: str | None) -> None:
    from naitei.compose.sentences import strengths_phrase

    phrase = strengths_phrase(strengths)
    assert phrase == (said or "や、".join(strengths))
