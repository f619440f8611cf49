"""The user's words by their shape and register (round-2 reader, findings A2, A3, A5, A9).

A clause that tells how the decision came about (…結果) leads into the decision and is never put
before ため; an answer that states the decline itself is not doubled; spoken turns of phrase are
rewritten from words.toml [[rewrite]] or refused; ranking words become 他社 in texts to the
employer, and the user is told.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from naitei.check import CheckContext, check_text
from naitei.compose.restyle import as_sentences
from naitei.compose.review import refusal, warnings_of
from naitei.compose.sentences import past_reason, present_reason
from naitei.compose.words import analyse, formal_verbs
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "words_register.toml"


@table(TABLES, "frame", "detail", "expected")
def test_a_reason_takes_the_frame_of_its_shape(detail: str, expected: str) -> None:
    text = past_reason("family", detail, "written")
    assert text == expected
    assert "結果のため" not in text and "によるため" not in text
    assert text.count("辞退") == 1


def test_a_reason_that_states_the_decline_is_not_doubled_in_a_decline_either() -> None:
    text = present_reason("family", "家族と相談した結果、辞退しました", "written")
    assert text == "家族と相談した結果、辞退を決意いたしました。"
    assert text.count("辞退") == 1


def test_the_silent_applicant_is_not_said_to_have_decided() -> None:
    facts = {"mode": "silent", "silent": "true"}
    text = past_reason("family", "家族と相談した結果", "written", facts=facts)
    assert "辞退を決めました" not in text and "お返事ができずにおりました" in text


@table(TABLES, "te_shimau", "said", "written")
def test_te_shimau_is_dropped_keeping_the_verb_form(said: str, written: str) -> None:
    assert formal_verbs(said) == written


@table(TABLES, "spoken_turns", "said", "written", optional=("written",))
def test_spoken_turns_are_rewritten_before_they_are_woven_in(
    said: str, written: str | None
) -> None:
    if written is None:  # rewritten, then refused for what no rewrite may change (a wish)
        message = refusal(said, "cause", "reason_detail")
        assert message is not None
        assert "やっぱり" not in message and "願いの形" in message
        return
    assert refusal(said, "cause", "reason_detail") is None
    assert past_reason("family", said, "written") == f"辞退を申し上げたのは、{written}でした。"


def test_believed_is_not_rewritten_as_considered() -> None:
    assert "合格と思っていた" in analyse("合格と思っていた試験が不合格だった").text


@table(TABLES, "no_rewrite", "said", "word")
def test_what_cannot_be_rewritten_is_refused_naming_the_formal_word(said: str, word: str) -> None:
    message = refusal(said, "cause", "reason_detail")
    assert message is not None and word in message and "（例:" in message


def test_the_checker_flags_the_spoken_forms_in_a_draft() -> None:
    report = check_text(
        "父が倒れてしまって、地元に戻らないといけなくなりました。", "email", "withdraw"
    )
    casual = [f for f in report.findings if f.rule == "casual-word"]
    assert len(casual) == 2, [f.message for f in report.findings]


def test_the_first_choice_becomes_another_company_and_the_user_is_told() -> None:
    text = past_reason("other_offer", "第一志望の会社から内定が出たため", "written")
    assert text == "辞退を申し上げたのは、他社の内定をお受けすることにしたためでした。"  # B10
    (warning,) = warnings_of("第一志望の会社から内定が出たため")
    assert "「他社」と書きました" in warning
    # said of the addressee itself, it is no slight and stays
    assert warnings_of("もともと御社が第一志望で、地元で働きたいと考えていました") == []


@table(TABLES, "change", "said", "written")
def test_spoken_words_in_a_change_are_made_written(said: str, written: str) -> None:
    """Reader 2, A3: the restyler changed only the final predicate of the why_detail."""
    assert as_sentences(analyse(said)) == written


@table(TABLES, "no_equivalent", "said", "word", "hint")
def test_spoken_words_without_a_safe_equivalent_are_refused_with_their_own_hint(
    said: str, word: str, hint: str
) -> None:
    message = refusal(said, "cause", "reason_detail")
    assert message is not None
    assert f"「{word}」" in message and hint in message


def test_a_word_is_judged_once() -> None:
    """Reader 2, B7: 「もらい」 was refused twice, by the checker and by the word list."""
    message = refusal("内定をもらいましたので", "cause", "reason_detail")
    assert message is not None
    assert message.count("もらい") == 1 or message.count("「もらい") == 1


@pytest.mark.parametrize(
    "said",
    [
        "親に大企業の方がいいと言われたので",
        "安定している方がいいと考えたため",
    ],
)
def test_a_reason_ranking_the_addressee_below_a_bigger_employer_is_warned(said: str) -> None:
    """Reader 2, A4: 大企業の方がいい, sent to a 有限会社, was woven in without a word."""
    (warning,) = warnings_of(said)
    assert "低く見ていた" in warning


def test_an_offer_from_a_big_employer_is_written_as_another_companys() -> None:
    """The 2026-12-03 reader, A3: 大手の内定が出て reached the text; the offer of a 大手 is 他社's
    (and the user is told), where a size judgement of its own stays and is warned about."""
    # the offer taken, not received, is the reason (reader 3, B10)
    assert (
        analyse("大手企業から内定をいただいたため").text == "他社の内定をお受けすることにしたため"
    )
    (warning,) = warnings_of("大手企業から内定をいただいたため")
    assert "「他社」と書きました" in warning


def test_a_place_named_like_a_big_employer_is_no_ranking() -> None:
    assert warnings_of("大手町の事務所に通うことになったため") == []


@table(TABLES, "other_name", "said", "name")
def test_another_organisation_named_without_its_legal_form_is_refused(said: str, name: str) -> None:
    """Reader 2, B5: ミライ商事 passed where 株式会社ミライ商事 was refused."""
    context = CheckContext(company_name="株式会社みなと精機")
    message = refusal(said, "cause", "reason_detail", context)
    assert message is not None and f"（{name}）" in message


@pytest.mark.parametrize(
    "said",
    [
        "地元の銀行への就職を決めたため",
        "大手商社への就職を決めたため",
        "道路建設の仕事を選んだため",
        "みなと精機で働きたいと考えたため",  # the addressee's own name, without 株式会社
    ],
)
def test_a_kind_of_employer_or_the_addressees_own_name_is_no_other_name(said: str) -> None:
    context = CheckContext(company_name="株式会社みなと精機")
    assert refusal(said, "cause", "reason_detail", context) is None


@table(TABLES, "only_apology", "said", "refused")
def test_a_why_detail_that_only_apologises_is_refused(said: str, refused: bool) -> None:
    """Reader 2, B3: an apology pasted in the what-changed slot left the question unanswered."""
    message = refusal(said, "sentence", "why_detail_changed_mind")
    assert (message is not None and "変わった状況や考え" in message) is refused


@table(TABLES, "comparison", "said", "written")
def test_a_comparison_with_the_addressee_becomes_a_neutral_choice(said: str, written: str) -> None:
    assert present_reason("fit", said, "written") == written


@table(TABLES, "decision_verb", "said", "written")
def test_a_feeling_or_a_casual_verb_of_the_decision_is_made_written(
    said: str, written: str
) -> None:
    """Reader 2, C4: 悩んだ結果 → 熟慮の結果; 辞退代行に頼んだ → 辞退代行業者に依頼した."""
    assert analyse(said).text == written
