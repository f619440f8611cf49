"""The models of the phrase banks (naitei/data/phrases/*.toml), read by knowledge.load_records.

Each bank is a dataclass with one field per table, so a missing or unknown table, a text that
is not a string or a choice without an id is refused by the loader, naming the file and the
key. Texts are checked further by compose/phrases.py (placeholders, forms of address by
medium, choice tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from naitei.shape import meta

# Texts by medium, mode, kind of document…, or by two such keys ([event.told], [selfish.written]).
Texts = dict[str, str | dict[str, str]]
Words = dict[str, list[str]]  # word lists by what they mark


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
    late_apology: Texts
    school_apology: Texts
    apologies_joined: dict[str, str | int]
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
    accepted_apology_after: Texts
    accepted_papers: Texts
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
    next_steps: Words


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
class OtherEmployer:
    """The other offer was no company when the user's words give a cue of `not_company` and
    none of `company`; the fixed lines then say each [find, to] of `replace`, in order."""

    not_company: list[str]
    company: list[str]
    replace: list[list[str]]


@dataclass(frozen=True)
class LeavingHome:
    """A reason that leaves the home region (`words`), sent to a local government whose
    written form of address is one of `forms`: a warning (reader 4, A3)."""

    words: list[str]
    forms: list[str]


@dataclass(frozen=True)
class WordsBank:
    fix: tuple[Fix, ...]
    rewrite: tuple[Rewrite, ...]
    result: dict[str, list[str] | dict[str, str]]
    transmission: Words
    process: Words
    casual: tuple[Casual, ...]
    casual_phrase: tuple[CasualPhrase, ...]
    connectives: dict[str, str]
    judgement: tuple[Judgement, ...]
    symbols: dict[str, str | list[str]]
    second_choice: tuple[SecondChoice, ...]
    hasty: Words
    regret: Words
    apology_only: Words
    offer_lost: Words
    fallback: Words
    own_lead: Words
    strengths: dict[str, list[str] | Words]
    no_lead: Words
    current_employer: dict[str, str | list[str]]
    address: Words
    short_names: dict[str, str]
    staff: dict[str, str]
    organisation: Words
    examples: dict[str, str]
    limits: dict[str, int]
    messages: dict[str, str]
    grammar: dict[str, Any]  # conjugation tables (compose/conjugate.py)
    other_employer: OtherEmployer
    leaving_home: LeavingHome


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
