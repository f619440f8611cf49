"""The checker's knowledge: TOML files under ``naitei/data/check``, one typed model a file.

    lexicon()      lexicon.toml    keigo and addressee word lists          Lexicon
    structure()    structure.toml  parts of a message, closings, cues      Structure
    rule_infos()   rules.toml      every rule: severity, scope, message    RuleInfo by id
    phrases()      phrases.toml    words and patterns one rule flags       Phrase

Each file is read by the project's one loader (``naitei.knowledge.load_records``) into frozen
dataclasses: a key of the wrong type, a missing or unknown key, a repeated id or a blank word
raises ``DataError`` naming the file, the entry's id and the field
(``naitei/data/check/phrases.toml: phrase[ryokai].pattern: …``), so that a reviewer who edits
a word list learns at once what is wrong. What types cannot say (a message's placeholders, a
pattern that compiles, a trigger found in the example) is checked after loading, with the
same kind of message. Plain dataclasses: ``naitei check`` must not import pydantic.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from typing import Literal

from naitei.check.model import KINDS, PURPOSES, Kind, Purpose, Severity
from naitei.errors import DataError
from naitei.knowledge import RecordError, data_error, load_records, pattern_at

__all__ = [
    "DataError",
    "Phrase",
    "RuleInfo",
    "lexicon",
    "lexicon_words",
    "phrases",
    "rule_info",
    "rule_infos",
    "structure",
    "structure_words",
]

_PLACEHOLDERS = frozenset({"found", "suggestion", "count", "length", "example"})


# --- lexicon.toml ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """An entry of a plain word list; the richer entries below add their fields to it."""

    id: str
    word: str


@dataclass(frozen=True)
class Honorific(Word):
    """A 尊敬語 verb; onbin: it takes い before ます (おっしゃいます)."""

    onbin: bool


@dataclass(frozen=True)
class Humble:
    """A verb stem with its humble forms (させていただく overuse)."""

    id: str
    stem: str
    masu: str
    ta: str
    plain: str


@dataclass(frozen=True)
class Abbreviation(Word):
    """word: the short form, (株); full: what it stands for, 株式会社."""

    full: str


@dataclass(frozen=True)
class Title(Word):
    place: bool = False  # a title that names a place (…長 of a 店), not a rank


@dataclass(frozen=True)
class HumbleVerb(Word):
    """A 謙譲語 verb and the 尊敬語 that the reader's action takes instead."""

    honorific: str
    noun: bool = False


@dataclass(frozen=True)
class Salutation:
    """A 頭語 and the 結語 that close it."""

    id: str
    head: str
    closings: frozenset[str]  # a set: which 結語 may close the 頭語, in no order


@dataclass(frozen=True)
class Lexicon:
    """lexicon.toml: keigo and addressee word lists."""

    honorific: tuple[Honorific, ...]
    become: tuple[Word, ...]
    humble: tuple[Humble, ...]
    sa_allow: tuple[Word, ...]
    legal_form: tuple[Word, ...]
    abbreviation: tuple[Abbreviation, ...]
    title: tuple[Title, ...]
    humble_verb: tuple[HumbleVerb, ...]
    own_side: tuple[Word, ...]
    reader_side: tuple[Word, ...]
    salutation: tuple[Salutation, ...]
    no_recipient: tuple[Word, ...]
    self_act: tuple[Word, ...]


@cache
def lexicon() -> Lexicon:
    loaded: Lexicon = load_records("check/lexicon", Lexicon, allow_empty=False)
    return loaded


# --- structure.toml -------------------------------------------------------------------------


@dataclass(frozen=True)
class Closing:
    """A closing formula, by the kinds of document it closes."""

    id: str
    word: str
    kinds: frozenset[Kind]
    final: bool = False  # only in the last line of the prose
    by: Literal["organisation"] | None = None  # only when an organisation signs


@dataclass(frozen=True)
class PurposeCue:
    """A pattern that shows a message's purpose."""

    id: str
    purpose: Purpose
    pattern: str


@dataclass(frozen=True)
class Structure:
    """structure.toml: the parts of a message and the words that show them."""

    apology: tuple[Word, ...]
    closing: tuple[Closing, ...]
    not_a_name: tuple[Word, ...]
    withdrawal: tuple[Word, ...]
    again: tuple[Word, ...]
    again_object: tuple[Word, ...]
    ask: tuple[Word, ...]
    purpose_cue: tuple[PurposeCue, ...]
    slot: tuple[Word, ...]
    organisation: tuple[Word, ...]


def _cues_sound(table: Structure) -> None:
    for cue in table.purpose_cue:
        if cue.purpose == "other":
            raise RecordError(f"purpose_cue[{cue.id}].purpose", "'other' is not shown by a cue")


@cache
def structure() -> Structure:
    loaded: Structure = load_records("check/structure", Structure, _cues_sound, allow_empty=False)
    return loaded


@cache
def purpose_cues() -> tuple[tuple[Purpose, re.Pattern[str]], ...]:
    """Each purpose cue of structure.toml with its pattern compiled, in the file's order."""
    try:
        return tuple(
            (cue.purpose, pattern_at(f"purpose_cue[{cue.id}].pattern", cue.pattern))
            for cue in structure().purpose_cue
        )
    except RecordError as error:
        raise data_error("check/structure", error) from error


StructureList = Literal[
    "apology", "not_a_name", "withdrawal", "again", "again_object", "ask", "slot", "organisation"
]
LexiconList = Literal[
    "honorific",
    "become",
    "sa_allow",
    "legal_form",
    "title",
    "own_side",
    "reader_side",
    "no_recipient",
    "self_act",
]


@cache
def structure_words(table: StructureList) -> tuple[str, ...]:
    """The words of one word list of structure.toml, in the file's order."""
    entries: tuple[Word, ...] = getattr(structure(), table)
    return tuple(entry.word for entry in entries)


@cache
def lexicon_words(table: LexiconList) -> tuple[str, ...]:
    """The words of one word list of lexicon.toml, in the file's order."""
    entries: tuple[Word, ...] = getattr(lexicon(), table)
    return tuple(entry.word for entry in entries)


# --- rules.toml -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleInfo:
    """One rule of rules.toml: its severity, where it applies, its title and message."""

    id: str
    severity: Severity
    title: str
    message: str
    kinds: frozenset[Kind] = frozenset(KINDS)
    purposes: frozenset[Purpose] = frozenset(PURPOSES)
    fix: bool = False  # the suggestion is a safe literal replacement of the finding's span

    def applies(self, kind: str, purpose: str) -> bool:
        return kind in self.kinds and purpose in self.purposes

    def say(self, **values: object) -> str:
        """The default message with its placeholders filled in."""
        return self.message.format(**values)


@dataclass(frozen=True)
class _Rules:
    rule: tuple[RuleInfo, ...]


def _rules_sound(table: _Rules) -> None:
    for rule in table.rule:
        _known_placeholders(f"rule[{rule.id}].message", rule.message)
        if rule.fix and rule.id.startswith("missing-"):
            raise RecordError(f"rule[{rule.id}].fix", "a rule about a missing part has no fix")


@cache
def rule_infos() -> dict[str, RuleInfo]:
    """Every rule, by id, in the order of rules.toml."""
    table: _Rules = load_records("check/rules", _Rules, _rules_sound, allow_empty=False)
    return {rule.id: rule for rule in table.rule}


def rule_info(rule: str) -> RuleInfo:
    try:
        return rule_infos()[rule]
    except KeyError:
        raise DataError(f"naitei/data/check/rules.toml: no rule {rule!r}") from None


# --- phrases.toml ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PhraseEntry:
    """One ``[[phrase]]`` as written: a word or pattern that one rule flags."""

    id: str
    rule: str
    pattern: str
    example: str
    trigger: str | tuple[str, ...] = ()  # the text must contain one (none: chars gates it)
    suggestion: str | None = None
    message: str | None = None
    transform: Literal["nfkc"] | None = None
    sentence_start: bool = False
    not_words: frozenset[str] = frozenset()
    chars: str | None = None  # a character class every match contains: a shared pre-check
    fix: bool = True  # false: this entry's suggestion is advice, not a literal replacement

    @property
    def triggers(self) -> tuple[str, ...]:
        return (self.trigger,) if isinstance(self.trigger, str) else self.trigger


@dataclass(frozen=True, kw_only=True)
class Phrase(PhraseEntry):
    """A phrase entry ready to run: the entry as written, with its pattern compiled."""

    compiled: re.Pattern[str]


@dataclass(frozen=True)
class _Phrases:
    phrase: tuple[PhraseEntry, ...]


def _phrases_sound(table: _Phrases) -> None:
    rules = rule_infos()
    for entry in table.phrase:
        _phrase_sound(entry, rules)


def _phrase_sound(entry: PhraseEntry, rules: dict[str, RuleInfo]) -> None:
    where = f"phrase[{entry.id}]"
    if entry.rule not in rules:
        raise RecordError(f"{where}.rule", f"no rule {entry.rule!r} in rules.toml")
    if entry.message is not None:
        _known_placeholders(f"{where}.message", entry.message)
    if entry.triggers and not any(trigger in entry.example for trigger in entry.triggers):
        raise RecordError(f"{where}.trigger", "no trigger occurs in the example")
    if not entry.triggers and entry.chars is None:
        raise RecordError(where, "a trigger or chars is needed (the gate of the pattern)")
    if entry.chars is not None:
        pattern_at(f"{where}.chars", f"[{entry.chars}]")


def _phrase(entry: PhraseEntry) -> Phrase:
    """The entry with its pattern compiled (once: checking it is compiling it)."""
    where = f"phrase[{entry.id}]"
    pattern = pattern_at(f"{where}.pattern", entry.pattern, re.MULTILINE)
    if entry.not_words and "word" not in pattern.groupindex:
        raise RecordError(f"{where}.not_words", "the pattern needs a group (?P<word>…)")
    return Phrase(**vars(entry), compiled=pattern)


@cache
def phrases() -> tuple[Phrase, ...]:
    """The word-list rules of phrases.toml, patterns compiled."""
    table: _Phrases = load_records("check/phrases", _Phrases, _phrases_sound, allow_empty=False)
    try:
        return tuple(_phrase(entry) for entry in table.phrase)
    except RecordError as error:
        raise data_error("check/phrases", error) from error


# --- checks shared by the files -------------------------------------------------------------


def _known_placeholders(path: str, message: str) -> None:
    for _, name, _, _ in string.Formatter().parse(message):
        if name is not None and name not in _PLACEHOLDERS:
            raise RecordError(path, f"unknown placeholder {{{name}}}")
