"""The corpus validator (tests/fixtures/drafts/_validate.py) finds no problem: every draft
parses, every span occurs, every rule is annotated at least three times, traps occur."""

from __future__ import annotations

from tests.fixtures.drafts import _validate


def test_corpus_is_well_formed() -> None:
    assert _validate.main([]) == 0
