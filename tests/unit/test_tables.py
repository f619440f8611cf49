"""tests/support/tables.py: a table's rows reach the test as named, and a row that names an
unknown field or lacks a required one is refused before any test runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tables import table

ROWS = """
said = [
  { text = "父の介護", noun = "父の介護" },
  { text = "英語が得意です" },
]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_become_parameters_in_field_order_with_their_place_as_id(tmp_path: Path) -> None:
    mark = table(write(tmp_path, ROWS), "said", "text", "noun", optional=("noun",)).mark
    assert mark.args == (("text", "noun"), [("父の介護", "父の介護"), ("英語が得意です", None)])
    assert mark.kwargs == {"ids": ["said#1", "said#2"]}


@pytest.mark.parametrize(
    ("fields", "optional", "refusal"),
    [
        (("text",), (), r"said#1: unknown fields \['noun'\]"),
        (("text", "noun"), (), r"said#2: missing fields \['noun'\]"),
    ],
)
def test_a_row_that_does_not_fit_the_fields_is_refused(
    tmp_path: Path, fields: tuple[str, ...], optional: tuple[str, ...], refusal: str
) -> None:
    with pytest.raises(AssertionError, match=refusal):
        table(write(tmp_path, ROWS), "said", *fields, optional=optional)


def test_an_empty_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="said is empty"):
        table(write(tmp_path, "said = []\n"), "said", "text")
