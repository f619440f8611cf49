"""The messenger's documents as golden files (read aloud before they were committed).

Regenerate after a deliberate change of wording with
``UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/messenger/test_golden.py`` and read the diff."""

from __future__ import annotations

import os

import pytest

from naitei.messenger.kit import messenger_files
from tests.support.messenger import GOLDEN, confirmed, names, request_of

TEXT_SUFFIXES = (".txt", ".md")


def texts(name: str) -> dict[str, str]:
    request, now = request_of(name)
    files = messenger_files(request, now, confirmed(request, now))
    return {
        key: value.decode("utf-8") for key, value in files.items() if key.endswith(TEXT_SUFFIXES)
    }


@pytest.mark.parametrize("name", names())
def test_documents_match_the_golden_files(name: str) -> None:
    folder = GOLDEN / name
    produced = texts(name)
    if os.environ.get("UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*"):
            old.unlink()
        for file, text in produced.items():
            (folder / file).write_text(text, encoding="utf-8")
    expected = {path.name: path.read_text("utf-8") for path in folder.glob("*")}
    assert produced == expected
