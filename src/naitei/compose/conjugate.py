"""The forms of a Japanese predicate that the composer needs to re-style a user's sentence.

A verb is known by its dictionary form and SudachiPy's conjugation type (五段-カ行, 下一段-マ行,
サ行変格 …); from those two the 連用形 (読み, before ます), the 未然形 (読ま, before ない) and the
た-form (読んだ) follow. The rows of the 五段 table are data (data/phrases/words.toml,
``[godan]``); the few honorific verbs with an irregular 連用形 (ござる → ござい) too.

    >>> renyou("取り消す", "五段-サ行")
    '取り消し'
    >>> ta_form("いただく", "五段-カ行")
    'いただいた'
"""

from __future__ import annotations

from functools import cache
from typing import Any

from naitei.compose.phrases import bank


@cache
def _grammar() -> dict[str, Any]:
    data: dict[str, Any] = bank("words")["grammar"]
    return data


def _godan(base: str, form: str) -> str | None:
    """A 五段 verb's `form` ("i", "a", "ta"): its last kana swapped along the table's row."""
    row: dict[str, str] | None = _grammar()["godan"].get(base[-1:]) if base else None
    return base[:-1] + row[form] if row else None


def _is_ichidan(conjugation: str) -> bool:
    # れる, られる, せる, させる conjugate like 下一段 verbs.
    return conjugation.startswith(("上一段", "下一段")) or conjugation in _grammar()["ichidan_aux"]


def renyou(base: str, conjugation: str) -> str | None:
    """The 連用形 that takes ます: 読む → 読み, 決める → 決め, する → し; None if unknown."""
    irregular: dict[str, str] = _grammar()["renyou_irregular"]
    if base in irregular:
        return irregular[base]
    if conjugation.startswith("五段"):
        return _godan(base, "i")
    if _is_ichidan(conjugation) and base.endswith("る"):
        return base[:-1]
    if conjugation == "サ行変格" and base.endswith("する"):
        return base[:-2] + "し"
    if conjugation == "カ行変格":
        return "き" if base == "くる" else base[:-1]
    return None


def mizen(base: str, conjugation: str) -> str | None:
    """The 未然形 that takes ない: 読む → 読ま, 決める → 決め, する → し; None if unknown."""
    if base in _grammar()["renyou_irregular"]:
        return None
    if conjugation.startswith("五段"):
        return _godan(base, "a")
    if conjugation == "カ行変格":
        return "こ" if base == "くる" else base[:-1]
    return renyou(base, conjugation)


def ta_form(base: str, conjugation: str) -> str | None:
    """The plain past: 読む → 読んだ, 行く → 行った, 決める → 決めた; None if unknown."""
    irregular: dict[str, str] = _grammar()["ta_irregular"]
    if base in irregular:
        return irregular[base]
    if conjugation.startswith("五段"):
        return _godan(base, "ta")
    stem = renyou(base, conjugation)
    return None if stem is None else stem + "た"
