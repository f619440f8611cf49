"""The checked text cut into segments, each with the findings that cover it, so the page can
mark the findings in place. Segments are plain text: the template escapes each one.

A long draft can hold thousands of findings: the page lists and marks ``MAX_SHOWN`` of them at
a time (page 1 the first ones; the page buttons ask for the next), counts all of them per rule,
and says where the whole list is (the API and `naitei check --format json`), so that a
100,000-character draft still renders in well under a second and stays a page a person can
read. The text with the safe fixes applied is made when every finding is on the page (a
person can read each fix before copying it) or when the user asks for it: it needs a second
check of the whole text, the slowest part of a long draft's page (issue 13 §6)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, cast

from naitei.check import Finding, Kind, Purpose, Report
from naitei.check.data import rule_infos
from naitei.check.render import SEVERITY_LABELS

_RANK = {"error": 0, "warning": 1, "info": 2}
MAX_SHOWN = 200


@dataclass(frozen=True)
class Segment:
    text: str
    numbers: tuple[int, ...] = ()  # findings (1-based) covering this segment
    ending: tuple[int, ...] = ()  # findings whose span ends with this segment
    severity: str | None = None  # the most severe of them


@dataclass(frozen=True)
class Numbered:
    number: int
    finding: Finding
    excerpt: str

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.finding.severity]

    @property
    def in_place(self) -> bool:
        return self.finding.end > self.finding.start

    @property
    def title(self) -> str:
        """The rule's name in Japanese (rules.toml ``title``); the id stays in the JSON."""
        info = rule_infos().get(self.finding.rule)
        return info.title if info is not None else self.finding.rule


@dataclass(frozen=True)
class RuleCount:
    """One row of the per-rule table of a long report."""

    rule: str
    title: str
    severity: str
    count: int

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]


def numbered(text: str, findings: tuple[Finding, ...], first: int = 1) -> list[Numbered]:
    """The findings numbered from ``first`` (their number in the whole report)."""
    return [Numbered(n, f, text[f.start : f.end]) for n, f in enumerate(findings, start=first)]


def page_count(report: Report) -> int:
    return max(1, -(-len(report.findings) // MAX_SHOWN))


def checked_page(
    text: str, report: Report, page: int = 1, *, with_fixes: bool = False
) -> dict[str, Any]:
    """What the checker page shows of a report: one page of findings (``MAX_SHOWN``, numbered
    as in the whole report) marked in place, how many there are per rule, and the text with
    the safe fixes applied (only when the fixes bring no error of their own; made when every
    finding is on this page, or when ``with_fixes`` asks for it). ``page`` is 1-based and
    clamped to the pages there are."""
    pages = page_count(report)
    page = min(max(1, page), pages)
    first = (page - 1) * MAX_SHOWN
    found = numbered(text, report.findings[first : first + MAX_SHOWN], first + 1)
    fixable = any(finding.fix is not None for finding in report.findings)
    made = fixable and (pages == 1 or with_fixes)
    fixed_text, fix_count, fix_refused = None, 0, False
    if made:
        from naitei.check.fix import fix_text

        kind, purpose = cast("Kind", report.kind), cast("Purpose", report.purpose)
        result = fix_text(text, kind, purpose, report=report, errors_only=True)
        fix_count = len(result.applied)
        fixed_text = result.text if result.applied and result.safe else None
        fix_refused = bool(result.applied) and not result.safe
    return {
        "findings": found,
        "segments": segments(text, found),
        "total": len(report.findings),
        "page": page,
        "pages": pages,
        "findings_per_page": MAX_SHOWN,
        "shown_from": first + 1,
        "shown_to": first + len(found),
        "hidden": len(report.findings) - len(found),
        "per_rule": per_rule(report) if pages > 1 else [],
        "fixes_on_request": fixable and not made,
        "fixed_text": fixed_text,
        "fix_count": fix_count,
        "fix_refused": fix_refused,
    }


def per_rule(report: Report) -> list[RuleCount]:
    """How many findings each rule has, the most severe rules first, then the most frequent."""
    counts = Counter((finding.rule, finding.severity) for finding in report.findings)
    infos = rule_infos()
    rows = [
        RuleCount(rule, infos[rule].title if rule in infos else rule, severity, count)
        for (rule, severity), count in counts.items()
    ]
    rows.sort(key=lambda row: (_RANK[row.severity], -row.count, row.rule))
    return rows


def segments(text: str, findings: list[Numbered]) -> list[Segment]:
    """Cut `text` at every finding's start and end; whole-document findings mark nothing."""
    spans = [item for item in findings if item.in_place and item.finding.end <= len(text)]
    cuts = sorted(
        {0, len(text), *(i.finding.start for i in spans), *(i.finding.end for i in spans)}
    )
    spans.sort(key=lambda i: i.finding.start)
    result = []
    active: list[Numbered] = []
    taken = 0
    for start, end in pairwise(cuts):
        # a sweep: spans that began by this cut join, spans that ended leave
        while taken < len(spans) and spans[taken].finding.start <= start:
            active.append(spans[taken])
            taken += 1
        active = [i for i in active if end <= i.finding.end]
        covering = sorted(active, key=lambda i: i.number)
        worst = min((i.finding.severity for i in covering), key=_RANK.__getitem__, default=None)
        result.append(
            Segment(
                text=text[start:end],
                numbers=tuple(i.number for i in covering),
                ending=tuple(i.number for i in covering if i.finding.end == end),
                severity=worst,
            )
        )
    return result
