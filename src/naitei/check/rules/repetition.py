"""repeated-sentence: the same sentence written twice, word for word (written kinds).

A copy-paste slip or a paragraph rewritten without deleting the old one. Sentences are
compared without spaces; short formulas (以上。, よろしくお願いいたします。) are ignored when
they are under ``_MIN`` characters, and quoted lines (> …) of a reply are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.precompiled import regex

RULES = ("repeated-sentence",)

_MIN = 12
_SPACES = regex(r"[ \u3000\t]+")
_QUOTE = frozenset(">＞|｜")


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "repeated-sentence" not in active or not doc.written:
        return
    seen: dict[str, int] = {}
    text = doc.text
    for sentence in doc.sentences:
        if not sentence.terminated:
            continue
        line_start = text.rfind("\n", 0, sentence.start) + 1
        if text[line_start : sentence.start].lstrip(" \u3000")[:1] in _QUOTE:
            continue
        if sentence.text[:1] in _QUOTE:
            continue
        key = _SPACES.sub("", sentence.text)
        if len(key) < _MIN:
            continue
        first = seen.get(key)
        if first is None:
            seen[key] = sentence.start
            continue
        line, _column = doc.position(first)
        message = rule_info("repeated-sentence").say(found=sentence.text, count=line)
        yield doc.finding("repeated-sentence", sentence.start, sentence.end, message, None)
