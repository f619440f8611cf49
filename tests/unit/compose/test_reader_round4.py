"""Findings of the fourth independent reader (2026-12-03, /tmp/reader4): the mechanisms behind
them, tried on cases the reader did not write."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text
from naitei.compose.model import CHECK_KIND
from naitei.compose.review import case_warnings, review_answer
from tests.support.cases import NOW, make_case
from tests.unit.compose.matrix import documents


@pytest.mark.parametrize(
    ("name", "said", "written", "spoken"),
    [
        ("株式会社ミライ", "御社様", "貴社", "御社"),
        ("いわて中央信用金庫", "貴社さま", "貴庫", "御庫"),
        ("みなと銀行", "御行 殿", "貴行", "御行"),
        ("医療法人社団こもれび会", "貴院様", "貴院", "御院"),
        ("株式会社ミライ", "御社御中", "貴社", "御社"),
    ],
)
def test_a_title_glued_to_a_form_of_address_is_dropped_and_told(
    name: str, said: str, written: str, spoken: str
) -> None:
    """A1: 御社様 in a user's answer is 二重敬称; every document writes the form of its own
    employer and medium without the title, passes the checker, and the user is told which
    field held it."""
    detail = f"その後、{said}の社員の方のお話を伺い、{said}で働きたいという思いが強くなりました"
    case = make_case(
        company__name=name, withdrawal__why="changed_mind", withdrawal__why_detail=detail
    )
    notes = [p for p in case_warnings(case) if p.field == "[withdrawal].why_detail"]
    assert len(notes) == 1 and "二重敬称" in notes[0].message, notes
    context = CheckContext.from_case(case)
    for _, document in documents(case, NOW):
        text = document.text
        form = spoken if document.kind in ("phone", "visit") else written
        assert f"{form}の社員の方" in text, (document.kind, text)
        for title in ("様", "さま", "殿", "御中"):
            assert f"{form}{title}" not in text and f"{form} {title}" not in text
        report = check_text(text, CHECK_KIND[document.kind], "withdraw", context)  # type: ignore[arg-type]
        assert [f.rule for f in report.findings if f.severity == "error"] == [], document.kind


def test_a_title_in_a_decline_reason_is_dropped_too() -> None:
    reviewed = review_answer("reason_detail_decline", "御社様より条件の合う他社に決めたため")
    assert any("二重敬称" in note for note in reviewed.warnings)
    assert "御社様" not in reviewed.sentence and "貴社様" not in reviewed.sentence


def test_words_that_only_start_like_a_title_are_kept() -> None:
    """様々 and さまざま after a form of address are no title (御社様々な → no cut)."""
    reviewed = review_answer(
        "why_detail", "その後、御社の様々な取り組みを知り、思いが強くなりました"
    )
    assert reviewed.warnings == () and "様々な取り組み" in reviewed.sentence
