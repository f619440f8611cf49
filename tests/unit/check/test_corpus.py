"""Accuracy on the annotated corpus (tests/fixtures/drafts/): the bars of issue 4.

Over error- and warning-severity findings: recall >= 0.95, precision >= 0.95, and no such
finding at all on a clean draft. benchmarks/checker_accuracy.py prints the same figures.
"""

from __future__ import annotations

import pytest

from tests.unit.check.corpus_eval import Score, load_drafts, score

RECALL = 0.95
PRECISION = 0.95


@pytest.fixture(scope="module")
def result() -> Score:
    drafts = load_drafts()
    assert len(drafts) >= 80, "the corpus should hold at least 80 drafts"
    return score(drafts)


def test_recall(result: Score) -> None:
    misses = [f"{draft}: {item.rule} {shown!r}" for draft, item, shown in result.misses]
    assert result.recall >= RECALL, "\n".join(misses)


def test_precision(result: Score) -> None:
    extra = [
        f"{draft}: {f.rule} {f.line}:{f.column} {f.message[:40]}"
        for draft, f in result.false_positives
    ]
    assert result.precision >= PRECISION, "\n".join(extra)


def test_clean_drafts_have_no_error_or_warning(result: Score) -> None:
    noisy = [f"{draft}: {f.rule} {f.line}:{f.column}" for draft, f in result.clean_findings]
    assert noisy == []


def test_expected_spans_are_found_in_the_text() -> None:
    for draft in load_drafts():
        for item in draft.expected:
            if item.start is not None:
                assert 0 <= item.start < item.end <= len(draft.text), draft.id
