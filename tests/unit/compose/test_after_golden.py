"""The documents after the call equal their reviewed golden files, and each passes the checker
with its own purpose (CONTRACTS §6, §8): no error, and no warning but a missing signature when
the user gave no contact."""

from __future__ import annotations

from typing import cast

import pytest

from naitei.check import CheckContext, Kind, Purpose, check_text
from naitei.compose.model import CHECK_KIND, CHECK_PURPOSE
from naitei.services import document_text
from tests.unit.compose.golden import compare_with_golden, load
from tests.unit.compose.golden_after import (
    DECLINE_CASES,
    GOLDEN_AFTER,
    WITHDRAW_CASES,
    after_documents,
    texts,
)

CASES = (*WITHDRAW_CASES, *DECLINE_CASES)


@pytest.mark.parametrize("name", CASES)
def test_after_documents_match_the_golden_files(name: str) -> None:
    compare_with_golden(GOLDEN_AFTER / name, texts(name))


@pytest.mark.parametrize("name", CASES)
def test_after_documents_pass_the_checker_with_their_purpose(name: str) -> None:
    case, _ = load(name)
    for file_name, document in after_documents(name).items():
        index = int(file_name.split("-")[0]) - 1 if file_name[0].isdigit() else 0
        kind = cast("Kind", CHECK_KIND[document.kind])
        purpose = cast("Purpose", CHECK_PURPOSE[document.kind])
        for context in (CheckContext.from_case(case, index), None):
            for text in (document.text, document_text(document)):
                report = check_text(text, kind, purpose, context)
                errors = [
                    (f.rule, text[f.start : f.end])
                    for f in report.findings
                    if f.severity == "error"
                ]
                assert errors == [], (file_name, context is not None, errors)
        report = check_text(document.text, kind, purpose, CheckContext.from_case(case, index))
        warnings = [
            (f.rule, document.text[f.start : f.end])
            for f in report.findings
            if f.severity == "warning"
        ]
        assert warnings == [], (file_name, warnings)
