"""The checked text cut into segments, each with the findings that cover it, so the page can
mark the findings in place. Segments are plain text: the template escapes each one.

A long draft can hold thousands of findings: the page lists and marks the first
``MAX_SHOWN`` of them (the summary counts all), so that a 100,000-character draft still
renders in well under a second and stays a page a person can read."""

from __future__ import annotations

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


def numbered(text: str, findings: tuple[Finding, ...]) -> list[Numbered]:
    return [Numbered(n, f, text[f.start : f.end]) for n, f in enumerate(findings, start=1)]


def checked_page(text: str, report: Report) -> dict[str, Any]:
    """What the checker page shows of a report: the first findings, numbered and marked in
    place, how many more there are, and the text with the safe fixes applied (only when
    the fixes bring no error of their own)."""
    from naitei.check.fix import fix_text

    found = numbered(text, report.findings[:MAX_SHOWN])
    kind, purpose = cast("Kind", report.kind), cast("Purpose", report.purpose)
    result = fix_text(text, kind, purpose, report=report, errors_only=True)
    return {
        "findings": found,
        "segments": segments(text, found),
        "hidden": max(0, len(report.findings) - MAX_SHOWN),
        "fixed_text": result.text if result.applied and result.safe else None,
        "fix_count": len(result.applied),
        "fix_refused": bool(result.applied) and not result.safe,
    }


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
