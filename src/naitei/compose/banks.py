"""The models of the phrase banks (naitei/data/phrases/*.toml), read by knowledge.load_records.

Each bank is a dataclass with one field per table, so a missing or unknown table, a text that
is not a string or a choice without an id is refused by the loader, naming the file and the
key. A table of texts keyed by medium, mode or document (`Texts`) keeps its nesting as the
bank needs it; its values are checked by the checks of compose/phrases.py (placeholders,
forms of address by medium)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from naitei.shape import meta

Texts = dict[str, Any]  # texts (or their tables) by medium, mode, kind of document…


@dataclass(frozen=True)
class Choice:
    """An entry of a choice table: the first entry whose `when` holds for the facts is said."""

    id: str
    text: str
    when: dict[str, list[str]] = field(default_factory=dict)


Choices = tuple[Choice, ...]


@dataclass(frozen=True)
class WithdrawBank:
    event: Texts
    offer_intro: Choices
    selfish: Texts
    main_apology: Texts
    request: Texts
    channel_apology: Texts
    response_apology: Texts
    reason_clause: Texts
    reason_untold: Texts
    reason_lead: Choices
    reason_result: Choices
    reason_story_lead: Choices
    untold_offer: Choices
    changed: Choices
    changed_noun: Choices
    changed_lead: Texts
    candour: Choices
    promise: Texts
    choice_regret: Choices
    unexplained_apology: Texts
    paperwork_apology: Texts
    school_apology: Texts
    apologies_joined: Texts
    school_mention: Texts
    school_consult: Texts
    agent_event: Texts
    agent_ask: Texts
    agent_selfish: Texts
    agent_apology: Texts
    evidence_papers: Choices
    evidence_offer: Texts


@dataclass(frozen=True)
class DeclineBank:
    reason: Texts
    accepted_apology: Texts
    not_accepted_apology: Texts
    school_apology: Texts
    school_consult: Texts
    thanks: Texts


@dataclass(frozen=True)
class AfterBank:
    how: Texts
    before: Texts
    request_name: Texts
    subject_topic: Texts
    paperwork: Texts
    wishes: Texts
    next_steps: dict[str, list[str]]


@dataclass(frozen=True)
class Fix:
    """A casual word of the user's answer and its formal form (`find`: its spellings)."""

    id: str
    find: list[str]
    to: str


@dataclass(frozen=True)
class Rewrite:
    id: str
    find: str
    to: str


@dataclass(frozen=True)
class Casual:
    """Casual words refused in an answer, with what to say instead."""

    id: str
    words: list[str]
    say: str


@dataclass(frozen=True)
class CasualPhrase:
    id: str
    find: str
    say: str


@dataclass(frozen=True)
class Judgement:
    id: str
    words: list[str]


@dataclass(frozen=True)
class SecondChoice:
    """Words that tell the company where it stood; `message` names the warning in [messages]."""

    id: str
    words: list[str]
    message: str = "second_choice"


@dataclass(frozen=True)
class WordsBank:
    fix: tuple[Fix, ...]
    rewrite: tuple[Rewrite, ...]
    result: Texts
    transmission: Texts
    casual: tuple[Casual, ...]
    casual_phrase: tuple[CasualPhrase, ...]
    connectives: Texts
    judgement: tuple[Judgement, ...]
    symbols: Texts
    second_choice: tuple[SecondChoice, ...]
    hasty: Texts
    regret: Texts
    apology_only: Texts
    offer_lost: Texts
    fallback: Texts
    own_lead: Texts
    strengths: Texts
    no_lead: Texts
    current_employer: Texts
    address: Texts
    organisation: Texts
    examples: dict[str, str]
    limits: dict[str, int]
    messages: dict[str, str]
    grammar: Texts


@dataclass(frozen=True)
class Formula:
    """A polite formula (matched as a substring) said at most `max_per_document` times."""

    id: str
    word: str


@dataclass(frozen=True)
class Near:
    """Stems not said twice within `window` sentences."""

    window: int
    stems: list[str]


@dataclass(frozen=True)
class FormulasBank:
    max_per_document: int
    formula: tuple[Formula, ...]
    near: Near


@dataclass(frozen=True)
class Greeting:
    """A 時候の挨拶 and the day it starts: a fixed MM-DD (`from`) or a solar term's longitude."""

    id: str
    term: str
    greeting: str
    start: str | None = field(default=None, metadata=meta(key="from"))
    longitude: float | None = None


@dataclass(frozen=True)
class SeasonsBank:
    greetings: tuple[Greeting, ...]


BANKS: dict[str, type] = {
    "withdraw": WithdrawBank,
    "decline": DeclineBank,
    "after": AfterBank,
    "words": WordsBank,
    "formulas": FormulasBank,
    "seasons": SeasonsBank,
}
