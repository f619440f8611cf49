"""Titles of address stacked or misused: honorific-title and tono-in-recruiting.

- honorific-title: a form of address that is already respectful (貴社, 御社, 貴行, 御院 …
  every form of data/employers.toml as employers.forms_in finds it, and 各位, 御中, 先生)
  followed by another honorific (様, 殿): 貴社様, 御社様, 貴行様, 各位様, 各位殿, 御中 殿,
  田村先生様, ご担当者様各位, and 様 殿. The fix drops the extra title.
- tono-in-recruiting: 殿 after a person or a post (人事部長殿, 佐藤殿, ご担当者殿). 殿 is for
  official documents from an organisation or from a superior; from an applicant to a
  recruiter it reads as talking down. 様 is the form (部長 佐藤様, 採用ご担当者様).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.precompiled import regex

RULES = ("honorific-title", "tono-in-recruiting")
_WORD_END = regex(r"[一-龥々ァ-ヶー]$")

_EXTRA = regex(r"(?P<gap>[ \u3000]*)(?P<title>様|さま|殿)")
# 殿 closing a person's name or a post, at the end of a line or before 、 (not 殿堂, 宮殿).
_TONO = regex(
    r"(?<![宮神御本拝湯社貴])(?<![御中各位][ \u3000])(?<!御中)(?<!各位)(?<!様)(?P<hit>殿)"
    r"(?=[ \u3000]*(?:$|[、,（(]))",
    re.M,
)


_AFTER = regex(r"[ \u3000]*(?:様|さま|殿)")
# 各位, 御中 and 先生 are titles themselves (田村先生様 stacks two); 様殿 stacks two.
# 採用ご担当者様各位: 様 before 各位 stacks two titles as well (misses14)
_SAMA_KAKUI = regex(r"様[ \u3000]*各位")
_TITLES = regex(r"(?P<form>各位|御中|様|先生)(?P<extra>[ \u3000]*(?:様|さま|殿))")


def _stacked(doc: Document) -> Iterator[tuple[int, int, str]]:
    """(start, end, the form to keep) of 貴社様, 御院殿, 各位様, 御中 殿, 様殿."""
    text = doc.text
    for found in doc.forms_of_address:
        after = _AFTER.match(text, found.end)
        if after is not None:
            yield found.start, after.end(), found.form
    for match in _SAMA_KAKUI.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "皆":
            yield match.start() - 1, match.end(), "皆様"  # 皆様各位: either word alone
        else:
            yield match.start(), match.end(), "各位"  # ご担当者様各位: 各位 holds the title
    for match in _TITLES.finditer(text):
        form, title = match["form"], match["extra"].strip(" \u3000")
        if form not in ("各位", "先生") and title != "殿":
            continue  # 御中 様 is sama-onchu; 様様 is no title
        yield match.start(), match.end(), form


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    text = doc.text
    if "honorific-title" in active and ("様" in text or "殿" in text or "さま" in text):
        yield from _honorific_title(doc)
    if "tono-in-recruiting" in active and "殿" in text:
        yield from _tono(doc)


def _honorific_title(doc: Document) -> Iterator[Finding]:
    info = rule_info("honorific-title")
    for start, end, form in _stacked(doc):
        message = info.say(found=doc.text[start:end], suggestion=form)
        yield doc.finding("honorific-title", start, end, message, form)


def _tono(doc: Document) -> Iterator[Finding]:
    info = rule_info("tono-in-recruiting")
    for match in _TONO.finditer(doc.text):
        start = match.start("hit")
        before = doc.text[max(0, start - 12) : start].rstrip(" \u3000")
        if not before or not _WORD_END.search(before):
            continue
        message = info.say(found=before.split()[-1].split("\u3000")[-1] + "殿")
        yield doc.finding("tono-in-recruiting", start, start + 1, message, "様")
