"""Phrase banks (naitei/data/phrases/*.toml), loaded once and checked at load."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache
from typing import Any

from naitei.compose.banks import (
    BANKS,
    Choice,
    Choices,
    FormulasBank,
    Greeting,
    SeasonsBank,
    WordsBank,
)
from naitei.employers import forms_in
from naitei.knowledge import (
    Facts,
    RecordError,
    check_placeholders,
    load_data,
    load_records,
    matches,
    strings_in,
)

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
    "words": {"found", "say", "example", "count", "limit", "message", "form", "title", "label"}
    | {"what", "name", "staff"},
    "withdraw": {"interval"},  # the time since the decline (三か月), in a late request
}


@cache
def _record(name: str) -> Any:
    """The phrase bank naitei/data/phrases/<name>.toml read into its model (compose/banks.py)
    and checked: known placeholders, forms of address by medium, sound choice tables."""
    known = PLACEHOLDERS | _OWN_PLACEHOLDERS.get(name, set())

    def known_placeholders(record: object) -> None:
        for path, text in strings_in(record):
            check_placeholders(path, text, known)

    checks = (known_placeholders, _media_kept, _choices_sound, *_OWN_CHECKS.get(name, ()))
    return load_records(f"phrases/{name}", BANKS[name], *checks)


@cache
def bank(name: str) -> dict[str, Any]:
    """The tables of the phrase bank naitei/data/phrases/<name>.toml, once its model and checks
    have accepted it."""
    _record(name)
    return load_data(f"phrases/{name}")


def words_bank() -> WordsBank:
    """The typed data/phrases/words.toml: the user's words and what naitei says of them."""
    bank: WordsBank = _record("words")
    return bank


def formulas() -> FormulasBank:
    """The polite formulas a message says at most twice, and the stems it does not say twice
    within a few sentences (naitei/data/phrases/formulas.toml)."""
    bank: FormulasBank = _record("formulas")
    return bank


def _warnings_named(record: WordsBank) -> None:
    """Each [[second_choice]] names its warning in [messages]; [other_employer].replace holds
    [find, to] pairs."""
    for entry in record.second_choice:
        if entry.message not in record.messages:
            raise RecordError(f"second_choice[{entry.id}].message", "not a key of [messages]")
    for index, pair in enumerate(record.other_employer.replace):
        if len(pair) != 2:
            raise RecordError(f"other_employer.replace[{index}]", "must be a [find, to] pair")


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


def _choices_sound(record: object) -> None:
    """Choice tables: known facts and values, ids unique in the file, and a last entry without
    `when`, so that every case finds its phrase."""
    known: dict[str, tuple[str, ...]] = story_values()
    seen: set[str] = set()
    for table, entries in vars(record).items():
        if not (entries and isinstance(entries, tuple) and isinstance(entries[0], Choice)):
            continue
        for entry in entries:
            if entry.id in seen:
                raise RecordError(f"{table}[{entry.id}]", "the id is used in another table")
            seen.add(entry.id)
            for fact, values in entry.when.items():
                if fact not in known or not set(values) <= set(known[fact]):
                    raise RecordError(f"{table}[{entry.id}].when.{fact}", f"unknown {values}")
        if entries[-1].when:
            raise RecordError(table, "must end with an entry without `when`")


def choose(name: str, table: str, facts: Facts) -> str:
    """The text of the first entry of [[table]] whose `when` holds for `facts`."""
    entries: Choices = getattr(_record(name), table)
    text = next(entry.text for entry in entries if matches(entry.when, facts))
    return neutral_other(text) if facts.get("other_company") == "false" else text


def neutral_other(text: str) -> str:
    """A fixed line about the other offer in words true of every kind of employer (他社の内定 →
    他の内定, 他社への入社 → 他の就職先): the other offer was no company (words.toml
    [other_employer])."""
    for find, to in words_bank().other_employer.replace:
        text = text.replace(find, to)
    return text


def other_is_company(*words: str) -> bool:
    """Whether the user's own words leave the other offer a company (the default)."""
    table = words_bank().other_employer
    said = "".join(words)
    named_other = any(cue in said for cue in table.not_company)
    return not named_other or any(cue in said for cue in table.company)


def _media_kept(record: object) -> None:
    """A bank names the employer by {ref}, never by a form of address of its own: written
    tables never say 御社 (or 御行…), spoken ones never 貴社 (or 貴行…) (CONTRACTS §5)."""
    for path, text in strings_in(record):
        media = {key for key in path.split(".") if key in ("written", "spoken")}
        wrong = [found.form for found in forms_in(text) for medium in media
                 if found.medium != medium]  # fmt: skip
        if wrong:
            raise RecordError(path, f"contains {wrong[0]}")


def season(day: dt.date) -> str:
    """時候の挨拶 for the day a letter is posted: 2027-01-04 -> 新春の候, 2026-08-07 -> 残暑の候
    (立秋 that year), 2027-08-07 -> 盛夏の候 (立秋 is 8 August in 2027)."""
    chosen = ""
    for entry in _greetings():
        if _start(entry, day.year) <= day:
            chosen = entry.greeting
    return chosen


def greetings() -> tuple[dict[str, str], ...]:
    """The 時候の挨拶 table in order, each greeting with the day it starts (``from``, MM-DD) in a
    typical year; the checker judges greetings by it with a whole term's margin, so the day or
    so a solar term moves between years does not matter there."""
    return tuple(
        {"from": _start(entry, 2026).strftime("%m-%d"), "greeting": entry.greeting}
        for entry in _greetings()
    )


def _start(entry: Greeting, year: int) -> dt.date:
    """The day an entry of seasons.toml starts in `year`: a fixed MM-DD, or its solar term."""
    from naitei.compose.sekki import term_day

    if entry.start is not None:
        month, day = map(int, entry.start.split("-"))
        return dt.date(year, month, day)
    return term_day(year, float(entry.longitude or 0))


def _seasons_in_order(record: SeasonsBank) -> None:
    """[[greetings]] start on 01-01, in order, each from a fixed day or a solar term."""
    entries = record.greetings
    for entry in entries:
        if (entry.start is None) == (entry.longitude is None):
            raise RecordError(f"greetings[{entry.id}]", "needs `from` or `longitude`, not both")
    starts = [_start(entry, 2026) for entry in entries]
    if not entries or entries[0].start != "01-01" or starts != sorted(starts):
        raise RecordError("greetings", "must start on 01-01, in order")


def _greetings() -> tuple[Greeting, ...]:
    greetings: tuple[Greeting, ...] = _record("seasons").greetings
    return greetings


# What one bank's types cannot say, beyond the checks of every bank.
_OWN_CHECKS: dict[str, tuple[Callable[[Any], None], ...]] = {
    "seasons": (_seasons_in_order,),
    "words": (_warnings_named,),
}
