"""Sentences built from phrase banks and from the user's own words (reason_detail, why_detail).

The user's words are woven in as they are, with two careful touches: 御社/貴社 follow the
medium (written documents say 貴社, spoken ones 御社), and a clause ending in ため/ので/から
becomes the cause of the sentence that follows.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from naitei.compose.phrases import bank

Medium = Literal["written", "spoken"]
REF = {"written": "貴社", "spoken": "御社"}
_POLITE_ENDINGS = ("ました", "ます", "です", "でした", "ません", "ませんでした", "ございます")
_CAUSE_ENDINGS = ("ためです", "ためでした", "ため", "ので", "から")
# A clause ending in one of these kana is a predicate (…決めた, …難しい) and takes ため directly;
# anything else is a noun (父の介護) and takes のため.
_PREDICATE_ENDINGS = tuple("たるうくすつぬぶむぐいずだ")


def for_medium(text: str, medium: Medium) -> str:
    """The user's words with 御社/貴社 matching the medium."""
    wrong = "御社" if medium == "written" else "貴社"
    return text.replace(wrong, REF[medium])


def as_sentence(text: str) -> str:
    text = text.strip().rstrip("。．.")
    return f"{text}。" if text else ""


def _cause(detail: str) -> str | None:
    """'…決めたため' -> '…決めたため'; a full polite sentence -> None (keep it whole)."""
    core = detail.strip().rstrip("。．.")
    if core.endswith(_POLITE_ENDINGS) and not core.endswith(("ためです", "ためでした")):
        return None
    for ending in _CAUSE_ENDINGS:
        if core.endswith(ending):
            core = core[: -len(ending)]
            break
    return f"{core}ため" if core.endswith(_PREDICATE_ENDINGS) else f"{core}のため"


def past_reason(reason: str, detail: str, medium: Medium, *, silent: bool = False) -> str:
    """Why the applicant declined back then (withdrawal documents)."""
    phrases = bank("withdraw")
    event = phrases["event"]["silent" if silent else "told"]
    clause = str(phrases["reason_clause"][reason])
    if clause:
        default = f"{event['reason_lead']}{clause}でした。"
    else:
        default = str(phrases["reason_untold"]["silent" if silent else "told"])
    if not detail:
        return default
    detail = for_medium(detail, medium)
    cause = _cause(detail)
    if cause is None:
        return default + as_sentence(detail)
    return f"{event['reason_lead']}{cause}でした。"


def present_reason(reason: str, detail: str, medium: Medium) -> str:
    """Why the applicant declines now (decline documents)."""
    default = str(bank("decline")["reason"][reason])
    if not detail:
        return default
    detail = for_medium(detail, medium)
    cause = _cause(detail)
    if cause is None:
        return as_sentence(detail)
    return f"{cause}、辞退を決意いたしました。"


def what_changed(why: str, detail: str, medium: Medium) -> str:
    """What changed since the decline: the user's words when given, in the text's polite style."""
    withdraw = bank("withdraw")
    if not detail:
        return str(withdraw["why"][why]).format(ref=REF[medium])
    detail = for_medium(detail, medium).strip().rstrip("。．.")
    prefix, tail = str(withdraw["why_prefix"][why]), str(withdraw["why_plain_tail"][why])
    if detail.endswith(_POLITE_ENDINGS):
        return prefix + as_sentence(detail)
    if detail.endswith("だ"):
        return f"{prefix}{detail[:-1]}であることから、{tail}"
    if detail.endswith(_PREDICATE_ENDINGS):
        return f"{prefix}{detail}ことから、{tail}"
    return f"{prefix}{detail}があり、{tail}"


def candour(why: str, medium: Medium) -> str:
    return str(bank("withdraw")["why_candour"][why]).format(ref=REF[medium])


def strengths_phrase(strengths: list[str]) -> str:
    """['設計の基礎', '接客の経験'] -> '設計の基礎や、接客の経験'"""
    return "や、".join(strengths)


def short_date(day: dt.date, today: dt.date) -> str:
    """11月20日 within the same year as today, otherwise 2025年12月20日."""
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
