"""Findings of the round-2 HR reader that concern whole documents (A4, A5, A8)."""

from __future__ import annotations

from naitei.compose import draft
from tests.support.cases import NOW, make_case


def test_a_university_employer_on_the_school_route_names_the_recommending_school() -> None:
    case = make_case(
        company__name="国立大学法人 北陸先端大学",
        offer__via="school",
        applicant__school="北陸大学",
    )
    letter = draft("letter", case, NOW).text
    assert "貴学と北陸大学にご心配をおかけした" in letter
    assert "貴学と大学との" not in letter


def test_a_company_on_the_school_route_keeps_the_plain_school_word() -> None:
    case = make_case(offer__via="school", applicant__school="北陸大学")
    assert "貴社と大学にご心配をおかけした" in draft("letter", case, NOW).text


def test_the_agent_is_not_apologised_to_for_the_channel_the_company_was_told_by() -> None:
    case = make_case(
        offer__via="agent",
        offer__agent_name="JACリクルートメント",
        decline__channel="email",
    )
    text = draft("email", case, NOW).text
    assert text.count("大変失礼いたしました") == 1
    assert "メールだけで" not in text
    # the company's own documents still say it
    assert "メールだけで" in draft("letter", case, NOW).text


def test_no_fixed_judgement_repeats_the_users_own() -> None:
    case = make_case(
        withdrawal__why="changed_mind",
        withdrawal__why_detail="辞退は軽率な判断でした。貴社で働きたいという思いが消えず、深く反省しています",
        decline__company_response="angry",
    )
    for kind in ("email", "letter"):
        text = draft(kind, case, NOW).text
        assert text.count("軽率") == 1, kind
        assert text.count("反省") == 1, kind
        assert "反省しています" not in text  # one register: おります
