"""Generated documents equal the reviewed golden files (tests/fixtures/golden/)."""

from __future__ import annotations

import pytest

from tests.unit.compose.golden import GOLDEN, case_names, compare_with_golden, documents


@pytest.mark.parametrize("name", case_names())
def test_documents_match_the_golden_files(name: str) -> None:
    compare_with_golden(GOLDEN / name, documents(name))


def test_there_are_enough_contrasting_cases() -> None:
    assert len([n for n in case_names() if n.startswith("g")]) >= 8
