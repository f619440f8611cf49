"""The Markdown-like scripts (phone, visit) as blocks the page lays out: headings, paragraphs
and lists, with what the applicant says set apart. Plain strings only; the template escapes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SPEAKER = "あなた："


@dataclass(frozen=True)
class Line:
    before: str  # stage direction before the words to say ("受付で、")
    speech: str | None = None  # the words to say, when the line has any


@dataclass(frozen=True)
class Block:
    kind: Literal["heading", "paragraph", "list"]
    text: str = ""
    items: tuple[Line, ...] = field(default_factory=tuple)


def line(text: str) -> Line:
    before, mark, speech = text.partition(SPEAKER)
    return Line(before, speech) if mark else Line(text)


def blocks(text: str) -> list[Block]:
    """'## 1. 受付で' -> heading; '- ...' lines -> one list; other lines -> paragraphs.
    The document's own '# title' is left out (the page shows the title)."""
    result: list[Block] = []
    items: list[Line] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("- "):
            items.append(line(stripped[2:]))
            continue
        if items:
            result.append(Block("list", items=tuple(items)))
            items = []
        if stripped.startswith("## "):
            result.append(Block("heading", stripped[3:]))
        elif stripped and not stripped.startswith("# "):
            result.append(Block("paragraph", stripped))
    if items:
        result.append(Block("list", items=tuple(items)))
    return result
