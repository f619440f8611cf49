"""Word-list rules (data/check/phrases.toml): ryokai, casual-word, sumimasen, baito-keigo,
redundant-expression, informal-symbol."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.data import phrases
from tests.unit.check import check_samples as samples


def flagged(text: str, rule: str, kind: str = "email") -> list[tuple[str, str | None]]:
    report = check_text(text, kind)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("phrase", phrases(), ids=lambda phrase: phrase.id)
def test_every_entry_flags_its_example(phrase) -> None:  # type: ignore[no-untyped-def]
    assert flagged(phrase.example, phrase.rule), phrase.example


@pytest.mark.parametrize("text", samples.TRAPS)
@pytest.mark.parametrize("kind", ["email", "letter"])
def test_trap_sentences_stay_clean(text: str, kind: str) -> None:
    report = check_text(text, kind)  # type: ignore[arg-type]
    noisy = [
        (f.rule, text[f.start : f.end])
        for f in report.findings
        if f.severity != "info" and not f.rule.startswith("missing-")
    ]
    assert noisy == []
