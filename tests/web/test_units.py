"""Small pieces of the web layer: error fields, form names, scripts as blocks, the Host rule."""

from __future__ import annotations

import pytest

from naitei.errors import CaseError, InputError
from naitei.web.problems import Problem, form_name, problem_of, problems_of
from naitei.web.script import Block, Line, blocks
from naitei.web.settings import Settings


def test_problems_drop_the_source_name() -> None:
    error = CaseError("body", [Problem("[decline].channel", "だめ"), Problem("purpose", "だめ")])
    assert error.lines() == ["body: [decline].channel: だめ", "body: purpose: だめ"]
    assert [p.field for p in problems_of(error, "body")] == ["[decline].channel", "purpose"]
    assert problems_of(InputError("だめ", field="kind"), "body") == [Problem("kind", "だめ")]
    other = CaseError("cases.json", [Problem("cases[0]", "だめ")])
    assert problems_of(other, "body") == [Problem(None, "cases.json: cases[0]: だめ")]


def test_a_field_is_read_from_the_error_never_from_its_message() -> None:
    assert problem_of(InputError("kind: だめ")) == Problem(None, "kind: だめ")
    assert problem_of(InputError("だめ", field="kind")) == Problem("kind", "だめ")


def test_an_input_error_reads_as_its_field_and_message() -> None:
    error = InputError("だめ", field="now")
    assert (str(error), error.field, error.message) == ("now: だめ", "now", "だめ")
    assert str(InputError("だめ")) == "だめ"


@pytest.mark.parametrize(
    ("field", "name"),
    [
        ("[decline].channel", "decline.channel"),
        ("[[companies]][3].agent_name", "companies.2.agent_name"),
        ("[withdrawal].strengths[2]", "withdrawal.strengths"),
        ("[applicant]", "[applicant]"),
        (None, None),
    ],
)
def test_form_name(field: str | None, name: str | None) -> None:
    assert form_name(field) == name


def test_scripts_become_headings_paragraphs_and_lists() -> None:
    text = "# 台本 — 会社\n\n前置きです。\n\n## 1. 受付\n\n- あなた：お世話になっております。\n- 受付で、あなた：佐藤様をお願いします。\n- 待ちます。\n"
    assert blocks(text) == [
        Block("paragraph", "前置きです。"),
        Block("heading", "1. 受付"),
        Block(
            "list",
            items=(
                Line("", "お世話になっております。"),
                Line("受付で、", "佐藤様をお願いします。"),
                Line("待ちます。"),
            ),
        ),
    ]


def test_allowed_hosts_and_origins() -> None:
    settings = Settings(host="::1", port=8123, extra_hosts=("Naitei.local",))
    hosts = settings.allowed_hosts()
    assert {"127.0.0.1:8123", "localhost:8123", "[::1]:8123", "naitei.local:8123"} <= hosts
    assert "127.0.0.1" not in hosts  # the port is part of the name
    assert "http://localhost:8123" in settings.allowed_origins()
    assert "127.0.0.1" in Settings(port=80).allowed_hosts()
