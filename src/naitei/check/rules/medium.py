"""onsha-in-writing and kisha-in-speech: the company's honorific name follows the medium.

Written documents (email, letter) say 貴社; spoken ones (phone, visit) say 御社, because
きしゃ is heard as 記者, 汽車 or 帰社. Matched on the surface: the dictionary splits 御社
into 御 + 社 in some contexts, so a token match would miss it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding

RULES = ("onsha-in-writing", "kisha-in-speech")

_ONSHA = re.compile(r"(?<![制防統])御社")
_KISHA = re.compile(r"貴社")


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "onsha-in-writing" in active and "御社" in doc.text:
        yield from _flag(doc, "onsha-in-writing", _ONSHA, "貴社")
    if "kisha-in-speech" in active and "貴社" in doc.text:
        yield from _flag(doc, "kisha-in-speech", _KISHA, "御社")


def _flag(doc: Document, rule: str, pattern: re.Pattern[str], fix: str) -> Iterator[Finding]:
    message = rule_info(rule).message
    for match in pattern.finditer(doc.text):
        yield doc.finding(rule, match.start(), match.end(), message, fix)
