"""Findings of the round-2 HR reader that concern whole documents (A4, A5, A8): each finding is
a case, the documents drafted from it and the words they must hold, lack or say once, in
tables/reader_round2.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from naitei.compose import draft
from tests.support.cases import NOW, make_case
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "reader_round2.toml"


@table(
    TABLES, "findings", "case", "kinds", "has", "lacks", "once", optional=("has", "lacks", "once")
)
def test_each_document_holds_what_the_finding_asks(
    case: dict[str, Any],
    kinds: list[str],
    has: list[str] | None,
    lacks: list[str] | None,
    once: list[str] | None,
) -> None:
    made = make_case(**case)
    for kind in kinds:
        text = draft(kind, made, NOW).text
        assert [phrase for phrase in has or () if phrase not in text] == [], kind
        assert [phrase for phrase in lacks or () if phrase in text] == [], kind
        assert {phrase: text.count(phrase) for phrase in once or ()} == dict.fromkeys(once or (), 1)
