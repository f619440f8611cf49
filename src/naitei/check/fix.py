"""Applying the safe fixes of a report: ``naitei check --fix``, the web checker's fixed text,
and the editors' "fix all".

A finding carries a ``Fix`` only when its rule says the suggestion is a literal replacement
of the flagged span (``fix = true`` in data/check/rules.toml). Fixes are applied from the
start of the text; one that overlaps a fix already taken is left out (two rules flagging the
same words are fixed once). The fixed text is checked again, and ``FixResult.introduced``
lists the errors it has that the original did not: a caller that writes files must write
nothing when there is one.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from naitei.check.data import rule_infos
from naitei.check.engine import check_text
from naitei.check.model import CheckContext, Finding, Fix, Kind, Purpose, Report


@dataclass(frozen=True)
class FixResult:
    original: Report
    text: str  # the text with the fixes applied
    applied: tuple[Fix, ...]
    report: Report  # the fixed text, checked again
    introduced: tuple[Finding, ...]  # errors of the fixed text that the original did not have

    @property
    def safe(self) -> bool:
        """True when the fixes removed errors without adding one."""
        return not self.introduced


def choose(findings: tuple[Finding, ...] | list[Finding]) -> list[Fix]:
    """The fixes to apply, sorted and without overlaps (the first one from the start wins;
    an identical fix from a second rule is the same edit, applied once)."""
    fixes = sorted(
        {f.fix for f in findings if f.fix is not None}, key=lambda x: (x.start, x.end, x.text)
    )
    chosen: list[Fix] = []
    for fix in fixes:
        if chosen and fix.start < chosen[-1].end:
            continue
        chosen.append(fix)
    return chosen


def apply(text: str, fixes: list[Fix]) -> str:
    """``text`` with non-overlapping, sorted ``fixes`` written in place."""
    parts: list[str] = []
    cursor = 0
    for fix in fixes:
        parts.append(text[cursor : fix.start])
        parts.append(fix.text)
        cursor = fix.end
    parts.append(text[cursor:])
    return "".join(parts)


class _Shift:
    """Maps an offset of the original text to the fixed text."""

    def __init__(self, fixes: list[Fix]) -> None:
        self.starts = [fix.start for fix in fixes]
        self.fixes = fixes
        deltas, total = [], 0
        for fix in fixes:
            total += len(fix.text) - (fix.end - fix.start)
            deltas.append(total)
        self.deltas = deltas

    def __call__(self, offset: int) -> int:
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return offset
        fix = self.fixes[i]
        before = self.deltas[i - 1] if i else 0
        if offset < fix.end:  # inside the replaced span: its start
            return fix.start + before
        return offset + self.deltas[i]


def fix_text(
    text: str,
    kind: Kind,
    purpose: Purpose = "withdraw",
    context: CheckContext | None = None,
    *,
    report: Report | None = None,
    errors_only: bool = False,
) -> FixResult:
    """Apply every safe fix of ``report`` (checked here when not given) and check again.

    ``errors_only`` re-checks the fixed text with the error-severity rules alone (enough to
    find an introduced error, and several times faster on a long text); ``report`` of the
    result then holds errors only."""
    original = report if report is not None else check_text(text, kind, purpose, context)
    fixes = choose(original.findings)
    if not fixes:
        return FixResult(original, text, (), original, ())
    fixed = apply(text, fixes)
    only = _error_rules() if errors_only else None
    again = check_text(fixed, kind, purpose, context, only=only)
    shift = _Shift(fixes)
    applied = set(fixes)
    kept = [
        (f.rule, shift(f.start), shift(f.end))
        for f in original.findings
        if f.severity == "error" and f.fix not in applied
    ]
    introduced = tuple(
        f
        for f in again.findings
        if f.severity == "error" and not any(_same(f, key) for key in kept)
    )
    return FixResult(original, fixed, tuple(fixes), again, introduced)


@cache
def _error_rules() -> frozenset[str]:
    return frozenset(rule for rule, info in rule_infos().items() if info.severity == "error")


def _same(finding: Finding, key: tuple[str, int, int]) -> bool:
    """Is ``finding`` (in the fixed text) the original error ``key`` (rule, moved span)?"""
    rule, start, end = key
    if finding.rule != rule:
        return False
    if start == end or finding.start == finding.end:
        return finding.start == start
    return finding.start < end and start < finding.end
