"""Every document naitei generates passes its own checker with no error (CONTRACTS §5, issue 3),
read as the body and as the file the user copies, with and without the case as context: not
even a warning, with or without the case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from naitei.case import Case, load_case
from naitei.check import CheckContext, check_text
from naitei.compose.model import CHECK_KIND, Document
from naitei.services import document_text
from tests.support.cases import NOW
from tests.support.strategies import Parsed, parsed_withdrawals
from tests.unit.compose.golden import NOW as GOLDEN_NOW
from tests.unit.compose.matrix import CASE_FILES, decline_cases, documents, withdrawal_cases


def findings(
    case: Case, index: int, document: Document, text: str, context: CheckContext | None
) -> list[tuple[str, str, str]]:
    purpose = "decline" if document.kind.startswith("decline") else "withdraw"
    report = check_text(text, CHECK_KIND[document.kind], purpose, context)  # type: ignore[arg-type]
    return [(f.severity, f.rule, text[f.start : f.end]) for f in report.findings]


def all_params() -> list[Any]:
    params = []
    for path in CASE_FILES:
        case = load_case(path)
        now = GOLDEN_NOW.get(path.stem, NOW)
        for index, document in documents(case, now):
            label = f"{path.parent.name}/{path.stem}:{document.kind}:{index + 1}:{document.title}"
            params.append(pytest.param(path, now, index, document, id=label))
    return params


@pytest.mark.parametrize(("path", "now", "index", "document"), all_params())
def test_generated_documents_pass_the_checker(
    path: Path, now: dt.datetime, index: int, document: Document
) -> None:
    case = load_case(path)
    context = CheckContext.from_case(case, index)
    for text in (document.text, document_text(document)):
        for given_context in (context, None):
            errors = [
                f for f in findings(case, index, document, text, given_context) if f[0] == "error"
            ]
            assert errors == [], (given_context is not None, errors)
        for given_context in (context, None):
            # without the case too: a user who pastes naitei's own text into the checker (web,
            # LSP) is never told to fix it (reader 5, A3: the addressee read from 件名)
            warnings = [
                f for f in findings(case, index, document, text, given_context) if f[0] == "warning"
            ]
            assert warnings == [], (given_context is not None, warnings)


@settings(max_examples=60, deadline=None)
@given(generated=parsed_withdrawals())
def test_generated_cases_give_documents_without_errors(generated: Parsed) -> None:
    case, now = generated
    context = CheckContext.from_case(case)
    for index, document in documents(case, now):
        errors = [
            f for f in findings(case, index, document, document.text, context) if f[0] == "error"
        ]
        assert errors == []


def matrix_params() -> list[Any]:

    return [pytest.param(case, id=label) for label, case in [*withdrawal_cases(), *decline_cases()]]


@pytest.mark.parametrize("case", matrix_params())
def test_every_employer_kind_and_route_passes_the_checker(case: Case) -> None:
    """Banks, 信用金庫, hospitals, city offices, schools … on every route and way of declining:
    no error with or without the case, no warning with it (issue 12)."""
    for index, document in documents(case, NOW):
        context = CheckContext.from_case(case, index)
        for text in (document.text, document_text(document)):
            for given_context in (context, None):
                errors = [
                    f
                    for f in findings(case, index, document, text, given_context)
                    if f[0] == "error"
                ]
                assert errors == [], (document.title, given_context is not None, errors)
        for given_context in (context, None):
            warnings = [f for f in findings(case, index, document, document.text, given_context)]
            warnings = [w for w in warnings if w[0] == "warning"]
            assert warnings == [], (document.title, given_context is not None, warnings)
