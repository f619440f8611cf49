"""No document repeats itself (issue 12): not a sentence, not a clause, not a long phrase, and
no polite formula more than twice — over every example, fixture and golden case and over
generated cases across employer kinds, routes and ways of declining."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from naitei.case import Case, DeclineCase, load_case
from naitei.compose.model import Document
from naitei.compose.parties import Recipient
from tests.support.cases import NOW
from tests.unit.compose.golden import NOW as GOLDEN_NOW
from tests.unit.compose.matrix import CASE_FILES, decline_cases, documents, withdrawal_cases
from tests.unit.compose.repetition import problems


def names_of(case: Case, index: int) -> tuple[str, ...]:
    applicant = case.applicant
    company = case.companies[index] if isinstance(case, DeclineCase) else case.company
    agent = company.agent_name if isinstance(case, DeclineCase) else case.offer.agent_name
    person = Recipient.company(company).spoken  # 人事部の佐藤様: said to the reception too
    return (person, company.name, company.department, agent, applicant.name, applicant.school)


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
