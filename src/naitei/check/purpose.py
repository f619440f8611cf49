"""`--purpose auto`: infer what a draft is for from its words (structure.toml [[purpose_cue]]).

The subject line (件名：…) says it best, so it is read first; then the whole text. The first
purpose whose cue matches wins, in the order of the file: withdraw (辞退 … 撤回/再考), decline
(辞退させて…), accept (承諾, 入社させていただきます), schedule (日程, ご都合), apology (お詫び,
申し訳ございませんでした — not the cushion 申し訳ございませんが), thanks (お礼, ありがとうございました);
a text with none of them is ``other``.
"""

from __future__ import annotations

import re
from functools import cache

from naitei.check.data import purpose_cues
from naitei.check.model import Purpose
from naitei.precompiled import regex

_SUBJECT = regex(
    r"^[ \u3000]*(?:件名|表題|題名|Subject)[ \u3000]*[:：](?P<subject>[^\n]*)", re.M | re.I
)


@cache
def _cues() -> tuple[tuple[Purpose, re.Pattern[str]], ...]:
    return purpose_cues()


def _first(text: str) -> Purpose | None:
    for purpose, pattern in _cues():
        if pattern.search(text):
            return purpose
    return None


def infer_purpose(text: str) -> Purpose:
    """The purpose of a draft, read from its subject line and then from its whole text."""
    subject = _SUBJECT.search(text)
    if subject is not None:
        found = _first(subject["subject"])
        if found is not None:
            return found
    return _first(text) or "other"
