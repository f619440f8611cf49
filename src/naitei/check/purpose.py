"""`--purpose auto`: infer what a draft is for from its words (structure.toml [[purpose_cue]]).

A title says it best by its head noun (件名：内定辞退撤回についてのお礼, or a letter's title
line): お礼 is a thank-you, お詫び an apology. Then the subject line's cues, then the whole
text's. The first
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


# A title names what the message is by its last noun: 「内定辞退撤回についてのお礼」 is a
# thank-you, whatever the words before お礼 are about.
_TITLE_HEADS: tuple[tuple[Purpose, re.Pattern[str]], ...] = (
    ("thanks", regex(r"(?:お礼|御礼)(?:のご連絡|のご挨拶|申し上げます)?$")),
    ("apology", regex(r"(?:お詫び|おわび)(?:のご連絡|申し上げます)?$")),
    ("schedule", regex(r"日程(?:調整|のご相談|のご確認|について)$")),
)
_TITLE_TAIL = regex(r"[ \u3000]*(?:[（(【［\[][^）)】］\]\n]*[）)】］\]][ \u3000]*)*$")
# A title line of a letter: short, alone on its line, no sentence punctuation.
_TITLE_LINE = regex(r"^[ \u3000]*(?P<title>[^\s。、！？][^。、！？\n]{1,28})[ \u3000]*$", re.M)
_TITLE_LINES = 14  # lines at the top of a letter where a title stands
# The employer has granted what was asked (the withdrawal accepted): a thank-you for it ...
_GRANTED = regex(
    r"(?:お認め|ご了承|ご承諾|ご快諾|受け入れて|お受け入れ|お許し|ご検討)(?:いただ|くださ)[^。\n]{0,30}?"
    r"(?:ありがとうございま|感謝|お礼)"
)
# ... unless the text still asks for it.
_ASKS = regex(
    r"(?:いただけ(?:ません|ない)でしょうか|いただけますでしょうか|(?:撤回|再考)[^。\n]{0,20}?お願い(?:したく|いたしたく|申し上げ)"
    r"|ご検討(?:いただけ|のほど|くださ))"
)


def _title_purpose(title: str) -> Purpose | None:
    """The purpose a title's head noun names (お礼 → thanks), or None."""
    bare = _TITLE_TAIL.sub("", title.strip(" \u3000"))
    for purpose, pattern in _TITLE_HEADS:
        if pattern.search(bare):
            return purpose
    return None


# 「面談日時のご確認」「ご訪問の件のご確認」 with a date or a time in the text: the message
# confirms an appointment (reader 4, C9), whatever else it thanks or apologises for.
_CONFIRMATION = regex(r"(?:ご確認|確認のお願い|ご確認のお願い)$")
_DATED = regex(r"\d{1,2}月\d{1,2}日|\d{1,2}[:：]\d{2}|日時[ \u3000]*[:：]")


def _confirms_a_date(title: str, text: str) -> bool:
    bare = _TITLE_TAIL.sub("", title.strip(" \u3000"))
    return bool(_CONFIRMATION.search(bare)) and _DATED.search(text) is not None


def _titles(text: str) -> list[str]:
    """The subject line (件名：…), then the title lines at the top of a letter."""
    found = []
    subject = _SUBJECT.search(text)
    if subject is not None:
        found.append(subject["subject"])
    head = "\n".join(text.split("\n", _TITLE_LINES)[:_TITLE_LINES])
    found.extend(
        m["title"] for m in _TITLE_LINE.finditer(head) if m["title"].endswith(("礼", "び"))
    )
    return found


def infer_purpose(text: str) -> Purpose:
    """The purpose of a draft: the head noun of its subject or title (…についてのお礼), then the
    cues of its subject line, then those of the whole text. A withdrawal that the text
    thanks the employer for granting, and no longer asks for, is a thank-you."""
    for title in _titles(text):
        found = _title_purpose(title)
        if found is None and _confirms_a_date(title, text):
            found = "schedule"
        if found is not None:
            return found
    subject = _SUBJECT.search(text)
    if subject is not None:
        found = _first(subject["subject"])
        if found is not None:
            return _granted(text, found)
    return _granted(text, _first(text) or "other")


def _granted(text: str, purpose: Purpose) -> Purpose:
    if purpose == "withdraw" and _GRANTED.search(text) and not _ASKS.search(text):
        return "thanks"
    return purpose
