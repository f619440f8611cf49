"""Sentences a careful writer would finish or vary: unfinished-sentence, repeated-word,
repeated-apology.

- unfinished-sentence (written kinds): a sentence closed with 。 on a connective, leaving the
  reader to guess the rest (ご縁がなかったということで。, 体調を崩しまして。, 恐縮ですが。).
  Read from the sentence's last characters; quoted lines (> …) and the other party's lines are
  skipped.
- repeated-word (written kinds): the same honorific noun (ご連絡, ご迷惑) in each of four
  sentences in a row. Words are ご/お + a run of kanji found on the surface, without the
  morphology: the sentences and their text are already the Document's.
- repeated-apology (written kinds): one apology formula (申し訳ございません, お詫び申し上げます,
  失礼いたしました) three times or more in the writer's own text. An apology said once or twice
  is sincere; a third time it reads as a formula (a second independent reader's draft:
  誠に申し訳ございません。重ね重ね誠に申し訳ございません。本当に誠に申し訳ございませんでした。).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import cache

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.employers import form_families
from naitei.precompiled import regex

RULES = ("unfinished-sentence", "repeated-word", "repeated-apology")

_QUOTE = frozenset(">＞|｜")
# The connective a sentence stops on (before its 。). まして after a verb's polite stem.
_UNFINISHED = regex(
    r"(?:ということで|とのことで|の件で|ことで|ので|のですが|ですが|ますが|でしたが|ましたが"
    r"|けど|けれど|けれども|ながら|ものの|まして|ておりまして)(?=。)"
)
# Honorific nouns (ご連絡, ご迷惑, ご検討): formulas a writer can vary. A topic's own noun (辞退,
# 条件) recurs naturally and is not counted.
_WORD = regex(r"[ごお御][一-龥々]{2,}")
_RUN = 4  # sentences in a row, each holding the word
# Words a letter of this kind says in every sentence without anyone minding.
_COMMON = frozenset({"御中"})


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if not doc.written:
        return
    if "unfinished-sentence" in active:
        yield from _unfinished(doc)
    if "repeated-word" in active:
        yield from _repeated(doc)
    if "repeated-apology" in active and (
        "申し訳" in doc.text or "詫び" in doc.text or "失礼" in doc.text
    ):
        yield from _apologies(doc)


# One formula each, whatever its politeness ending (ございません／ありません／なく存じます).
_APOLOGY = regex(
    r"(?P<sorry>申し訳(?:ございません|ありません|なく))|(?P<owabi>お詫び申し上げ)|(?P<shitsurei>失礼いたしました)"
)
_APOLOGY_LIMIT = 3


def _apologies(doc: Document) -> Iterator[Finding]:
    """The third use of one apology formula, and no more than one finding a formula."""
    info = rule_info("repeated-apology")
    seen: dict[str, int] = {}
    for match in _APOLOGY.finditer(doc.text):
        if not _own(doc, match.start()):
            continue
        formula = match.lastgroup or ""
        seen[formula] = seen.get(formula, 0) + 1
        if seen[formula] == _APOLOGY_LIMIT:
            message = info.say(found=match.group(), count=_APOLOGY_LIMIT)
            yield doc.finding("repeated-apology", match.start(), match.end(), message, None)


def _own(doc: Document, start: int) -> bool:
    line_start = doc.text.rfind("\n", 0, start) + 1
    first = doc.text[line_start:start].lstrip(" \u3000")[:1]
    return first not in _QUOTE and not doc.spoken_by_others(start)


def _sentence(doc: Document, offset: int) -> int:
    """The number of the sentence holding ``offset`` (-1 before the first)."""
    return bisect_right(doc.sentence_starts, offset) - 1


def _unfinished(doc: Document) -> Iterator[Finding]:
    """One search over the text for a connective right before 。, then its sentence."""
    info = rule_info("unfinished-sentence")
    text = doc.text
    for match in _UNFINISHED.finditer(text):
        number = _sentence(doc, match.start())
        if number < 0:
            continue
        sentence = doc.sentences[number]
        if sentence.end != match.end() + 1 or not _own(doc, sentence.start):
            continue  # 。 is not this sentence's last character (。」), or not the writer's
        body = text[sentence.start : match.end()]
        if body[:1] in _QUOTE or body.rfind("「") > body.rfind("」"):
            continue  # a quoted line, or the 。 closes a quotation
        message = info.say(found=match.group())
        yield doc.finding("unfinished-sentence", match.start(), sentence.end, message, None)


def _repeated(doc: Document) -> Iterator[Finding]:
    """One search over the text for honorific nouns; each word's sentences, in order."""
    info = rule_info("repeated-word")
    skip = _skipped()
    company = doc.context.company_name
    text = doc.text
    sentences = doc.sentences
    seen: dict[str, list[tuple[int, int]]] = {}  # word → (sentence number, offset)
    for match in _WORD.finditer(text):
        word = match.group()
        if word in skip or (company and word in company):
            continue
        number = _sentence(doc, match.start())
        places = seen.setdefault(word, [])
        if not places or places[-1][0] != number:
            places.append((number, match.start()))
    for word, places in seen.items():
        if len(places) < _RUN:
            continue
        for i in range(_RUN - 1, len(places)):
            first, last = places[i - _RUN + 1][0], places[i][0]
            if last - first != _RUN - 1 or first < 0:
                continue  # not four sentences in a row
            row = sentences[first : last + 1]
            if not all(s.text.endswith("。") and _own(doc, s.start) for s in row):
                continue
            start = places[i][1]
            message = info.say(found=word, count=_RUN)
            yield doc.finding("repeated-word", start, start + len(word), message, None)
            break


@cache
def _skipped() -> frozenset[str]:
    return frozenset(form_families()) | _COMMON
