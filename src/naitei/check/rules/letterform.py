"""The form of a letter: 頭語 and 結語, 記 and 以上, and the 時候の挨拶 against the date.

- salutation-mismatch: the 頭語 and the 結語 belong to different registers (拝啓…草々,
  前略…敬具, 謹啓…草々). The pairs are data (lexicon.toml [[salutation]]). 謹啓…敬具 is left
  alone: 敬具 is the general closing and several manuals allow it after 謹啓.
- salutation-missing: a 頭語 without any 結語, or a 結語 without any 頭語.
- ki-without-ijo: a line 記 (a list of particulars) that no line 以上 closes.
- zenryaku-to-employer: 前略 (or 冠省) opening a letter to an employer: a 頭語 that skips
  the preliminaries, curt towards a superior and in an apology or a request.
- season-mismatch: a 〜の候 greeting whose season is far from the letter's date, when the
  letter carries a date. The seasons are the composer's (data/phrases/seasons.toml, by
  the 二十四節気): a greeting is accepted within its own term and the terms on either side.
- plain-closing: よろしくお願いします closing a letter, or an email whose own sentences are
  written with いたします (twice or more elsewhere): the closing alone drops a level below the
  register the message set for itself (misses14). Not in speech, where お願いします is usual,
  and not in an email written in です・ます throughout: there it is the message's own level.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache

from naitei.check.data import lexicon, rule_info
from naitei.check.document import Document, Line
from naitei.check.model import Finding
from naitei.precompiled import regex

RULES = (
    "salutation-mismatch",
    "salutation-missing",
    "ki-without-ijo",
    "season-mismatch",
    "zenryaku-to-employer",
    "plain-closing",
)
# 何卒よろしくお願いします, どうぞ宜しくお願いします: the span is the お願いします to raise
_PLAIN_CLOSING = regex(r"(?:よろしく|宜しく)(?P<hit>お願いします)(?=[。！!\n]|$)", re.M)
_ITASU = regex(r"いたし|致し|申し上げ|させていただ|存じ")
_PLAIN_CLOSING_FROM = 2  # いたします elsewhere in an email: the message's own register
_SKIPPING = frozenset({"前略", "冠省"})  # 頭語 that skip the preliminaries

_HEAD_AT = regex(r"(?P<word>[一-龥]{2})(?=[ \u3000、]|$)")
_CLOSING_AT = regex(r"(?:^|[。 \u3000])(?P<word>[一-龥々]{2}|かしこ)$")
_DATE = regex(
    r"^(?:(?:令和|平成)?[0-9０-９元一二三四五六七八九十〇]+年)?[ \u3000]*"
    r"(?P<month>[0-9０-９一二三四五六七八九十]{1,3})月[ \u3000]*"
    r"(?P<day>[0-9０-９一二三四五六七八九十]{1,3})日(?:[（(][月火水木金土日][)）])?$"
)
_GREETING = regex(r"[一-龥]{2,3}の候")
_KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}


def _opening(lines: tuple[Line, ...]) -> tuple[Line, ...]:
    """The lines up to the first sentence of the body, that one included: the date, the
    addresses, the title and the 頭語 line with its greeting, however long the address blocks."""
    for number, line in enumerate(lines):
        if "。" in line.text:
            return lines[: number + 1]
    return lines


@cache
def _pairs() -> dict[str, frozenset[str]]:
    """頭語 → the 結語 that close it."""
    return {salutation.head: salutation.closings for salutation in lexicon().salutation}


@cache
def _closings() -> frozenset[str]:
    return frozenset(word for closings in _pairs().values() for word in closings)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if not doc.written:
        return
    lines = doc.content_lines
    if active & {"salutation-mismatch", "salutation-missing"}:
        yield from _salutation(doc, lines, active)
    if "zenryaku-to-employer" in active and ("前略" in doc.text or "冠省" in doc.text):
        head = _head(lines)
        if head is not None and head[2] in _SKIPPING:
            message = rule_info("zenryaku-to-employer").message
            yield doc.finding("zenryaku-to-employer", head[0], head[1], message, "拝啓")
    if "ki-without-ijo" in active and "記" in doc.text:
        yield from _ki(doc, lines)
    if "season-mismatch" in active and "の候" in doc.text:
        yield from _season(doc, lines)
    if "plain-closing" in active and "お願いします" in doc.text:
        yield from _plain_closing(doc)


def _plain_closing(doc: Document) -> Iterator[Finding]:
    text = doc.own_text
    matches = [m for m in _PLAIN_CLOSING.finditer(text) if not doc.spoken_by_others(m.start())]
    if not matches:
        return
    if doc.kind != "letter" and len(_ITASU.findall(text)) < _PLAIN_CLOSING_FROM:
        return
    info = rule_info("plain-closing")
    for match in matches:
        found = text[match.start() : match.end()]
        fixed = "お願いいたします"
        message = info.say(found=found, suggestion=found.replace("お願いします", fixed))
        yield doc.finding("plain-closing", match.start("hit"), match.end("hit"), message, fixed)


def _head(lines: tuple[Line, ...]) -> tuple[int, int, str] | None:
    for line in _opening(lines):
        match = _HEAD_AT.match(line.text)
        if match and match["word"] in _pairs():
            return line.start, line.start + 2, match["word"]
    return None


@cache
def _closing_tails() -> tuple[str, ...]:
    return tuple(_closings())


def _closing(lines: tuple[Line, ...]) -> tuple[int, int, str] | None:
    # The word _CLOSING_AT finds ends the line and must be a 結語: a line that ends with no
    # 結語 needs no regex search (most lines of a letter, every line of an email).
    tails = _closing_tails()
    for line in reversed(lines):
        if not line.text.endswith(tails):
            continue
        match = _CLOSING_AT.search(line.text)
        if match and match["word"] in _closings():
            return line.start + match.start("word"), line.start + match.end("word"), match["word"]
    return None


def _salutation(
    doc: Document, lines: tuple[Line, ...], active: frozenset[str]
) -> Iterator[Finding]:
    head, closing = _head(lines), _closing(lines)
    if head is not None and closing is not None:
        if closing[2] not in _pairs()[head[2]] and "salutation-mismatch" in active:
            expected = "・".join(sorted(_pairs()[head[2]]))
            message = rule_info("salutation-mismatch").say(
                found=f"{head[2]}…{closing[2]}", suggestion=expected
            )
            yield doc.finding("salutation-mismatch", closing[0], closing[1], message, None)
    elif "salutation-missing" in active and (head or closing):
        if head is not None:
            expected = "・".join(sorted(_pairs()[head[2]]))
            message = f"頭語「{head[2]}」に対応する結語（{expected}）がありません。本文の末尾に結語を置きます。"
            yield doc.finding("salutation-missing", head[0], head[1], message, None)
        elif closing is not None:
            message = (
                f"結語「{closing[2]}」に対応する頭語がありません。頭語（拝啓など）で書き始めるか、"
                "結語を省きます（メールでは頭語・結語とも使わないのが普通です）。"
            )
            yield doc.finding("salutation-missing", closing[0], closing[1], message, None)


def _ki(doc: Document, lines: tuple[Line, ...]) -> Iterator[Finding]:
    for number, line in enumerate(lines):
        if line.text != "記":
            continue
        if not any(later.text.endswith("以上") for later in lines[number + 1 :]):
            message = rule_info("ki-without-ijo").message
            yield doc.finding("ki-without-ijo", line.start, line.end, message, None)


def _number(text: str) -> int:
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_KANJI.get(tens, 1) if tens else 1) * 10 + (_KANJI.get(ones, 0) if ones else 0)
    return _KANJI.get(text, 0)


def _date(lines: tuple[Line, ...]) -> tuple[int, int] | None:
    """(month, day) of the letter's own date line, when it has one: above the body, or below
    it (after the 結語, or after the last sentence when there is none). A date inside the
    body, such as an appointment in a 記 block, is not the letter's."""
    closing = _closing(lines)
    # Below the body: after the 結語, or, without one, after the last sentence (a letter dated
    # under its text, above the signature). A date in a 記…以上 block is an appointment.
    body_end = max((line.start for line in lines if "。" in line.text), default=-1)
    if closing is not None:
        body_end = max(body_end, closing[0])
    ki = next((line.start for line in lines if line.text == "記"), None)
    after = tuple(
        line
        for line in lines
        if line.start > body_end and (ki is None or line.start < ki or _after_ijo(lines, line))
    )
    for line in (*_opening(lines), *after):  # dated at the top, or below the body
        match = _DATE.match(line.text.replace(" ", "").replace("\u3000", ""))
        if match:
            month, day = _number(match["month"]), _number(match["day"])
            if 1 <= month <= 12 and 1 <= day <= 31:
                return month, day
    return None


def _after_ijo(lines: tuple[Line, ...], line: Line) -> bool:
    """Is ``line`` below the 以上 that closes a 記 block?"""
    return any(other.text.endswith("以上") and other.start < line.start for other in lines)


def _season(doc: Document, lines: tuple[Line, ...]) -> Iterator[Finding]:
    date = _date(lines)
    if date is None:
        return
    seasons = _seasons()
    day = _day_of_year(*date)
    for line in _opening(lines):
        for match in _GREETING.finditer(line.text):
            allowed = seasons.get(match.group())
            if allowed is None or any(_within(day, window) for window in allowed):
                continue
            start = line.start + match.start()
            message = rule_info("season-mismatch").say(
                found=match.group(), suggestion=f"{date[0]}月{date[1]}日"
            )
            yield doc.finding("season-mismatch", start, start + len(match.group()), message, None)


def _day_of_year(month: int, day: int) -> int:
    return dt.date(2001, month, min(day, 28 if month == 2 else day)).timetuple().tm_yday


def _within(day: int, window: tuple[int, int]) -> bool:
    start, end = window
    return start <= day < end if start < end else day >= start or day < end


@cache
def _seasons() -> dict[str, tuple[tuple[int, int], ...]]:
    """Greeting → the windows (day of year, from the term before to the term after) where it
    fits, from the composer's 二十四節気 table."""
    from naitei.compose.phrases import greetings

    terms = [
        (_day_of_year(*map(int, str(e["from"]).split("-"))), str(e["greeting"]))
        for e in greetings()
    ]
    windows: dict[str, list[tuple[int, int]]] = {}
    count = len(terms)
    for number, (_start, greeting) in enumerate(terms):
        begin = terms[(number - 1) % count][0]
        end = terms[(number + 2) % count][0]
        windows.setdefault(greeting, []).append((begin, end))
    return {greeting: tuple(found) for greeting, found in windows.items()}
