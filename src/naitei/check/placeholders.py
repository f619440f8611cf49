"""Placeholders (伏せ字) left in a draft: ○○, 〇〇, ●●, △△, ××, XXXX, 〇月〇日, 【 】, 【氏名】,
［大学名］, {名前}.

Templates copied from the web mark every slot to fill in with one of these. The structure
rules count a placeholder as a filled slot (「〇〇大学の〇〇です」 introduces the writer, a
template is not missing its addressee), and `placeholder-left` reports each one, because a
message must not be sent with them.

What is not a placeholder: a single ○ or ● used as a bullet, a × in a sentence (3×4, ○×式),
〇 as the kanji zero (二〇二六年, 二〇〇〇年), 【重要】 or ［ご案内］ with real words in the
brackets, a line of ●●●●●● used as a separator, an ordinary e-mail address.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from naitei.check.data import structure_words
from naitei.precompiled import regex

_KANJI_DIGITS = "一二三四五六七八九十百千万〇"
# Runs of one mark (○○, ●●●, △△, ××), or of the three circles mixed (○〇, 〇◯).
_RUN = (
    rf"(?<![{_KANJI_DIGITS}])[○◯〇]{{2,}}(?![{_KANJI_DIGITS}])"
    r"|●{2,}|△{2,}|▲{2,}|□{2,}|■{2,}|×{2,}|✕{2,}"
)
# One mark standing for a number before a unit: 〇月〇日, ○時, 第〇回, 〇名.
_UNIT = (
    rf"(?<![{_KANJI_DIGITS}])[○◯〇●△×](?=[年月日時分曜回名社人件歳])"
    r"|(?<=[（(])[○◯〇●△×](?=[）)])"  # the day of the week: 〇月〇日（〇）
)
# XXXX / ＸＸ / xxx on their own (not inside a word: XXL, Box, xxxx.jp stays xxxx).
_LETTERS = r"(?<![A-Za-z0-9Ａ-Ｚａ-ｚ_])(?:[XＸ]{2,}|[xｘ]{3,})(?![A-Za-z0-9Ａ-Ｚａ-ｚ_])"
_CURLY = r"\{[^{}\n]{1,20}\}|｛[^｛｝\n]{1,20}｝"
# Full-width brackets may also be empty (【 】); ASCII ones only hold a slot word ([氏名]),
# so that a Markdown check box (- [ ]) is not one.
_EMPTY_OK = (("【", "】"), ("［", "］"), ("〔", "〕"), ("＜", "＞"), ("《", "》"), ("〈", "〉"))
_WORD_ONLY = (("[", "]"), ("<", ">"))
# After a label (【日時】12月5日), the value; after a slot, a particle or the copula.
_LABEL_VALUE = regex(
    r"[ \u3000]*[:：]?[ \u3000]*(?![のとはがをにでもや、。]|です|でござ|様|殿|御中|各位)\S"
)


@cache
def _pattern() -> re.Pattern[str]:
    slots = "|".join(sorted((re.escape(w) for w in structure_words("slot")), key=len, reverse=True))
    brackets = [
        rf"{re.escape(o)}[ \u3000]*(?:(?:{slots})[ \u3000]*)?{re.escape(c)}" for o, c in _EMPTY_OK
    ] + [rf"{re.escape(o)}[ \u3000]*(?:{slots})[ \u3000]*{re.escape(c)}" for o, c in _WORD_ONLY]
    return regex("|".join([*brackets, _CURLY, _RUN, _UNIT, _LETTERS]))


class Placeholder(NamedTuple):
    start: int
    end: int
    text: str


# Characters between two placeholders that join them into one (〇月〇日, 〇時〇分).
_JOINERS = frozenset("年月日時分曜（）()・:：")
_UNITS = frozenset("年月日時分曜回件歳")
_MARKS = frozenset("○◯〇●△▲□■×✕")
# Characters beside a placeholder that make it a number or part of a contact (090-XXXX-XXXX).
_CONTACT_SIDE = frozenset("0123456789０１２３４５６７８９-－‐ー()（）@＠.+")


def _separator(text: str, start: int, end: int) -> bool:
    """A whole line of ●●●●●● or ＊＊＊＊＊＊ draws a line; it is not a slot."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : len(text) if line_end < 0 else line_end].strip(" \u3000\r")
    return len(line) >= 6 and len(set(line)) == 1


# Every placeholder holds one of these (a cheap search first: most messages have none).
_CANDIDATE = regex(r"[○◯〇●△▲□■×✕{｛【［〔＜《〈\[<]|[XＸ]{2}|[xｘ]{3}")


def find_placeholders(text: str) -> tuple[Placeholder, ...]:
    """Every placeholder of ``text``, adjacent ones of one date or time joined (〇月〇日)."""
    if _CANDIDATE.search(text) is None:
        return ()
    spans: list[list[int]] = []
    for match in _pattern().finditer(text):
        start, end = match.span()
        if match.group()[0] in "{｛" and not _curly_slot(match.group()):
            continue
        if _separator(text, start, end) or _label(text, start, end, match.group()):
            continue
        if spans and start - spans[-1][1] <= 2 and set(text[spans[-1][1] : start]) <= _JOINERS:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    # A unit after the last mark belongs to the slot: 〇月〇日 rather than 〇月〇.
    result = []
    for start, end in spans:
        if end < len(text) and text[end] in "年月日時分" and text[end - 1] in "○◯〇●△×":
            end += 1
        opened = text.count("（", start, end) - text.count("）", start, end)
        if opened > 0 and text[end : end + 1] == "）":
            end += 1
        result.append(Placeholder(start, end, text[start:end]))
    return tuple(result)


def _label(text: str, start: int, end: int, found: str) -> bool:
    """【日時】12月5日 / ［氏名］ 山田太郎 at the start of a line: a label with its value."""
    if found[0] not in "【［[〔＜<《〈" or not found[1:-1].strip(" \u3000"):
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \u3000・-*"):
        return False
    return _LABEL_VALUE.match(text, end) is not None


def _curly_slot(found: str) -> bool:
    """{名前}, {company}: a template variable; {} around a sentence is not."""
    inner = found[1:-1].strip()
    return bool(inner) and not any(mark in inner for mark in "。、,.")


def fill(text: str, placeholders: tuple[Placeholder, ...] | None = None) -> str:
    """``text`` with every placeholder replaced, length kept, by what it stands for: digits
    beside a number or a contact (090-XXXX-XXXX, ○○@example.com), a name (某) elsewhere."""
    found = find_placeholders(text) if placeholders is None else placeholders
    if not found:
        return text
    parts, last = [], 0
    for start, end, found_text in found:
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        number = bool(before and before in _CONTACT_SIDE) or bool(after and after in _CONTACT_SIDE)
        if found_text[0] in _MARKS:  # 〇月〇日, 第〇回: a number
            number = number or bool(set(found_text) & _UNITS) or bool(after and after in _UNITS)
        filler = "0" if number else "某"
        parts += [text[last:start], "".join(c if c in _JOINERS else filler for c in found_text)]
        last = end
    parts.append(text[last:])
    return "".join(parts)
