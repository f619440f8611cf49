"""What a message says about itself must hold: medium-contradiction, weekday-mismatch,
count-mismatch, name-mismatch and kaki-without-items.

- medium-contradiction: the text names its own medium, and names the wrong one: an email
  that speaks of 書中 or 本状 or 筆を執る (a letter's words, left over from a template), a
  letter that apologises for writing メールにて, a script read on the phone that says
  書中にて. Mentions of another medium as a plan (改めて書面にてお詫び申し上げます, 後ほどお電話
  いたします) are not statements about this message and are left alone.
- weekday-mismatch: a date with its weekday (12月15日（火）) that the calendar contradicts.
  The year is the one the text gives (2026年, 令和8年). A date without one is read as a
  careful reader would: the reading nearest to the document's own full date or, without one,
  to the day of the check (``--now``; CheckContext.today), unless two readings are about as
  near (6月3日 read on 12月3日): then no finding. With no reference at all, only two mentions
  of the same date with different weekdays are flagged.
- count-mismatch: 「以下の２点」「下記の3つ」 announces a number of items, and the list right
  below it (１．／(1)／①／・ lines) has another number. Found by drafts written blind
  (issue 13, item 8): a question added to a list without changing the count.
- name-mismatch (email): the full name of the self-introduction (石田 悠人と申します) and the
  one of the signature (石川 悠人) share the surname or the given name but not both: a typo,
  or a template's name left in the signature (structure.name_mismatch reads the parts).
- kaki-without-items (email, letter): 「下記の理由により」 announces items set out below (a 記
  block, a list, a line of particulars), and the body below it has none: only sentences (a
  template's 下記 left while the reason was written inline). A line that is no sentence (a
  date, an item, 記) anywhere below satisfies it; 連絡先は下記 may point at the signature
  (misses14, blind draft 11).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.parts import prose
from naitei.check.rules.structure import LETTER_CLOSING, message_parts, name_mismatch
from naitei.precompiled import regex

RULES = (
    "medium-contradiction",
    "weekday-mismatch",
    "count-mismatch",
    "name-mismatch",
    "kaki-without-items",
)
# 連絡先は下記, 下記のアドレス: what 下記 points at may be the signature's contact lines
_KAKI_CONTACT = regex(r"連絡先|署名|アドレス|メール|電話|携帯|住所|番号")

# What each kind must not say about itself, and what it is.
_WRONG_MEDIUM = {
    "email": (
        regex(r"書中(?:にて|をもちまして|をもって|ながら)|本状|筆を執(?:り|ら|っ)|書面にて失礼"),
        "メール",
    ),
    "letter": (
        regex(
            r"(?:メール|電子メール)(?:にて|で)(?:の)?(?:失礼|恐縮|大変失礼|ご連絡|お詫び|ご挨拶)|本メール"
        ),
        "手紙（書面）",
    ),
    "phone": (
        regex(r"書中(?:にて|をもちまして|をもって)|本状|本メール|メール(?:にて|で)失礼|筆を執"),
        "電話",
    ),
    "visit": (
        regex(
            r"書中(?:にて|をもちまして|をもって)|本状|本メール|(?:お)?電話(?:にて|で)(?:失礼|恐縮)|筆を執"
        ),
        "訪問",
    ),
}
# A year as a letter writes it, 2026年 or 令和8年 (groups `year`, `reiwa`).
_YEAR_TEXT = r"(?P<year>20[0-9]{2})年|令和(?P<reiwa>[0-9元]{1,2})年"
_YEAR = regex(_YEAR_TEXT)
_DATED = regex(
    rf"(?:{_YEAR_TEXT})?[ \u3000]*"
    r"(?P<month>1[0-2]|0?[1-9])[月/／](?P<day>3[01]|[12][0-9]|0?[1-9])日?[ \u3000]*"
    r"[（(](?P<weekday>[月火水木金土日])(?:曜日?)?[)）]"
)
_DATED_GATE = regex(r"[0-9０-９]日?[ \u3000]*[（(][月火水木金土日]")
_WEEKDAYS = "月火水木金土日"
_ANNOUNCED = regex(
    r"(?:以下|下記|次)の(?P<n>[0-9０-９]{1,2}|[一二三四五六七八九十])(?P<unit>点|つ|件|項目)"
)
_ITEM = regex(
    r"^[ \u3000]*(?:[0-9０-９]{1,2}[．.、)）]|[（(][0-9０-９]{1,2}[)）]|[①-⑳]|[・●■◆□◇▪‐－*＊]"
    r"|[一二三四五六七八九十][、．.]|-(?=[ \u3000]))"
)
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_KANJI_NUMBERS = {c: n for n, c in enumerate("一二三四五六七八九十", start=1)}


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "medium-contradiction" in active:
        yield from _medium(doc)
    if "weekday-mismatch" in active and _DATED_GATE.search(doc.text):
        yield from _weekdays(doc)
    if "name-mismatch" in active and doc.kind == "email":
        yield from name_mismatch(doc)
    if "kaki-without-items" in active and doc.written and "下記" in doc.own_text:
        yield from _kaki(doc)
    if "count-mismatch" in active and (
        "以下の" in doc.text or "下記の" in doc.text or "次の" in doc.text
    ):
        yield from _counts(doc)


def _kaki(doc: Document) -> Iterator[Finding]:
    """下記 in the body with nothing below it but sentences."""
    text = doc.own_text
    parts = message_parts(doc)
    info = rule_info("kaki-without-items")
    start = text.find("下記")
    while start >= 0:
        if parts.body_start <= start < parts.tail_start and not _items_below(doc, start):
            yield doc.finding("kaki-without-items", start, start + 2, info.message, None)
        start = text.find("下記", start + 2)


def _items_below(doc: Document, start: int) -> bool:
    parts = message_parts(doc)
    line_end = doc.text.find("\n", start)
    line_end = len(doc.text) if line_end < 0 else line_end
    below = [line for line in parts.lines if line.start > line_end]
    for line in below:
        if line.start >= parts.tail_start or LETTER_CLOSING.match(line.text):
            break  # the signature, or a letter's 結語 and what follows it (date, addresses)
        if not prose(line.text):
            return True  # an item, a date, 記 …
    if any(line.text.strip() == "記" for line in below):
        return True  # a letter's 記 block below its 結語
    sentence_start = doc.text.rfind("。", 0, start) + 1
    sentence = doc.text[sentence_start : doc.text.find("。", start) + 1 or len(doc.text)]
    return bool(_KAKI_CONTACT.search(sentence)) and bool(parts.tail)


def _counts(doc: Document) -> Iterator[Finding]:
    """「以下の２点」 against the items of the list that follows it."""
    text = doc.own_text
    lines = doc.lines
    starts = [line.start for line in lines]
    info = rule_info("count-mismatch")
    for match in _ANNOUNCED.finditer(text):
        raw = match["n"]
        announced = _KANJI_NUMBERS.get(raw) or int(raw.translate(_WIDE_DIGITS))
        number = bisect_right(starts, match.start()) - 1
        items = 0
        for line in lines[number + 1 :]:
            if not line.text.strip():
                continue
            if _ITEM.match(line.text):
                items += 1
                continue
            if items:
                break
            if "。" in line.text or len(line.text) > 40:
                break  # prose before any item: the list is elsewhere (or there is none)
        if items and items != announced:
            found = match.group()
            message = info.say(found=found, suggestion=str(items))
            yield doc.finding("count-mismatch", match.start("n"), match.end("unit"), message, None)


def _medium(doc: Document) -> Iterator[Finding]:
    pattern, medium = _WRONG_MEDIUM[doc.kind]
    info = rule_info("medium-contradiction")
    for match in pattern.finditer(doc.own_text):
        message = info.say(found=match.group(), suggestion=medium)
        yield doc.finding("medium-contradiction", match.start(), match.end(), message, None)


def _year(value: str | None, reiwa: str | None) -> int | None:
    if value:
        return int(value)
    if reiwa:
        return 2018 + (1 if reiwa == "元" else int(reiwa))
    return None


def _weekday(year: int, month: int, day: int) -> str | None:
    try:
        return _WEEKDAYS[dt.date(year, month, day).weekday()]
    except ValueError:
        return None


_FULL_DATE = regex(
    r"(?:(?P<year>20[0-9]{2})年|令和(?P<reiwa>[0-9元]{1,2})年)[ \u3000]*"
    r"(?P<month>1[0-2]|0?[1-9])月[ \u3000]*(?P<day>3[01]|[12][0-9]|0?[1-9])日"
)
# Two readings of a year-less date closer than this to equally near: the year is ambiguous.
_CLEAR_MARGIN = 60


def _reference(doc: Document, text: str) -> dt.date | None:
    """The day a year-less date is read from: the document's own full date (2026年12月7日),
    else the day of the check (``--now``)."""
    for match in _FULL_DATE.finditer(text):
        year = _year(match["year"], match["reiwa"])
        try:
            return dt.date(int(year or 0), int(match["month"]), int(match["day"]))
        except ValueError:
            continue
    return doc.context.today


def _nearest_year(reference: dt.date, month: int, day: int) -> int | None:
    """The year a careful reader gives 12月8日 on ``reference``: the reading nearest to it,
    when no other reading is nearly as near (6月3日 read on 12月3日 could be either)."""
    readings = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            readings.append((abs((dt.date(year, month, day) - reference).days), year))
        except ValueError:
            continue
    if not readings:
        return None
    readings.sort()
    if len(readings) > 1 and readings[1][0] - readings[0][0] < _CLEAR_MARGIN:
        return None
    return readings[0][1]


def _weekdays(doc: Document) -> Iterator[Finding]:
    # １月１４日（水） as 1月14日（水）: one character for one, so the offsets hold
    text = doc.own_text.translate(_WIDE_DIGITS)
    first = _YEAR.search(text)
    default_year = _year(first["year"], first["reiwa"]) if first else None
    reference = _reference(doc, text)
    seen: dict[tuple[int, int], str] = {}
    info = rule_info("weekday-mismatch")
    for match in _DATED.finditer(text):
        month, day, weekday = int(match["month"]), int(match["day"]), match["weekday"]
        explicit = _year(match["year"], match["reiwa"])
        if explicit is None and reference is not None:
            nearest = _nearest_year(reference, month, day)
            found_weekdays = [_weekday(nearest, month, day)] if nearest is not None else []
            if not found_weekdays or None in found_weekdays or weekday in found_weekdays:
                seen.setdefault((month, day), weekday)
                continue
            expected = str(found_weekdays[0])
        elif explicit is not None or default_year is not None:
            year = explicit or default_year
            assert year is not None
            # Without its own year, a date may fall in the next year (a letter of 12月
            # proposing 1月5日).
            years = (year,) if explicit else (year, year + 1)
            found = [_weekday(y, month, day) for y in years]
            if None in found or weekday in found:
                continue  # 2月30日 is not a date: another rule's business
            expected = str(found[0])
        else:
            expected = seen.setdefault((month, day), weekday)
            if weekday == expected:
                continue
        start = match.start("weekday")
        shown = f"{month}月{day}日（{weekday}）"
        message = info.say(found=shown, suggestion=f"{month}月{day}日（{expected}）")
        yield doc.finding("weekday-mismatch", start, start + 1, message, expected)
