"""The checker's data files load, validate, and refuse broken entries with a clear error."""

from __future__ import annotations

from typing import Any

import pytest

from naitei.check import data
from naitei.check.data import DataError, phrases, rule_infos, words


def test_all_data_files_load() -> None:
    assert len(rule_infos()) >= 27  # the contract's rules and those added since
    assert len(phrases()) > 50
    for table in ("honorific", "humble", "sa_allow", "legal_form", "abbreviation", "title"):
        assert data.entries("lexicon.toml", table)
    for table in (
        "apology",
        "closing",
        "not_a_name",
        "withdrawal",
        "again",
        "ask",
        "slot",
        "organisation",
    ):
        assert words("structure.toml", table, "word")


def test_every_phrase_names_a_known_rule_and_has_a_gate() -> None:
    rules = set(rule_infos())
    for phrase in phrases():
        assert phrase.rule in rules
        assert phrase.triggers or phrase.chars


@pytest.fixture
def fake_file(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    content: dict[str, Any] = {}
    monkeypatch.setattr(data, "load", lambda name: content)
    return content


def test_missing_or_duplicate_ids_are_refused(fake_file: dict[str, Any]) -> None:
    fake_file["word"] = [{"word": "x"}]
    with pytest.raises(DataError, match="id がありません"):
        data.entries("x.toml", "word")
    fake_file["word"] = [{"id": "a"}, {"id": "a"}]
    with pytest.raises(DataError, match="重複"):
        data.entries("x.toml", "word")
    fake_file.clear()
    with pytest.raises(DataError, match=r"\[\[word\]\]"):
        data.entries("x.toml", "word")


def phrase(**changes: Any) -> dict[str, Any]:
    item = {
        "id": "t",
        "rule": "casual-word",
        "pattern": "ちょっと",
        "trigger": "ちょっと",
        "example": "ちょっと待って",
    }
    item.update(changes)
    return item


@pytest.mark.parametrize(
    ("changes", "needle"),
    [
        ({"rule": "no-such-rule"}, "no-such-rule"),
        ({"pattern": "("}, "正規表現"),
        ({"trigger": "別の語"}, "example"),
        ({"trigger": None}, "trigger か chars"),
        ({"transform": "upper"}, "nfkc"),
        ({"message": "{unknown}"}, "差し込み"),
        ({"sentence_start": "yes"}, "sentence_start"),
        ({"not_words": ["x"]}, "word"),
    ],
)
def test_broken_phrase_entries_are_refused(changes: dict[str, Any], needle: str) -> None:
    item = {k: v for k, v in phrase(**changes).items() if v is not None}
    with pytest.raises(DataError, match=needle):
        data._phrase(item)
