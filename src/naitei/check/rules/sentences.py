"""Sentences a careful writer would finish or vary: unfinished-sentence, repeated-word.

- unfinished-sentence (written kinds): a sentence closed with 。 on a connective, leaving the
  reader to guess the rest (ご縁がなかったということで。, 体調を崩しまして。, 恐縮ですが。).
  Read from the sentence's last characters; quoted lines (> …) and the other party's lines are
  skipped.
- repeated-word (written kinds): the same honorific noun (ご連絡, ご迷惑) in each of four
  sentences in a row. Words are ご/お + a run of kanji found on the surface, without the
  morphology: the sentences and their text are already the Document's.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.employers import form_families
from naitei.precompiled import regex

RULES = ("unfinished-sentence", "repeated-word")

_QUOTE = frozenset(">＞|｜")
# The connective a sentence stops on (before its 。). まして after a verb's polite stem.
_UNFINISHED = regex(
    r"(?:ということで|とのことで|の件で|ことで|ので|のですが|ですが|ますが|でしたが|ましたが"
    r"|けど|けれど|けれども|ながら|ものの|まして|ておりまして)$"
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


def _own(doc: Document, start: int) -> bool:
    line_start = doc.text.rfind("\n", 0, start) + 1
    first = doc.text[line_start:start].lstrip(" \u3000")[:1]
    return first not in _QUOTE and not doc.spoken_by_others(start)


def _unfinished(doc: Document) -> Iterator[Finding]:
    info = rule_info("unfinished-sentence")
    for sentence in doc.sentences:
        text = sentence.text
        if not text.endswith("。"):
            continue
        body = text.rstrip("。")
        match = _UNFINISHED.search(body)
        if match is None or text[:1] in _QUOTE or not _own(doc, sentence.start):
            continue
        if "「" in body and body.rfind("「") > body.rfind("」"):
            continue  # the 。 closes a quotation
        message = info.say(found=match.group())
        start = sentence.start + match.start()
        yield doc.finding("unfinished-sentence", start, sentence.end, message, None)


def _repeated(doc: Document) -> Iterator[Finding]:
    info = rule_info("repeated-word")
    skip = set(form_families()) | _COMMON
    company = doc.context.company_name
    sentences = [s for s in doc.sentences if s.text.endswith("。") and _own(doc, s.start)]
    words: list[dict[str, int]] = []
    for sentence in sentences:
        found: dict[str, int] = {}
        for match in _WORD.finditer(sentence.text):
            word = match.group()
            if word in skip or (company and word in company):
                continue
            found.setdefault(word, sentence.start + match.start())
        words.append(found)
    flagged: set[str] = set()
    for last in range(_RUN - 1, len(words)):
        window = words[last - _RUN + 1 : last + 1]
        common = set(window[0]).intersection(*window[1:])
        for word in sorted(common - flagged):
            flagged.add(word)
            start = window[-1][word]
            message = info.say(found=word, count=_RUN)
            yield doc.finding("repeated-word", start, start + len(word), message, None)
