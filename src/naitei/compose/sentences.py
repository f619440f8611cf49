"""Sentences built from phrase banks and from the user's own words (reason_detail, why_detail).

The user's words are woven in as they are, with two careful touches: a form of address (御社,
貴社, 御行, 貴院…) becomes the one this document uses for its employer (`for_medium`: 貴行 in a
letter to a bank, 御行 on the phone, 同行 in an email to the agent), and a clause ending in
ため/ので/から becomes the cause of the sentence that follows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from naitei.compose.phrases import bank
from naitei.employers import Employer, forms_in

Medium = Literal["written", "spoken"]
REF = {"written": "貴社", "spoken": "御社"}


@dataclass(frozen=True)
class Naming:
    """How one document names its employer: `ref` (貴行 in writing to it, 御行 when speaking to
    it, 同行 or 先方 in a text to the agent), the joining noun (入行), and the employer's own
    forms of address (for forms that are also ordinary words, such as 御所)."""

    ref: str
    join: str = "入社"
    own: tuple[str, str] | None = None


def naming(employer: Employer, medium: Medium, *, to_agent: bool = False) -> Naming:
    """The Naming of a document for `employer` in `medium`, addressed to it or to the agent."""
    if to_agent:
        ref = employer.same if medium == "written" else "先方"
    else:
        ref = employer.honorific(medium)
    return Naming(ref, employer.join, employer.forms)


def fill(text: str, medium: Medium, naming: Naming | None = None) -> str:
    """A phrase-bank text with {ref} and {join} filled in for the document's employer."""
    chosen = naming or Naming(REF[medium])
    return text.replace("{ref}", chosen.ref).replace("{join}", chosen.join)


_POLITE_ENDINGS = ("ました", "ます", "です", "でした", "ません", "ませんでした", "ございます")
_CAUSE_ENDINGS = ("ためです", "ためでした", "ため", "ので", "から")
# A clause ending in one of these kana is a predicate (…決めた, …難しい) and takes ため directly;
# anything else is a noun (父の介護) and takes のため.
_PREDICATE_ENDINGS = tuple("たるうくすつぬぶむぐいずだ")


def for_medium(text: str, medium: Medium, naming: Naming | None = None) -> str:
    """`text` with every form of address (御社, 貴社, 御行, 貴院…, of any kind and medium) made
    the one the document uses: `naming.ref`, or 貴社/御社 by the medium without a naming.
    Ordinary words that share a form (京都御所, 御都合) are left as they are."""
    ref = naming.ref if naming else REF[medium]
    pieces, last = [], 0
    for found in forms_in(text, naming.own if naming else None):
        pieces += [text[last : found.start], ref]
        last = found.end
    return "".join(pieces) + text[last:]


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


def past_reason(
    reason: str,
    detail: str,
    medium: Medium,
    *,
    silent: bool = False,
    naming: Naming | None = None,
) -> str:
    """Why the applicant declined back then (withdrawal documents)."""
    phrases = bank("withdraw")
    event = phrases["event"]["silent" if silent else "told"]
    clause = fill(str(phrases["reason_clause"][reason]), medium, naming)
    if clause:
        default = f"{event['reason_lead']}{clause}でした。"
    else:
        default = str(phrases["reason_untold"]["silent" if silent else "told"])
    if not detail:
        return default
    detail = for_medium(detail, medium, naming)
    cause = _cause(detail)
    if cause is None:
        return default + as_sentence(detail)
    return f"{event['reason_lead']}{cause}でした。"


def present_reason(
    reason: str, detail: str, medium: Medium, *, naming: Naming | None = None
) -> str:
    """Why the applicant declines now (decline documents)."""
    default = fill(str(bank("decline")["reason"][reason]), medium, naming)
    if not detail:
        return default
    detail = for_medium(detail, medium, naming)
    cause = _cause(detail)
    if cause is None:
        return as_sentence(detail)
    return f"{cause}、辞退を決意いたしました。"


def what_changed(why: str, detail: str, medium: Medium, *, naming: Naming | None = None) -> str:
    """What changed since the decline: the user's words when given, in the text's polite style."""
    withdraw = bank("withdraw")
    if not detail:
        return fill(str(withdraw["why"][why]), medium, naming)
    detail = for_medium(detail, medium, naming).strip().rstrip("。．.")
    prefix = fill(str(withdraw["why_prefix"][why]), medium, naming)
    tail = fill(str(withdraw["why_plain_tail"][why]), medium, naming)
    if detail.endswith(_POLITE_ENDINGS):
        return prefix + as_sentence(detail)
    if detail.endswith("だ"):
        return f"{prefix}{detail[:-1]}であることから、{tail}"
    if detail.endswith(_PREDICATE_ENDINGS):
        return f"{prefix}{detail}ことから、{tail}"
    return f"{prefix}{detail}があり、{tail}"


def candour(why: str, medium: Medium, *, naming: Naming | None = None) -> str:
    return fill(str(bank("withdraw")["why_candour"][why]), medium, naming)


def strengths_phrase(strengths: list[str]) -> str:
    """['設計の基礎', '接客の経験'] -> '設計の基礎や、接客の経験'"""
    return "や、".join(strengths)


def short_date(day: dt.date, today: dt.date) -> str:
    """11月20日 within the same year as today, otherwise 2025年12月20日."""
    if day.year == today.year:
        return f"{day.month}月{day.day}日"
    return f"{day.year}年{day.month}月{day.day}日"
