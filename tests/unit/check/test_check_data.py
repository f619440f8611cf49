"""The checker's data files load into their typed models (the project's one loader), and a
broken entry is refused with an error naming the file, the entry's id and the field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from naitei import knowledge
from naitei.check import data
from naitei.check.data import DataError, phrases, rule_infos


def test_all_data_files_load() -> None:
    assert len(rule_infos()) >= 27  # the contract's rules and those added since
    assert len(phrases()) > 50
    lexicon, structure = data.lexicon(), data.structure()
    for table in ("honorific", "humble", "sa_allow", "legal_form", "abbreviation", "title"):
        assert getattr(lexicon, table)
    for name in ("apology", "not_a_name", "withdrawal", "again", "ask", "slot", "organisation"):
        assert data.structure_words(name)
    assert structure.closing and data.purpose_cues()


def test_every_phrase_names_a_known_rule_and_has_a_gate() -> None:
    rules = set(rule_infos())
    for phrase in phrases():
        assert phrase.rule in rules
        assert phrase.triggers or phrase.chars


LOADERS: dict[str, Callable[[], object]] = {
    "check/rules": data.rule_infos,
    "check/phrases": data.phrases,
    "check/lexicon": data.lexicon,
    "check/structure": data.purpose_cues,
}


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Any], None]]:
    """Replace one packaged file by an edited copy; the loaders' caches are emptied around."""
    real = knowledge.load_data

    def replace(name: str, edit: Any) -> None:
        content = edit(dict(real(name)))
        monkeypatch.setattr(knowledge, "load_data", lambda n: content if n == name else real(n))
        _clear()

    yield replace
    monkeypatch.undo()
    _clear()


def _clear() -> None:
    for loader in (*LOADERS.values(), data.structure):
        loader.cache_clear()  # type: ignore[attr-defined]
    for lists in (data.structure_words, data.lexicon_words):
        lists.cache_clear()


def _with(table: str, index: int, **changes: Any) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """An edit of a file's content: entry `index` of [[table]] with `changes` (None: removed)."""

    def edit(content: dict[str, Any]) -> dict[str, Any]:
        items = [dict(item) for item in content[table]]
        items[index] = {k: v for k, v in (items[index] | changes).items() if v is not None}
        return content | {table: items}

    return edit


def _first_id(name: str, table: str, index: int = 0) -> str:
    return str(knowledge.load_data(name)[table][index]["id"])


@pytest.mark.parametrize(
    ("name", "table", "changes", "field", "words"),
    [
        ("check/rules", "rule", {"severity": "fatal"}, "severity", "not one of"),
        ("check/rules", "rule", {"kinds": ["fax"]}, "kinds[0]", "not one of"),
        ("check/rules", "rule", {"kinds": []}, "kinds", "must not be empty"),
        ("check/rules", "rule", {"title": ""}, "title", "must not be empty"),
        ("check/rules", "rule", {"title": None}, "title", "missing"),
        ("check/rules", "rule", {"message": "{unknown}"}, "message", "placeholder"),
        ("check/rules", "rule", {"fix": "yes"}, "fix", "expected bool"),
        ("check/rules", "rule", {"colour": "red"}, "", "unknown keys ['colour']"),
        ("check/lexicon", "title", {"place": 1}, "place", "expected bool"),
        ("check/lexicon", "salutation", {"closings": []}, "closings", "must not be empty"),
        ("check/lexicon", "humble", {"masu": None}, "masu", "missing"),
        ("check/lexicon", "honorific", {"word": ""}, "word", "must not be empty"),
        ("check/structure", "closing", {"by": "person"}, "by", "fits none"),
        ("check/structure", "purpose_cue", {"purpose": "other"}, "purpose", "not shown"),
        ("check/structure", "purpose_cue", {"pattern": "("}, "pattern", "regular expression"),
        ("check/phrases", "phrase", {"rule": "no-such-rule"}, "rule", "no-such-rule"),
        ("check/phrases", "phrase", {"pattern": "("}, "pattern", "regular expression"),
        ("check/phrases", "phrase", {"trigger": "別の語"}, "trigger", "example"),
        ("check/phrases", "phrase", {"trigger": None}, "", "a trigger or chars"),
        ("check/phrases", "phrase", {"transform": "upper"}, "transform", "fits none"),
        ("check/phrases", "phrase", {"message": "{unknown}"}, "message", "placeholder"),
        ("check/phrases", "phrase", {"sentence_start": "yes"}, "sentence_start", "bool"),
        ("check/phrases", "phrase", {"not_words": ["x"]}, "not_words", "(?P<word>"),
        ("check/phrases", "phrase", {"chars": "a-"}, "", ""),  # a valid class: loads
    ],
)
def test_a_broken_entry_is_refused_naming_file_id_and_field(
    broken: Callable[[str, Any], None],
    name: str,
    table: str,
    changes: dict[str, Any],
    field: str,
    words: str,
) -> None:
    broken(name, _with(table, 0, **changes))
    if not words:
        LOADERS[name]()
        return
    ident = _first_id(name, table)
    where = f"{table}[{ident}]" + (f".{field}" if field and not field.startswith("[") else "")
    with pytest.raises(DataError) as raised:
        LOADERS[name]()
    message = str(raised.value)
    assert message.startswith(f"naitei/data/{name}.toml: {where}")
    assert words in message


def test_a_repeated_or_missing_id_and_a_missing_table_are_refused(
    broken: Callable[[str, Any], None],
) -> None:
    first = _first_id("check/lexicon", "become")
    broken("check/lexicon", _with("become", 1, id=first))
    with pytest.raises(DataError, match=rf"become\[{first}\]: the id is used twice"):
        data.lexicon()
    broken("check/lexicon", _with("become", 0, id=None))
    with pytest.raises(DataError, match=r"lexicon\.toml: become\[0\]\.id: missing"):
        data.lexicon()
    broken("check/lexicon", lambda content: {k: v for k, v in content.items() if k != "title"})
    with pytest.raises(DataError, match=r"lexicon\.toml: title: missing"):
        data.lexicon()
