"""Generated documents equal the reviewed golden files (tests/fixtures/golden/)."""

from __future__ import annotations

import os

import pytest

from tests.unit.compose.golden import GOLDEN, case_names, documents

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("name", case_names())
def test_documents_match_the_golden_files(name: str) -> None:
    folder = GOLDEN / name
    generated = documents(name)
    if UPDATE:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for file_name, text in generated.items():
            (folder / file_name).write_text(text, encoding="utf-8")
    expected = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert sorted(expected) == sorted(generated)
    for file_name, text in generated.items():
        assert text == expected[file_name], f"{name}/{file_name} differs from its golden file"


def test_there_are_enough_contrasting_cases() -> None:
    assert len([n for n in case_names() if n.startswith("g")]) >= 8
