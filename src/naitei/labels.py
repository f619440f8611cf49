"""Japanese labels for enumerations, and Japanese forms of dates and times."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from naitei.errors import DataError
from naitei.knowledge import RecordError, load_records

_KANJI_DIGITS = "〇一二三四五六七八九"
_REIWA_START = dt.date(2019, 5, 1)


@dataclass(frozen=True)
class _Weekday:
    names: tuple[str, ...]  # Monday first


@dataclass(frozen=True)
class _Labels:
    """labels.toml: each enumeration's values → their Japanese labels, in the file's order."""

    kind: dict[str, str]
    via: dict[str, str]
    channel: dict[str, str]
    reason: dict[str, str]
    company_response: dict[str, str]
    why: dict[str, str]
    position: dict[str, str]
    verdict: dict[str, str]
    status: dict[str, str]
    to: dict[str, str]
    weekday: _Weekday
    purpose: dict[str, str]
    case_status: dict[str, str]
    event: dict[str, str]
    outcome: dict[str, str]


def _seven_days(labels: _Labels) -> None:
    if len(labels.weekday.names) != 7:
        raise RecordError("weekday.names", "seven names, Monday first")


@cache
def _labels() -> _Labels:
    loaded: _Labels = load_records("labels", _Labels, _seven_days, allow_empty=False)
    return loaded


def table(name: str) -> dict[str, str]:
    """One enumeration's labels (value → label, in the file's order): table('channel')."""
    found = getattr(_labels(), name, None)
    if not isinstance(found, dict):
        raise DataError(f"naitei/data/labels.toml: no table [{name}]")
    return found


def label(name: str, key: str) -> str:
    """The Japanese label of an enumeration value, e.g. label('channel', 'email') -> 'メール'."""
    try:
        return table(name)[key]
    except KeyError:
        raise DataError(f"naitei/data/labels.toml: no label for [{name}].{key}") from None


def weekday(day: dt.date) -> str:
    return _labels().weekday.names[day.weekday()]


def ja_date(day: dt.date) -> str:
    """2026年11月25日"""
    return f"{day.year}年{day.month}月{day.day}日"


def ja_day(day: dt.date) -> str:
    """11月25日(水)"""
    return f"{day.month}月{day.day}日({weekday(day)})"


def ja_time(moment: dt.datetime) -> str:
    """10:00"""
    return f"{moment.hour}:{moment.minute:02d}"


def ja_window(start: dt.datetime, end: dt.datetime) -> str:
    """11月26日(木) 10:00〜11:30"""
    return f"{ja_day(start.date())} {ja_time(start)}〜{ja_time(end)}"


def kanji_number(number: int) -> str:
    """Positional-free kanji numerals for dates: 25 -> 二十五, 10 -> 十, 8 -> 八."""
    if not 0 < number < 100:
        raise ValueError(number)
    tens, ones = divmod(number, 10)
    text = ("" if tens <= 1 else _KANJI_DIGITS[tens]) + ("十" if tens else "")
    return text + (_KANJI_DIGITS[ones] if ones else "")


def reiwa_date_kanji(day: dt.date) -> str:
    """令和八年十一月二十五日 (for vertical letters)."""
    if day < _REIWA_START:
        raise ValueError("dates before 令和 are not used in letters")
    year = day.year - 2018
    year_text = "元" if year == 1 else kanji_number(year)
    return f"令和{year_text}年{kanji_number(day.month)}月{kanji_number(day.day)}日"
