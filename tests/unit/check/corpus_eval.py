"""Scoring the checker against the annotated corpus in tests/fixtures/drafts/.

Shared by tests/unit/check/test_corpus.py and benchmarks/checker_accuracy.py.

Only error- and warning-severity findings count (info is ignored). A finding is a true
positive when an expected item has the same rule and its span overlaps the finding's
[start, end) (items without a span match on the rule alone). Recall = matched expected
items / all expected items; precision = true-positive findings / all findings.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from naitei.case import DeclineCase, load_case
from naitei.check import CheckContext, Finding, Report, check_text

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures"
DRAFTS = FIXTURES / "drafts"
COUNTED = ("error", "warning")


@dataclass(frozen=True)
class Expected:
    rule: str
    start: int | None  # None: a document-level item, matched on the rule alone
    end: int | None

    def matches(self, finding: Finding) -> bool:
        if finding.rule != self.rule:
            return False
        if self.start is None or self.end is None:
            return True
        return finding.start < self.end and self.start < finding.end


@dataclass(frozen=True)
class Draft:
    id: str
    kind: str
    purpose: str
    text: str
    clean: bool
    case: Path | None
    expected: tuple[Expected, ...]
    written: str = "with-rules"  # or "after-rules": written after the rules (README)


def _expected(text: str, item: dict[str, object]) -> Expected:
    rule = str(item["rule"])
    span = item.get("span")
    if span is None:
        return Expected(rule, None, None)
    assert isinstance(span, str)
    nth = int(item.get("nth", 1))  # type: ignore[call-overload]
    start = -1
    for _ in range(nth):
        start = text.index(span, start + 1)
    return Expected(rule, start, start + len(span))


def load_drafts(directory: Path = DRAFTS) -> list[Draft]:
    drafts = []
    for path in sorted(directory.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        text = data["text"]
        drafts.append(
            Draft(
                id=data["id"],
                kind=data["kind"],
                purpose=data["purpose"],
                text=text,
                clean=bool(data["clean"]),
                case=FIXTURES / data["case"] if "case" in data else None,
                expected=tuple(_expected(text, item) for item in data.get("expect", [])),
                written=data.get("written", "with-rules"),
            )
        )
    return drafts


def context_for(draft: Draft) -> CheckContext | None:
    """The draft's case as a context; for a decline file, the company the draft addresses
    (the one whose name comes first in the text, as a user would pick with --company)."""
    if draft.case is None:
        return None
    case = load_case(draft.case)
    index = 0
    if isinstance(case, DeclineCase):
        places = [
            (draft.text.find(company.name), number)
            for number, company in enumerate(case.companies)
            if company.name in draft.text
        ]
        index = min(places)[1] if places else 0
    return CheckContext.from_case(case, index)


def run(draft: Draft) -> Report:
    return check_text(draft.text, draft.kind, draft.purpose, context_for(draft))  # type: ignore[arg-type]


@dataclass
class Score:
    expected: int = 0
    matched: int = 0
    findings: int = 0
    true_positives: int = 0
    clean_findings: list[tuple[str, Finding]] = field(default_factory=list)
    misses: list[tuple[str, Expected, str]] = field(default_factory=list)
    false_positives: list[tuple[str, Finding]] = field(default_factory=list)
    missed_rules: Counter[str] = field(default_factory=Counter)
    expected_rules: Counter[str] = field(default_factory=Counter)
    found_rules: Counter[str] = field(default_factory=Counter)  # error+warning findings
    false_rules: Counter[str] = field(default_factory=Counter)

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.true_positives / self.findings if self.findings else 1.0


def score(drafts: list[Draft], runner: Callable[[Draft], Report] = run) -> Score:
    result = Score()
    for draft in drafts:
        findings = [f for f in runner(draft).findings if f.severity in COUNTED]
        result.findings += len(findings)
        for finding in findings:
            result.found_rules[finding.rule] += 1
            if any(item.matches(finding) for item in draft.expected):
                result.true_positives += 1
            else:
                result.false_rules[finding.rule] += 1
                result.false_positives.append((draft.id, finding))
                if draft.clean:
                    result.clean_findings.append((draft.id, finding))
        for item in draft.expected:
            result.expected += 1
            result.expected_rules[item.rule] += 1
            if any(item.matches(finding) for finding in findings):
                result.matched += 1
            else:
                shown = draft.text[item.start : item.end] if item.start is not None else ""
                result.misses.append((draft.id, item, shown))
                result.missed_rules[item.rule] += 1
    return result
