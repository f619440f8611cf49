"""decline-date-mismatch: what a draft says about when the decline was told, against the case.

With ``--case`` (a withdrawal: the day of [decline].declined_at) and the day of the check
(``--now``), a sentence that reports the decline as told 本日／昨日／一昨日, or on a date
(11月3日にお伝えした辞退), must name that day. A second independent reader's draft said
「昨日お伝えした辞退の件」 for a decline told a month before, and nothing noticed. Only the
writer's own sentences that hold 辞退 and a verb of telling are read.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.precompiled import regex

RULES = ("decline-date-mismatch",)

_DAYS_AGO = {"本日": 0, "今日": 0, "昨日": 1, "一昨日": 2}
_WHEN = regex(
    r"(?P<when>一昨日|昨日|本日|今日|(?P<month>[0-9０-９]{1,2})月(?P<day>[0-9０-９]{1,2})日)"
    r"(?:[（(][^）)]{1,3}[）)])?(?:に|は)?[、,]?"
    r"(?P<what>[^。\n]{0,16}?)(?:お伝え|ご連絡|申し上げ|お送り|お電話|連絡)"
)
# The decline itself, not the request to take it back (辞退の撤回, 辞退撤回)
_DECLINE = regex(r"辞退(?!の?撤回|を撤回)")
_TOLD_DECLINE = regex(r"^[^。\n、]{0,8}?(?:した|いたした|差し上げた)(?:内定)?辞退(?!の?撤回)")
_TELLING_DONE = regex(r"^[^。\n]{0,8}?(?:した|いたした|しました|いたしました|差し上げた)")


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    context = doc.context
    if "decline-date-mismatch" not in active or context.declined_on is None:
        return
    if "辞退" not in doc.own_text:
        return
    info = rule_info("decline-date-mismatch")
    told = context.declined_on
    for match in _WHEN.finditer(doc.own_text):
        end = doc.own_text.find("。", match.end())
        rest = doc.own_text[match.end() : end if end >= 0 else len(doc.own_text)]
        told_what = _DECLINE.search(match["what"]) or _TOLD_DECLINE.search(rest)
        if told_what is None or not _TELLING_DONE.search(rest):
            continue
        said = _day(match, context.today or told)
        if said is None or said == told or (context.today is None and match["month"] is None):
            continue  # 本日／昨日 need the day of the check
        message = info.say(found=match["when"], suggestion=f"{told.month}月{told.day}日")
        yield doc.finding(
            "decline-date-mismatch", match.start("when"), match.end("when"), message, None
        )


def _day(match: re.Match[str], today: dt.date) -> dt.date | None:
    """The day a relative word or a month/day names, seen from ``today`` (a month/day in the
    past year when it is later in the year than today)."""
    word = match["when"]
    if word in _DAYS_AGO:
        return today - dt.timedelta(days=_DAYS_AGO[word])
    month, day = int(match["month"].translate(_WIDE)), int(match["day"].translate(_WIDE))
    for year in (today.year, today.year - 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            return None
        if candidate <= today:
            return candidate
    return None


_WIDE = str.maketrans("０１２３４５６７８９", "0123456789")
