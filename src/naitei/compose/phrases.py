"""Phrase banks (naitei/data/phrases/*.toml), loaded once and checked at load."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from naitei.employers import forms_in
from naitei.errors import DataError
from naitei.knowledge import Facts, check_placeholders, load_data, matches

PLACEHOLDERS = {
    "company",
    "ref",
    "join",
    "noun",
    "person",
    "giver",
    "declined_on",
    "channel",
    "school",
    "school_word",
    "agent",
    "agent_org",
    "evidence",
    "hunt",
    "detail",
}
# The messages of words.toml name what was found in the user's answer.
_OWN_PLACEHOLDERS = {
    "words": {"found", "say", "example", "count", "limit", "message", "form", "title"},
    "withdraw": {"interval"},  # the time since the decline (三か月), in a late request
}
_REQUIRED = {
    "withdraw": [
        "event",
        "selfish",
        "main_apology",
        "request",
        "channel_apology",
        "response_apology",
        "reason_clause",
        "reason_untold",
        "reason_lead",
        "reason_story_lead",
        "untold_offer",
        "changed",
        "changed_noun",
        "changed_lead",
        "candour",
        "choice_regret",
        "promise",
        "unexplained_apology",
        "paperwork_apology",
        "school_apology",
        "school_mention",
        "school_consult",
        "agent_event",
        "agent_ask",
        "agent_selfish",
        "agent_apology",
        "evidence_papers",
        "evidence_offer",
    ],
    "decline": [
        "reason",
        "accepted_apology",
        "not_accepted_apology",
        "school_apology",
        "school_consult",
        "thanks",
    ],
    "seasons": ["greetings"],
    "words": [
        "fix",
        "casual",
        "second_choice",
        "hasty",
        "own_lead",
        "examples",
        "symbols",
        "limits",
        "messages",
        "grammar",
        "strengths",
        "no_lead",
        "address",
        "connectives",
        "judgement",
    ],
}


@cache
def bank(name: str) -> dict[str, Any]:
    """The phrase bank naitei/data/phrases/<name>.toml, validated."""
    data = load_data(f"phrases/{name}")
    missing = [key for key in _REQUIRED.get(name, []) if key not in data]
    if missing:
        raise DataError(f"naitei/data/phrases/{name}.toml: missing tables {missing}")
    for text_value in _strings(data):
        known = PLACEHOLDERS | _OWN_PLACEHOLDERS.get(name, set())
        check_placeholders(f"naitei/data/phrases/{name}.toml", text_value, known)
    _check_media(name, data)
    _check_choices(name, data)
    return data


def story_values() -> dict[str, tuple[str, ...]]:
    """The facts a choice table may name, with their values."""
    from typing import get_args

    from naitei.case import Reason, Why

    flags = ("true", "false")
    return {
        "reason": get_args(Reason),
        "why": get_args(Why),
        "elapsed": ("under_month", "month_or_more"),
        "recent": flags,
        "mode": ("told", "proxy", "silent"),
        "silent": flags,
        "hasty": flags,
        "own": flags,
        "own_wish": flags,
        "own_reply": flags,
        "own_regret": flags,
        "own_other": flags,
        "own_fallback": flags,
        "offer_said": flags,
    }


def _check_choices(name: str, data: dict[str, Any]) -> None:
    """Choice tables ([[table]] of id, when, text): known facts and values, unique ids, and a
    last entry without `when`, so that every case finds its phrase."""
    where, known, seen = f"naitei/data/phrases/{name}.toml", story_values(), set()
    for table, entries in data.items():
        if not (isinstance(entries, list) and entries and isinstance(entries[0], dict)):
            continue
        if "text" not in entries[0]:
            continue
        for entry in entries:
            if entry.get("id") in seen or not isinstance(entry.get("text"), str):
                raise DataError(f"{where}: [[{table}]] {entry.get('id')!r}: id or text is wrong")
            seen.add(entry["id"])
            for fact, values in entry.get("when", {}).items():
                if fact not in known or not set(values) <= set(known[fact]):
                    raise DataError(f"{where}: [[{table}]] {entry['id']}: when {fact} = {values}")
        if entries[-1].get("when"):
            raise DataError(f"{where}: [[{table}]] must end with an entry without `when`")


def choose(name: str, table: str, facts: Facts) -> str:
    """The text of the first entry of [[table]] whose `when` holds for `facts`."""
    entries: list[dict[str, Any]] = bank(name)[table]
    text = str(next(e["text"] for e in entries if matches(e.get("when", {}), facts)))
    return neutral_other(text) if facts.get("other_company") == "false" else text


def neutral_other(text: str) -> str:
    """A fixed line about the other offer in words true of every kind of employer (他社の内定 →
    他の内定, 他社への入社 → 他の就職先): the other offer was no company (words.toml
    [other_employer])."""
    for find, to in bank("words")["other_employer"]["replace"]:
        text = text.replace(find, to)
    return text


def other_is_company(*words: str) -> bool:
    """Whether the user's own words leave the other offer a company (the default)."""
    table = bank("words")["other_employer"]
    said = "".join(words)
    named_other = any(cue in said for cue in table["not_company"])
    return not named_other or any(cue in said for cue in table["company"])


def _check_media(name: str, data: dict[str, Any]) -> None:
    """A bank names the employer by {ref}, never by a form of address of its own: written
    tables never say 御社 (or 御行…), spoken ones never 貴社 (or 貴行…) (CONTRACTS §5)."""
    for key, value in data.items():
        if isinstance(value, dict):
            _check_media(name, value)
        if key not in ("written", "spoken"):
            continue
        for text in _strings(value):
            wrong = [found.form for found in forms_in(text) if found.medium != key]
            if wrong:
                raise DataError(f"naitei/data/phrases/{name}.toml: [{key}] contains {wrong[0]}")


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def season(day: dt.date) -> str:
    """時候の挨拶 for the day a letter is posted: 2027-01-04 -> 新春の候, 2026-08-07 -> 残暑の候
    (立秋 that year), 2027-08-07 -> 盛夏の候 (立秋 is 8 August in 2027)."""
    chosen = ""
    for entry in _greetings():
        if _start(entry, day.year) <= day:
            chosen = str(entry["greeting"])
    return chosen


def greetings() -> tuple[dict[str, str], ...]:
    """The 時候の挨拶 table in order, each greeting with the day it starts (``from``, MM-DD) in a
    typical year; the checker judges greetings by it with a whole term's margin, so the day or
    so a solar term moves between years does not matter there."""
    return tuple(
        {"from": _start(entry, 2026).strftime("%m-%d"), "greeting": str(entry["greeting"])}
        for entry in _greetings()
    )


def _start(entry: dict[str, Any], year: int) -> dt.date:
    """The day an entry of seasons.toml starts in `year`: a fixed MM-DD, or its solar term."""
    from naitei.compose.sekki import term_day

    if "from" in entry:
        month, day = map(int, str(entry["from"]).split("-"))
        return dt.date(year, month, day)
    return term_day(year, float(entry["longitude"]))


@cache
def _greetings() -> tuple[dict[str, Any], ...]:
    entries = tuple(bank("seasons")["greetings"])
    starts = [_start(entry, 2026) for entry in entries]
    if not entries or entries[0].get("from") != "01-01" or starts != sorted(starts):
        raise DataError(
            "naitei/data/phrases/seasons.toml: [[greetings]] must start on 01-01, in order"
        )
    if any(("from" in entry) == ("longitude" in entry) for entry in entries):
        raise DataError("naitei/data/phrases/seasons.toml: each greeting has `from` or `longitude`")
    return entries
