"""No document repeats itself (issue 12): not a sentence, not a clause, not a long phrase, and
no polite formula more than twice — over every example, fixture and golden case and over
generated cases across employer kinds, routes and ways of declining."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naitei.case import Case, load_case
from naitei.compose.model import Document
from tests.support.cases import NOW
from tests.unit.compose.golden import NOW as GOLDEN_NOW
from tests.unit.compose.matrix import CASE_FILES, decline_cases, documents, withdrawal_cases
from tests.unit.compose.repetition import names_of, problems


def params() -> list[Any]:
    found = []
    for path in CASE_FILES:
        found.append(
            pytest.param(load_case(path), GOLDEN_NOW.get(path.stem, NOW), id=str(path.stem))
        )
    for label, case in [*withdrawal_cases(), *decline_cases()]:
        found.append(pytest.param(case, NOW, id=label))
    return found


@pytest.mark.parametrize(("case", "now"), params())
def test_no_document_repeats_itself(case: Case, now: dt.datetime) -> None:
    failures = {}
    for index, document in documents(case, now):
        found = problems(document, names_of(case, index))
        if found:
            failures[f"{document.kind}:{index + 1}:{document.title}"] = found
    assert failures == {}


def test_the_repetition_test_catches_what_it_should() -> None:
    text = "株式会社A\n佐藤様\n\n本文です。ご連絡いたしました。ご連絡いたしました。\nご連絡の件。\n"
    assert "sentence twice: ご連絡いたしました。" in problems(Document("email", "t", text), ())
    assert "ご連絡 ×3" in problems(Document("email", "t", text), ())
    long = "辞退の意思をきちんとお伝えしないまま、失礼しました。先日は辞退の意思をきちんとお伝えしないままでした。"
    assert any(
        p.startswith("phrase twice: ")
        for p in problems(Document("email", "t", "宛名\n\n" + long), ())
    )


def test_near_duplicates_of_one_stem_are_caught() -> None:
    text = (
        "宛名\n\n誠に身勝手なことと承知しております。筆を執りました。"
        "誠に勝手なお願いではございますが、ご検討ください。\n"
    )
    found = problems(Document("email", "t", text), ())
    assert any(p.startswith("勝手 twice within") for p in found)
    apart = "宛名\n\n深く反省しております。一文。二文。三文。私の判断を反省しております。\n"
    assert not any("反省" in p for p in problems(Document("email", "t", apart), ()))
