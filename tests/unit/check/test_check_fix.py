"""Fixes: which findings carry one (data: fix = true in rules.toml), applying them, and the
re-check that refuses a fixed text with an error of its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from naitei.check import check_text, render_json
from naitei.check.data import phrases, rule_infos
from naitei.check.document import Document
from naitei.check.fix import apply, choose, fix_text
from naitei.check.model import Fix, Report
from tests.support import check_samples as samples
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "fix.toml"

FIXABLE = {rule for rule, info in rule_infos().items() if info.fix}


def test_fixable_rules_are_data_and_never_structural() -> None:
    assert {"onsha-in-writing", "kisha-in-speech", "double-honorific", "ra-omission"} <= FIXABLE
    assert {"sa-insertion", "ryokai", "sumimasen", "kabu-abbreviation"} <= FIXABLE
    assert not {rule for rule in FIXABLE if rule.startswith("missing-")}
    # advice, not a literal replacement: 佐藤部長様 → 部長 佐藤様 guesses where the name is
    assert not {"title-sama", "company-name-mismatch", "sasete-itadaku-overuse"} & FIXABLE


def test_a_finding_carries_its_fix_in_json() -> None:
    text = "御社の説明会で、佐藤様がおっしゃられた内容を拝見しました。"
    report = check_text(text, "email")
    by_rule = {f.rule: f for f in report.findings}
    assert by_rule["onsha-in-writing"].fix == Fix(0, 2, "貴社")
    honorific = by_rule["double-honorific"]
    assert honorific.fix is not None
    assert text[honorific.fix.start : honorific.fix.end] == "おっしゃられた"
    assert honorific.fix.text == "おっしゃった"
    data = json.loads(render_json(report))
    onsha = next(f for f in data["findings"] if f["rule"] == "onsha-in-writing")
    assert onsha["fix"] == {"range": [0, 2], "start": 0, "end": 2, "text": "貴社"}
    assert onsha["suggestion"] == "貴社"  # the existing keys stay
    missing = [f for f in data["findings"] if f["rule"].startswith("missing-")]
    assert missing and all(f["fix"] is None for f in missing)


@pytest.mark.parametrize(
    "phrase",
    [p for p in phrases() if p.rule in FIXABLE and p.fix and p.suggestion],
    ids=lambda phrase: phrase.id,
)
def test_every_fixable_entry_fixes_its_example(phrase) -> None:  # type: ignore[no-untyped-def]
    """Applying the fix of an entry's own example, set in a whole email, removes the finding
    and adds no error."""
    anchor = "お電話でも改めてお詫びを申し上げたく存じます。\n"
    text = samples.EMAIL_WITHDRAW.replace(anchor, anchor + phrase.example + "\n")
    report = check_text(text, "email")
    mine = [f for f in report.findings if f.rule == phrase.rule and f.fix is not None]
    assert mine, phrase.example
    result = fix_text(text, "email", report=report)
    assert result.safe, [(f.rule, f.message) for f in result.introduced]
    for finding in mine:
        assert finding.fix is not None
        assert finding.fix.text in result.text
    again = [f for f in result.report.findings if f.rule == phrase.rule]
    assert len(again) < len(mine) or not again, (result.text, again)


@table(TABLES, "literal", "text", "kind", "fixed")
def test_fixes_are_literal_replacements(text: str, kind: str, fixed: str) -> None:
    result = fix_text(text, kind)  # type: ignore[arg-type]
    assert result.text == fixed
    assert result.safe


def test_overlapping_fixes_are_applied_once() -> None:
    text = "御社に伺います。"
    doc = Document(text, "email", "withdraw", None)
    first = doc.finding("onsha-in-writing", 0, 2, "m", "貴社")
    same = doc.finding("onsha-in-writing", 0, 2, "m", "貴社")
    overlapping = doc.finding("casual-word", 1, 3, "m", "社へ")
    chosen = choose([overlapping, same, first])
    assert chosen == [Fix(0, 2, "貴社")]
    assert apply(text, chosen) == "貴社に伺います。"


def test_a_fix_that_brings_an_error_of_its_own_is_refused() -> None:
    """The re-check compares errors: a fixed text with a new one is not safe."""
    text = "貴社の選考を辞退いたしました。"
    doc = Document(text, "email", "decline", None)
    wrong = doc.finding("onsha-in-writing", 0, 2, "m", "御社")  # 御社 in an email: an error
    real = check_text(text, "email", "decline")
    report = Report(kind="email", purpose="decline", findings=(*real.findings, wrong))
    result = fix_text(text, "email", "decline", report=report)
    assert result.text.startswith("御社")
    assert [f.rule for f in result.introduced] == ["onsha-in-writing"]
    assert not result.safe


def test_errors_that_stay_are_not_counted_as_introduced() -> None:
    text = (
        samples.EMAIL_WITHDRAW.replace("貴社", "御社").replace("申し訳", "").replace("お詫び", "")
    )
    result = fix_text(text, "email")
    assert result.applied
    assert "御社" not in result.text
    assert result.safe  # missing-apology stays, moved by the fixes before it
    assert "missing-apology" in {f.rule for f in result.report.findings}


def test_generated_corpus_is_fixed_without_new_errors() -> None:
    """Fixing a composed-style draft with several mistakes never adds an error."""
    text = samples.EMAIL_WITHDRAW.replace("貴社", "御社", 1).replace(
        "いたします", "いたします！", 1
    )
    result = fix_text(text, "email")
    assert result.safe
    assert not {f.rule for f in result.report.findings} & {"onsha-in-writing", "informal-symbol"}


def test_docs_list_every_rule_that_carries_a_fix() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
    section = docs.read_text(encoding="utf-8").split("## Fixes", 1)[1]
    table = {
        rule
        for line in section.splitlines()
        if line.startswith("| `")
        for rule in re.findall(r"`([a-z-]+)`", line.split("|")[1])
    }
    assert table == FIXABLE
