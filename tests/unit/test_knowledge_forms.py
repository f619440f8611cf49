"""The phrase banks (data/phrases/*.toml) and the question files (data/interview.toml,
data/wizard.toml) go through the one typed loader: a broken copy of each — a table or key
missing, a value of the wrong type, an unknown placeholder, a consistency the types cannot
say — is refused with a DataError naming the file and the key."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from naitei import knowledge, questions
from naitei.compose import phrases
from naitei.errors import DataError

Edit = Callable[[dict[str, Any]], None]


def _clear() -> None:
    for loader in (phrases._record, phrases.bank, questions.interview, questions.wizard):
        loader.cache_clear()


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str, Edit], None]]:
    """Replace one data file by an edited deep copy of itself (every loader cache emptied)."""
    real = knowledge.load_data

    def apply(name: str, edit: Edit) -> None:
        content = copy.deepcopy(real(name))
        edit(content)
        monkeypatch.setattr(knowledge, "load_data", lambda n: content if n == name else real(n))
        _clear()

    yield apply
    monkeypatch.undo()
    _clear()


def _set(path: str, value: Any) -> Edit:
    """An edit that sets a key given as a.b.c (an array's element by [index])."""

    def edit(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = data
        for part in parents:
            name, _, index = part.partition("[")
            node = node[name] if not index else node[name][int(index.rstrip("]"))]
        node[last] = value

    return edit


def _drop(key: str) -> Edit:
    return lambda data: data.pop(key) and None


PHRASES = [
    ("withdraw", _drop("candour"), r"phrases/withdraw\.toml: candour: missing"),
    (
        "withdraw",
        _set("event.told.phone", 3),
        r"withdraw\.toml: event\.told: fits none .*phone: expected str, got int",
    ),
    (
        "withdraw",
        _set("event.told.phone", "{nobody}に内定を辞退いたしました件でお電話いたしました。"),
        r"withdraw\.toml: event\.told\.phone: unknown placeholders \['nobody'\]",
    ),
    (
        "withdraw",
        lambda d: d["candour"].append({"id": "late", "text": "x", "when": {"mode": ["told"]}}),
        r"withdraw\.toml: candour: must end with an entry without `when`",
    ),
    (
        "withdraw",
        lambda d: d["candour"].insert(0, {"id": "c0", "text": "x", "when": {"colour": ["red"]}}),
        r"withdraw\.toml: candour\[c0\]\.when\.colour: unknown",
    ),
    (
        "withdraw",
        lambda d: d["candour"].insert(0, {"id": "c0", "when": {"mode": ["told"]}}),
        r"withdraw\.toml: candour\[c0\]\.text: missing",
    ),
    (
        "withdraw",
        lambda d: d["candour"].insert(0, {"id": d["changed"][0]["id"], "text": "x"}),
        r"withdraw\.toml: candour\[.+\]: the id is used in another table",
    ),
    ("withdraw", _set("colour", {}), r"withdraw\.toml: unknown keys \['colour'\]"),
    ("decline", _drop("thanks"), r"phrases/decline\.toml: thanks: missing"),
    ("after", _set("next_steps", {"x": "not a list"}), r"after\.toml: next_steps\.x: expected"),
    ("words", _set("limits.sentences", "5"), r"words\.toml: limits\.sentences: expected int"),
    ("words", _drop("messages"), r"phrases/words\.toml: messages: missing"),
    (
        "words",
        lambda d: d["second_choice"][0].update(message="no_such_message"),
        r"words\.toml: second_choice\[first-choice\]\.message: not a key of \[messages\]",
    ),
    (
        "words",
        lambda d: d["messages"].update(casual="{nobody}"),
        r"words\.toml: messages\.casual: unknown placeholders \['nobody'\]",
    ),
    (
        "words",
        lambda d: d["other_employer"]["replace"].append(["他社"]),
        r"words\.toml: other_employer\.replace\[\d+\]: must be a \[find, to\] pair",
    ),
    ("words", _set("other_employer.company", "会社"), r"other_employer\.company: expected"),
    ("formulas", _set("max_per_document", "2"), r"formulas\.toml: max_per_document: expected int"),
    ("formulas", _drop("near"), r"formulas\.toml: near: missing"),
    (
        "seasons",
        lambda d: d["greetings"].reverse(),
        r"seasons\.toml: greetings: must start on 01-01, in order",
    ),
    (
        "seasons",
        _set("greetings[1].longitude", 285),
        r"seasons\.toml: greetings\[shokan\]: needs `from` or `longitude`, not both",
    ),
    ("seasons", _set("greetings[0].greeting", None), r"seasons\.toml: greetings\[new-year\]"),
]


@pytest.mark.parametrize(("name", "edit", "message"), PHRASES)
def test_a_broken_phrase_bank_is_refused_naming_the_file_and_the_key(
    broken: Callable[[str, Edit], None], name: str, edit: Edit, message: str
) -> None:
    broken(f"phrases/{name}", edit)
    with pytest.raises(DataError, match=message):
        phrases.bank(name)


def test_a_written_table_never_says_the_spoken_form(
    broken: Callable[[str, Edit], None],
) -> None:
    def edit(data: dict[str, Any]) -> None:
        written = data["selfish"]["written"]
        written[next(iter(written))] = "御社には身勝手なお願いです。"

    broken("phrases/withdraw", edit)
    with pytest.raises(DataError, match=r"withdraw\.toml: selfish\.written\.\w+: contains 御社"):
        phrases.bank("withdraw")


def test_a_choice_is_read_from_the_typed_bank() -> None:
    facts = {"elapsed": "under_month"}
    assert phrases.choose("withdraw", "offer_intro", facts) == "先日、内定をいただいておりました"
    assert phrases.choose("withdraw", "offer_intro", {}) == "{ref}より内定をいただいておりました"


QUESTIONS = [
    ("interview", _drop("more_companies"), r"interview\.toml: more_companies: missing"),
    (
        "interview",
        _set("applicant[0].type", "essay"),
        r"interview\.toml: applicant\[name\]\.type: 'essay' is not",
    ),
    (
        "interview",
        _set("applicant[0].optional", "yes"),
        r"interview\.toml: applicant\[name\]\.optional: expected",
    ),
    (
        "interview",
        _set("applicant[0].colour", "red"),
        r"interview\.toml: applicant\[name\]: unknown keys",
    ),
    (
        "interview",
        _set("applicant[2].choices", "colour"),
        r"interview\.toml: applicant\[kind\]\.choices: no such",
    ),
    (
        "interview",
        _set("applicant[0].words", "no_such_kind"),
        r"interview\.toml: applicant\[name\]\.words: no such \[examples\] key",
    ),
    (
        "interview",
        _set("applicant[3].when", {"colour": ["red"]}),
        r"interview\.toml: applicant\[school\]\.when: names no question of applicant: \['colour'\]",
    ),
    ("interview", _set("purpose_choices.visit", "訪問"), r"purpose_choices\.visit: 'visit'"),
    ("wizard", _drop("steps"), r"wizard\.toml: steps: missing"),
    ("wizard", _set("steps[0].fields", "applicant.name"), r"steps\[applicant\]\.fields: expected"),
    (
        "wizard",
        _set("steps[0].fields", ["applicant.nickname"]),
        r"wizard\.toml: steps\[applicant\]\.fields: no question defines \['applicant\.nickname'\]",
    ),
    (
        "wizard",
        _set("decline_form.words", {"decline.reason_detail": "no_such_kind"}),
        r"wizard\.toml: decline_form\.words\.decline\.reason_detail: no such \[examples\]",
    ),
]


@pytest.mark.parametrize(("name", "edit", "message"), QUESTIONS)
def test_a_broken_question_file_is_refused_naming_the_file_and_the_key(
    broken: Callable[[str, Edit], None], name: str, edit: Edit, message: str
) -> None:
    broken(name, edit)
    with pytest.raises(DataError, match=message):
        questions.wizard()


def test_two_questions_with_one_key_are_refused(broken: Callable[[str, Edit], None]) -> None:
    broken("interview", lambda d: d["offer"].append(dict(d["offer"][0])))
    with pytest.raises(DataError, match=r"interview\.toml: offer\[\w+\]: the id is used twice"):
        questions.interview()


def test_a_web_input_and_an_extra_field_are_checked(broken: Callable[[str, Edit], None]) -> None:
    broken("wizard", lambda d: d["fields"]["applicant.name"].update(input="slider"))
    with pytest.raises(DataError, match=r"fields\.applicant\.name\.input: fits none"):
        questions.wizard()
    broken("wizard", lambda d: d["extra"]["offer.agent_email"].update(when={"channel": ["x"]}))
    with pytest.raises(DataError, match=r"extra\.offer\.agent_email\.when: no question defines"):
        questions.wizard()


def test_a_web_field_of_no_question_is_refused(broken: Callable[[str, Edit], None]) -> None:
    broken("wizard", lambda d: d["fields"].update({"applicant.nickname": {"label": "愛称"}}))
    with pytest.raises(DataError, match=r"wizard\.toml: fields: no question defines"):
        questions.wizard()


def test_the_packaged_files_load() -> None:
    _clear()
    assert questions.wizard().steps[0].id == "applicant"
    assert questions.interview().applicant[0].key == "name"
    for name in ("withdraw", "decline", "after", "words", "formulas", "seasons"):
        assert phrases.bank(name)
