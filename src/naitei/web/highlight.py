"""The checked text cut into segments, each with the findings that cover it, so the page can
mark the findings in place. Segments are plain text: the template escapes each one."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from naitei.check import Finding
from naitei.check.render import SEVERITY_LABELS

_RANK = {"error": 0, "warning": 1, "info": 2}


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


def numbered(text: str, findings: tuple[Finding, ...]) -> list[Numbered]:
    return [Numbered(n, f, text[f.start : f.end]) for n, f in enumerate(findings, start=1)]


def segments(text: str, findings: list[Numbered]) -> list[Segment]:
    """Cut `text` at every finding's start and end; whole-document findings mark nothing."""
    spans = [item for item in findings if item.in_place and item.finding.end <= len(text)]
    cuts = sorted(
        {0, len(text), *(i.finding.start for i in spans), *(i.finding.end for i in spans)}
    )
    result = []
    for start, end in pairwise(cuts):
        covering = [i for i in spans if i.finding.start <= start and end <= i.finding.end]
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
