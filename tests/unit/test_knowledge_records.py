"""The typed loader of packaged data (naitei.knowledge.from_data, load_records): what it
builds, what it refuses, and that the employer table's consistency checks still hold."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

import pytest

from naitei import employers, knowledge
from naitei.errors import DataError
from naitei.knowledge import RecordError, from_data, load_records


@dataclass(frozen=True)
class Inner:
    name: str
    size: int = 0


@dataclass(frozen=True)
class Outer:
    kind: Literal["a", "b"]
    items: tuple[Inner, ...]
    by_kind: dict[Literal["a", "b"], list[str]]
    flag: bool = False
    note: str | None = None
    ratio: float = 1.0


GOOD = {
    "kind": "a",
    "items": [{"name": "x", "size": 2}, {"name": "y"}],
    "by_kind": {"b": ["p", "q"]},
    "flag": True,
    "ratio": 2,
}


def test_a_table_is_built_into_frozen_dataclasses_with_defaults() -> None:
    built = from_data(Outer, GOOD)
    assert built == Outer(
        kind="a",
        items=(Inner("x", 2), Inner("y", 0)),
        by_kind={"b": ["p", "q"]},
        flag=True,
        note=None,
        ratio=2.0,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.kind = "b"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"kind": "c"}, "kind", "not one of ['a', 'b']"),
        ({"items": [{"name": "x", "colour": "red"}]}, "items[0]", "unknown keys ['colour']"),
        ({"items": [{"size": 1}]}, "items[0].name", "missing"),
        ({"items": [{"name": 3}]}, "items[0].name", "expected str, got int"),
        ({"items": {"name": "x"}}, "items", "expected an array"),
        ({"by_kind": {"c": []}}, "by_kind.c", "not one of"),
        ({"by_kind": {"a": "p"}}, "by_kind.a", "expected an array"),
        ({"flag": "true"}, "flag", "expected bool, got str"),
        ({"flag": 1}, "flag", "expected bool, got int"),
        ({"note": 5}, "note", "fits none"),
        ({"ratio": "2"}, "ratio", "expected float"),
        ({"extra": 1}, "", "unknown keys ['extra']"),
    ],
)
def test_a_value_that_does_not_fit_is_refused_with_the_path_of_its_key(
    change: dict[str, Any], path: str, words: str
) -> None:
    with pytest.raises(RecordError) as raised:
        from_data(Outer, GOOD | change)
    assert raised.value.path == path
    assert words in str(raised.value)


def test_an_integer_is_not_a_boolean_and_true_is_not_one() -> None:
    with pytest.raises(RecordError):
        from_data(int, True)
    with pytest.raises(RecordError):
        from_data(Literal[1, 2], True)
    assert from_data(Literal[1, 2], 2) == 2


def test_load_records_names_the_file_and_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(knowledge, "load_data", lambda name: GOOD | {"kind": "z"})
    with pytest.raises(DataError, match=r"^naitei/data/sample\.toml: kind: 'z' is not one of"):
        load_records("sample", Outer)


def _employer_data(**changes: Any) -> dict[str, Any]:
    data = dict(knowledge.load_data("employers"))
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: {"patterns": [*d["patterns"], {"kind": "bank", "match": "銀行("}]},
            r"employers\.toml: patterns\[\d+\]\.match: not a regular expression",
        ),
        (
            lambda d: {"kinds": {k: v for k, v in d["kinds"].items() if k != "bank"}},
            r"employers\.toml: kinds: no \[kinds\] entry for \['bank'\]",
        ),
        (
            lambda d: {"homographs": d["homographs"] | {"words": ["御所", "御飯"]}},
            r"\[homographs\]\.words that are no form of address: \['御飯'\]",
        ),
        (
            lambda d: {"homographs": d["homographs"] | {"compounds": ["京都"]}},
            r"\[homographs\]\.compounds without 貴 or 御: \['京都'\]",
        ),
        (
            lambda d: {"kinds": d["kinds"] | {"bank": d["kinds"]["bank"] | {"law": "civil"}}},
            r"employers\.toml: kinds\.bank\.law: 'civil' is not one of",
        ),
        (
            lambda d: {"patterns": [{"kind": "shop", "match": "店"}]},
            r"employers\.toml: patterns\[0\]\.kind: 'shop' is not one of",
        ),
    ],
)
def test_the_employer_table_is_checked_for_what_its_types_cannot_say(
    monkeypatch: pytest.MonkeyPatch, change: Any, message: str
) -> None:
    real = knowledge.load_data("employers")
    broken = _employer_data(**change(real))
    monkeypatch.setattr(knowledge, "load_data", lambda name: broken)
    employers._table.cache_clear()
    try:
        with pytest.raises(DataError, match=message):
            employers._table()
    finally:
        employers._table.cache_clear()


def test_the_packaged_employer_table_loads() -> None:
    table = employers._table()
    assert set(table.kinds) == set(employers.EMPLOYER_KINDS)
    assert isinstance(table.patterns, tuple) and table.patterns


def _loaders() -> dict[str, Any]:
    from naitei import assess, calendar, labels, plan, schools, timeline
    from naitei.mail import replies
    from naitei.messenger import guardrail, texts

    return {
        "assess": assess.knowledge,
        "cases": timeline.rule_book,
        "replies": replies._outcome_words,
        "schools": schools._table,
        "guardrail": guardrail.guardrail,
        "messenger": texts.messenger_texts,
        "labels": labels._labels,
        "plan": plan._plan_texts,
        "calendar": calendar.calendar_data,
    }


@pytest.mark.parametrize(
    ("name", "edit", "message"),
    [
        (
            "labels",
            lambda d: d | {"channel": {"email": 1}},
            r"labels\.toml: channel\.email: expected str",
        ),
        ("labels", lambda d: d | {"weekday": {"names": ["月"]}}, r"weekday\.names: seven names"),
        ("labels", lambda d: d | {"colour": {}}, r"labels\.toml: unknown keys \['colour'\]"),
        ("plan", lambda d: d | {"first_apology": {"told": "x"}}, r"first_apology\.proxy: missing"),
        (
            "plan",
            lambda d: d | {"steps": {"call": {"title": "x"}}},
            r"steps\.call\.detail: missing",
        ),
        (
            "plan",
            lambda d: d | {"steps": {"call": {"title": "", "detail": "y"}}},
            r"call\.title: must not be empty",
        ),
        (
            "guardrail",
            lambda d: d | {"rule": [d["rule"][0] | {"id": "r1", "category": "nothing"}]},
            r"guardrail\.toml: rule\[r1\]\.category: no \[\[category\]\] 'nothing'",
        ),
        (
            "guardrail",
            lambda d: d | {"rule": [d["rule"][0] | {"id": "r1", "pattern": "("}]},
            r"guardrail\.toml: rule\[r1\]\.pattern: not a valid regular expression",
        ),
        ("guardrail", lambda d: d | {"rule": []}, r"guardrail\.toml: rule: must not be empty"),
        (
            "guardrail",
            lambda d: d | {"lawyer": {"referral": "x"}},
            r"guardrail\.toml: lawyer\.reply_note: missing",
        ),
        (
            "assess",
            lambda d: d | {"conditions": d["conditions"][::-1]},
            r"assess\.toml: conditions: must be \('baseline'",
        ),
        (
            "assess",
            lambda d: d | {"caps": [d["caps"][0] | {"at_best": "easy"}]},
            r"assess\.toml: caps\[[^]]+\]\.at_best: 'easy' is not one of",
        ),
        (
            "cases",
            lambda d: d | {"rules": [d["rules"][0] | {"event": "phoned"}, *d["rules"][1:]]},
            r"cases\.toml: rules\[0\]: unknown \['phoned'\]",
        ),
        (
            "cases",
            lambda d: d | {"rules": [d["rules"][0] | {"from": "awaiting"}, *d["rules"][1:]]},
            r"cases\.toml: rules\[0\]\.from: fits none of the allowed types \(expected an array",
        ),
        (
            "schools",
            lambda d: {"kinds": [*d["kinds"][:-1]]},
            r"schools\.toml: kinds: the last entry must have no match",
        ),
        (
            "schools",
            lambda d: {"kinds": [d["kinds"][0] | {"match": "("}, *d["kinds"][1:]]},
            r"schools\.toml: kinds\[[^]]+\]\.match: not a valid regular expression",
        ),
        (
            "replies",
            lambda d: {"outcome": [{"id": "maybe", "words": ["検討"]}]},
            r"replies\.toml: outcome\[maybe\]\.id: 'maybe' is not one of",
        ),
        (
            "messenger",
            lambda d: d | {"replies": d["replies"] | {"order": ["legal"]}},
            r"messenger\.toml: replies\.order: each outcome once",
        ),
        (
            "messenger",
            lambda d: (
                d | {"replies": d["replies"] | {"cues": d["replies"]["cues"] | {"question": "("}}}
            ),
            r"messenger\.toml: replies\.cues\.question: not a valid regular expression",
        ),
        (
            "messenger",
            lambda d: d | {"words": {"example": ""}},
            r"messenger\.toml: words\.example: must not be empty",
        ),
        (
            "calendar",
            lambda d: d | {"closures": [{"id": "x", "label": "y", "from": "12-29"}]},
            r"closures\[x\]\.to: missing",
        ),
        (
            "calendar",
            lambda d: d | {"hours": d["hours"] | {"start_step_minutes": 0}},
            r"hours\.start_step_minutes: between 1 and 60",
        ),
    ],
)
def test_the_core_tables_are_read_by_the_typed_loader(
    monkeypatch: pytest.MonkeyPatch, name: str, edit: Any, message: str
) -> None:
    loader = _loaders()[name]
    broken = edit(dict(knowledge.load_data(name)))
    monkeypatch.setattr(knowledge, "load_data", lambda n: broken)
    loader.cache_clear()
    try:
        with pytest.raises(DataError, match=message):
            loader()
    finally:
        monkeypatch.undo()
        loader.cache_clear()
    assert loader()  # the packaged file loads


def test_a_reply_s_words_suggest_its_outcome() -> None:
    from naitei.mail.replies import suggest

    assert suggest("誠に残念ながら、今回は見送らせていただきます。") == "refused"
    assert suggest("一度ご来社いただけますでしょうか。") == "come_in"
    assert suggest("承知しました。") is None
