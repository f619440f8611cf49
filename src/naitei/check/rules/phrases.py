"""Word-list rules: every entry of data/check/phrases.toml, flagged wherever it matches.

Covers ryokai, casual-word, sumimasen, baito-keigo, redundant-expression and
informal-symbol: mistakes that are fixed strings or short patterns, kept as data so that
a reviewer can read and extend them without reading code.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache

from naitei.check.data import Phrase, phrases, rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.precompiled import longest_first, regex, trie

_SENTENCE_ENDS = frozenset("。！？!?「『\n")

RULES = (
    "ryokai",
    "casual-word",
    "sumimasen",
    "baito-keigo",
    "redundant-expression",
    "informal-symbol",
)


@cache
def _chars_gate() -> re.Pattern[str]:
    """One search for the characters of every entry that declares ``chars``."""
    classes = "".join(phrase.chars for phrase in phrases() if phrase.chars)
    return regex(f"[{classes}]" if classes else "(?!)")


@cache
def _by_trigger() -> dict[str, tuple[int, ...]]:
    """Trigger → the indexes (in phrases()) of the entries it gates."""
    index: dict[str, list[int]] = {}
    for number, phrase in enumerate(phrases()):
        for trigger in phrase.triggers:
            index.setdefault(trigger, []).append(number)
    return {trigger: tuple(numbers) for trigger, numbers in index.items()}


@cache
def _trigger_scan() -> tuple[re.Pattern[str], dict[str, frozenset[int]]]:
    """One alternation of every trigger, longest first, and for each trigger the entries
    gated by it or by a trigger that is a prefix of it (at one position the search reports
    only the longest trigger that starts there: the shorter ones starting there are its
    prefixes)."""
    by_trigger = _by_trigger()
    ordered = sorted(by_trigger, key=longest_first)
    pattern = regex(trie(ordered) if ordered else "(?!)")
    gated = {
        trigger: frozenset(
            number
            for prefix, numbers in by_trigger.items()
            if trigger.startswith(prefix)
            for number in numbers
        )
        for trigger in ordered
    }
    return pattern, gated


@cache
def _by_chars() -> tuple[int, ...]:
    return tuple(number for number, phrase in enumerate(phrases()) if phrase.chars)


def _candidates(text: str) -> list[int]:
    """The entries worth running on ``text``, in file order: every trigger in the text, found
    by one search per position where a trigger starts (each search restarts one character
    after the last match began, so overlapping triggers are all seen), and the entries that
    declare ``chars`` when one of their characters is there."""
    pattern, gated = _trigger_scan()
    search = pattern.search
    numbers: set[int] = set()
    match = search(text)
    while match is not None:
        numbers |= gated[match.group()]
        match = search(text, match.start() + 1)
    if _chars_gate().search(text) is not None:
        numbers.update(_by_chars())
    return sorted(numbers)


def _doc_candidates(doc: Document) -> list[int]:
    """_candidates of the document's text, computed once however many modules scan it."""
    found: list[int] | None = getattr(doc, "_phrase_candidates", None)
    if found is None:
        found = _candidates(doc.text)
        doc._phrase_candidates = found  # type: ignore[attr-defined]
    return found


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    yield from scan(doc, active & frozenset(RULES))


def scan(doc: Document, rules: frozenset[str]) -> Iterator[Finding]:
    """Findings of the phrases.toml entries of ``rules`` (other modules own other rules)."""
    if not rules:
        return
    text = doc.text
    entries = phrases()
    others = bool(doc.others_lines)  # a script: the other party's words are not the writer's
    for number in _doc_candidates(doc):
        phrase = entries[number]
        if phrase.rule not in rules:
            continue
        for match in phrase.compiled.finditer(text):
            if "hit" in phrase.compiled.groupindex:
                start, end = match.span("hit")
            else:
                start, end = match.span()
            if phrase.not_words and match["word"] in phrase.not_words:
                continue
            if others and doc.spoken_by_others(start):
                continue
            if end > start and (not phrase.sentence_start or _starts_sentence(text, start)):
                yield _finding(doc, phrase, start, end)


def _starts_sentence(text: str, start: int) -> bool:
    """Is ``start`` the beginning of a sentence (after 。！？「, a line break or spaces)?"""
    before = text[max(0, start - 8) : start].rstrip(" \u3000")
    return not before or before[-1] in _SENTENCE_ENDS


def _finding(doc: Document, phrase: Phrase, start: int, end: int) -> Finding:
    found = doc.text[start:end]
    suggestion = phrase.suggestion
    if phrase.transform == "nfkc":
        suggestion = unicodedata.normalize("NFKC", found)
    template = phrase.message or rule_info(phrase.rule).message
    message = template.format(found=found, suggestion=suggestion or "")
    return doc.finding(phrase.rule, start, end, message, suggestion, fixable=phrase.fix)
