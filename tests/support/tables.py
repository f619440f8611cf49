"""Test tables kept as data: the sentence → expected rows of a test live in a TOML file beside
it (``tables/<module>.toml``), one array of inline tables a test, and ``table`` hands one array
to ``pytest.mark.parametrize``. Each row names its fields, so a reader sees what every value is;
a row with an unknown or a missing field fails at collection, so a misspelt key can never pass
as a case. A field listed in ``optional`` may be left out (TOML has no null): the test then
gets None, which is what that field's None means in the test."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest


@cache
def read(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def row_values(
    where: str, row: dict[str, Any], fields: tuple[str, ...], optional: tuple[str, ...]
) -> tuple[Any, ...]:
    unknown = set(row) - set(fields)
    assert not unknown, f"{where}: unknown fields {sorted(unknown)}"
    missing = set(fields) - set(optional) - set(row)
    assert not missing, f"{where}: missing fields {sorted(missing)}"
    return tuple(row.get(field) for field in fields)


def table(
    path: Path, name: str, *fields: str, optional: tuple[str, ...] = ()
) -> pytest.MarkDecorator:
    """Parametrize a test by the rows of the array ``name`` in ``path``, one argument a field;
    each case's id is ``name#n``, its place in that array (the first row is 1)."""
    rows = read(path)[name]
    assert rows, f"{path.name}: {name} is empty"
    ids = [f"{name}#{n}" for n in range(1, len(rows) + 1)]
    values = [
        row_values(f"{path.name}: {id_}", row, fields, optional)
        for id_, row in zip(ids, rows, strict=True)
    ]
    return pytest.mark.parametrize(fields, values, ids=ids)
