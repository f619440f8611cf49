"""The user's story in the documents: their words in the right form, and fixed phrases that
are true of the facts (issue 12)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naitei.case import WithdrawalCase, parse_case
from naitei.compose import draft
from naitei.errors import CaseError
from tests.support.cases import NOW, case_data, make_case

KINDS = ("phone", "visit", "email", "letter")


def texts(case: WithdrawalCase, now: dt.datetime = NOW) -> str:
    docs = [draft(kind, case, now).text for kind in KINDS]
    return "\n".join([*docs, draft("email", case, now, after_call=False).text])


def test_sentences_given_as_strengths_become_noun_phrases() -> None:
    case = make_case(
        withdrawal__strengths=["在庫管理を研究しました。", "アルバイトでリーダーをしていました"]
    )
    text = draft("email", case, NOW).text
    assert "在庫管理を研究したことや、アルバイトでリーダーをしていた経験を生かし" in text
    assert "。や、" not in text and "ましたを" not in text


def test_a_polite_reason_detail_replaces_the_default_clause() -> None:
    case = make_case(decline__reason="family", decline__reason_detail="他社への入社を決めました")
    text = draft("email", case, NOW).text
    assert "辞退を申し上げたのは、他社への入社を決めたためでした。" in text
    assert "家庭の事情" not in text and "決めました。" not in text


def test_a_reason_told_as_a_story_is_kept_as_sentences() -> None:
    detail = "父が倒れたため、介護が必要になりました"
    text = draft("letter", make_case(decline__reason_detail=detail), NOW).text
    assert "父が倒れたため、介護が必要になりました。その後" in text
    assert "他社への入社を決めた" not in text


def test_an_untold_reason_given_now_says_it_was_not_told() -> None:
    case = make_case(decline__reason="undisclosed", decline__reason_detail="父の介護")
    assert "辞退の際にはお伝えしませんでしたが、辞退を決めたのは、父の介護のためでした。" in (
        draft("email", case, NOW).text
    )


def test_why_other_needs_a_why_detail_with_an_example() -> None:
    with pytest.raises(CaseError) as error:
        parse_case(case_data(withdrawal__why="other"))
    (problem,) = error.value.lines()
    assert problem.startswith("case.toml: [withdrawal].why_detail: ")
    assert "（例: " in problem


def test_casual_answers_are_refused_naming_the_key() -> None:
    with pytest.raises(CaseError) as error:
        parse_case(case_data(decline__reason_detail="給料が良い会社に行きたかったから"))
    assert error.value.lines()[0].startswith("case.toml: [decline].reason_detail: ")


def test_refused_answers_never_reach_a_document_even_unvalidated() -> None:
    data = case_data(
        decline__reason_detail="やっぱり給料が良い会社に行きたかったから",
        withdrawal__why_detail="ちょっと事情が変わったんだよね",
        withdrawal__strengths=["英語が得意です"],
    )
    case = parse_case(data, wording=False)
    assert isinstance(case, WithdrawalCase)
    text = texts(case)
    for word in ("やっぱり", "行きたかった", "ちょっと", "んだよ", "得意です"):
        assert word not in text


def days_ago(days: int, **changes: Any) -> WithdrawalCase:
    declined = NOW - dt.timedelta(days=days)
    return make_case(decline__declined_at=declined, **changes)


@pytest.mark.parametrize(
    "changes",
    [
        {"withdrawal__why": "changed_mind"},
        {"withdrawal__why": "other", "withdrawal__why_detail": "指導教員と相談を重ねました"},
        {"decline__reason": "undisclosed"},
        {"decline__reason": "fit"},
    ],
)
def test_tōji_only_for_a_decline_a_month_old_or_more(changes: dict[str, Any]) -> None:
    assert "当時" not in texts(days_ago(5, **changes))
    assert "当時" in texts(days_ago(45, **changes))


def test_recovery_from_illness_is_not_a_situation_arranged() -> None:
    case = make_case(decline__reason="health", withdrawal__why="situation_resolved")
    text = texts(case)
    assert "整った" not in text and "整い" not in text
    assert "体調" in text


def test_keisotsu_only_when_the_user_calls_the_decline_hasty() -> None:
    deliberate = make_case(withdrawal__why="changed_mind", decline__reason="conditions")
    assert "軽率" not in texts(deliberate)
    assert "迷いの末" not in texts(deliberate)
    hasty = make_case(
        withdrawal__why="changed_mind",
        withdrawal__why_detail="十分に考えずに早まった判断をしたと気づきました",
    )
    assert "軽率" in texts(hasty)


def test_what_changed_is_never_vague_when_why_is_other() -> None:
    case = make_case(withdrawal__why="other", withdrawal__why_detail="指導教員と相談を重ねました")
    text = texts(case)
    assert "事情が大きく変わりました" not in text
    assert "その後、指導教員と相談を重ねました。" in text


def test_a_time_word_of_the_user_is_not_doubled() -> None:
    case = make_case(withdrawal__why_detail="先日、入社予定の企業が採用を取りやめました")
    text = draft("email", case, NOW).text
    assert "\n先日、入社予定の企業が採用を取りやめました。" in text
    assert "その後、先日" not in text
