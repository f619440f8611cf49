"""Text in a draft that the writer did not write: a quoted earlier message and a forwarded one.

A reply often keeps the message it answers below it (or between its paragraphs) as ``>``
lines, under an attribution line (``2026年12月2日(水) 21:14 大川 美咲 <x@example.jp>:``,
``On … wrote:``); a forward carries another person's message under a header line
(``---------- Forwarded message ---------``, ``-----Original Message-----``, ``-------- 転送
メッセージ --------``) to the end of the text. Those words are not the writer's: a recruiter's
御社 in the quote is no mistake of the applicant's, and the quoted signature is not the
writer's signature. The checker reads the text with these regions blanked (every character
but the line breaks replaced by a space), so offsets, lines and columns stay those of the
draft, every rule (phrases, structure, direction) sees only the writer's words, and nothing
is tokenized twice.
"""

from __future__ import annotations

import re

from naitei.precompiled import regex

# Cheap gate: without one of these, nothing is quoted (most drafts).
_GATE = regex(r"^[ \t\u3000]*[>＞]|Forwarded|Original|転送|元のメッセージ", re.M | re.I)
_QUOTED_LINE = regex(r"^[ \t\u3000]*[>＞]", re.M)
_FORWARD = regex(
    r"^[ \t\u3000]*[-－―ー─=＝_＿]{2,}[ \t\u3000]*"
    r"(?:Forwarded message|Forwarded Message|Original Message|Original message|転送(?:された)?メッセージ"
    r"|元のメッセージ|転送メール)[ \t\u3000]*[-－―ー─=＝_＿]*[ \t\u3000]*$",
    re.M | re.I,
)
# The line that introduces a quote: …wrote: / …書きました： / … <address@example.jp>:
_ATTRIBUTION = regex(r"(?:wrote|書きました|[\w.+-]+@[\w.-]+>?)[ \t]*[:：][ \t]*$", re.I)


def _may_quote(text: str) -> bool:
    """Can _GATE match ``text``? Plain substring tests, cheaper than its case-insensitive
    search: each branch needs > or ＞, 転送, 元のメッセージ, or forwarded or original in any case
    (lower() finds every spelling re.I matches, except with İ or ı, which re.I takes for i)."""
    if ">" in text or "＞" in text or "転送" in text or "元のメッセージ" in text:
        return True
    lower = text.lower()
    return "forwarded" in lower or "original" in lower or "\u0130" in text or "\u0131" in text


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) ranges of ``text`` that are quoted or forwarded (empty for most)."""
    if not _may_quote(text) or _GATE.search(text) is None:
        return []
    spans: list[tuple[int, int]] = []
    forward = _FORWARD.search(text)
    limit = forward.start() if forward else len(text)
    for match in _QUOTED_LINE.finditer(text, 0, limit):
        start = match.start()
        end = text.find("\n", start)
        end = len(text) if end < 0 or end > limit else end
        spans.append((start, end))
        _attribution_above(text, start, spans)
    if forward:
        spans.append((forward.start(), len(text)))
    return spans


def _attribution_above(text: str, start: int, spans: list[tuple[int, int]]) -> None:
    """Add the attribution line right above the first line of a quote (blank lines between)."""
    end = start - 1
    while end > 0:
        line_start = text.rfind("\n", 0, end) + 1
        line = text[line_start:end]
        if line.strip():
            if line.lstrip()[:1] not in ">＞" and _ATTRIBUTION.search(line):
                spans.append((line_start, end))
            return
        end = line_start - 1


def blank_quoted(text: str) -> str:
    """``text`` with its quoted and forwarded regions replaced by spaces (line breaks kept)."""
    spans = quoted_spans(text)
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for index in range(start, end):
            if chars[index] != "\n":
                chars[index] = " "
    return "".join(chars)
