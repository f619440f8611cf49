"""Word-list rules (data/check/phrases.toml): ryokai, casual-word, sumimasen, baito-keigo,
redundant-expression, informal-symbol."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.check.data import phrases
from tests.support import check_samples as samples


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


def test_the_trigger_scan_finds_every_trigger_even_overlapping_ones() -> None:
    """_candidates (one alternation, searched again one character after each match) gates the
    same entries as testing every trigger with ``in``: triggers inside, overlapping or
    sharing a start with another trigger included."""
    import random

    from naitei.check.rules.phrases import _by_chars, _by_trigger, _candidates, _chars_gate

    by_trigger = _by_trigger()
    triggers = sorted(by_trigger)
    randomness = random.Random(13)
    filler = "、。私はのです\nお"
    texts = [phrase.example for phrase in phrases()]
    for _ in range(300):
        pieces = randomness.choices([*triggers, *filler], k=randomness.randint(1, 12))
        text = "".join(pieces)
        # cut some triggers in half: overlaps and near misses
        texts.append(text[randomness.randint(0, 3) :])
    for text in texts:
        expected = {n for trigger in triggers if trigger in text for n in by_trigger[trigger]}
        if _chars_gate().search(text):
            expected.update(_by_chars())
        assert _candidates(text) == sorted(expected), text
