"""The 非弁 guardrail: a staff-sent message may convey the client's intent and nothing more.

The rules are data (naitei/data/guardrail.toml), each with the legal source it rests on. A
rule is either an *act* (negotiating, taking a stance on money, threatening, claiming or
judging the law: blocked wherever it appears) or a *topic* (money, a dispute: blocked unless
the sentence only passes it on to the client, 「…はご本人にそのままお伝えいたします」).
The file's examples must be blocked and its allowed sentences must pass, checked at load, so
that a reviewer who edits a pattern learns at once what it broke.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from naitei.errors import DataError
from naitei.knowledge import RecordError, data_error, load_records, pattern_at
from naitei.shape import Shaped

_FILE = "naitei/data/guardrail.toml"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass(frozen=True)
class Source:
    """A legal source that rules rest on: a ``[source.<key>]`` table of guardrail.toml."""

    title: str
    summary: str
    url: str


@dataclass(frozen=True)
class Category:
    id: str
    label: str
    why: str


@dataclass(frozen=True)
class Rule:
    id: str
    category: Category
    act: bool
    pattern: re.Pattern[str]
    requires: re.Pattern[str] | None
    source: Source
    examples: tuple[str, ...]


@dataclass(frozen=True)
class Hit(Shaped):
    """One place where a message goes beyond conveying: ``start``/``end`` index the text."""

    rule: str
    category: str
    label: str
    start: int
    end: int
    found: str
    why: str
    source: str


@dataclass(frozen=True)
class Screening(Shaped):
    """The result of screening one message: whether it is blocked, the categories of its hits
    (first seen first), the hits, and the referral to a lawyer when blocked."""

    blocked: bool = field(init=False)
    categories: tuple[str, ...] = field(init=False)
    hits: tuple[Hit, ...]
    referral: str | None = field(init=False)

    def __post_init__(self) -> None:
        blocked = bool(self.hits)
        object.__setattr__(self, "blocked", blocked)
        categories = tuple(dict.fromkeys(hit.category for hit in self.hits))
        object.__setattr__(self, "categories", categories)
        object.__setattr__(self, "referral", lawyer_referral() if blocked else None)


@dataclass(frozen=True)
class Guardrail:
    rules: tuple[Rule, ...]
    conveyance: re.Pattern[str]
    referral: str
    reply_note: str
    categories: dict[str, Category]


@dataclass(frozen=True)
class _RuleEntry:
    id: str
    category: str  # the id of a [[category]]
    act: bool
    pattern: str
    examples: tuple[str, ...]  # each must be stopped by this rule (checked at load)
    source: str  # the key of a [source.*]
    requires: str | None = None


@dataclass(frozen=True)
class _Lawyer:
    referral: str
    reply_note: str


@dataclass(frozen=True)
class _MaySay:
    """What a messenger may say ([may_say]): a sentence that matches `conveyance` only passes
    something on (a topic in it is not blocked); the `allowed` sentences must pass the guardrail
    (checked at load)."""

    conveyance: str
    allowed: tuple[str, ...]


@dataclass(frozen=True)
class _File:
    """guardrail.toml as written."""

    source: dict[str, Source]
    lawyer: _Lawyer
    category: tuple[Category, ...]
    rule: tuple[_RuleEntry, ...]
    may_say: _MaySay


def _rule(entry: _RuleEntry, categories: dict[str, Category], sources: dict[str, Source]) -> Rule:
    where = f"rule[{entry.id}]"
    if entry.category not in categories:
        raise RecordError(f"{where}.category", f"no [[category]] {entry.category!r}")
    if entry.source not in sources:
        raise RecordError(f"{where}.source", f"no [source.{entry.source}]")
    requires = entry.requires
    return Rule(
        id=entry.id,
        category=categories[entry.category],
        act=entry.act,
        pattern=pattern_at(f"{where}.pattern", entry.pattern),
        requires=pattern_at(f"{where}.requires", requires) if requires is not None else None,
        source=sources[entry.source],
        examples=entry.examples,
    )


def _built(data: _File) -> Guardrail:
    categories = {category.id: category for category in data.category}
    return Guardrail(
        rules=tuple(_rule(entry, categories, data.source) for entry in data.rule),
        conveyance=pattern_at("may_say.conveyance", data.may_say.conveyance),
        referral=data.lawyer.referral,
        reply_note=data.lawyer.reply_note,
        categories=categories,
    )


@cache
def guardrail() -> Guardrail:
    """The rule set, read by the typed loader, loaded once and checked against its own
    examples."""
    data: _File = load_records("guardrail", _File, allow_empty=False)
    try:
        built = _built(data)
    except RecordError as error:
        raise data_error("guardrail", error) from error
    _self_check(built, data.may_say.allowed)
    return built


def _self_check(built: Guardrail, allowed: tuple[str, ...]) -> None:
    for rule in built.rules:
        for example in rule.examples:
            if not any(hit.rule == rule.id for hit in _screen(built, example)):
                raise DataError(f"{_FILE}: {rule.id}: 例文を止められません: {example}")
    for text in allowed:
        hits = _screen(built, text)
        if hits:
            raise DataError(f"{_FILE}: [may_say].allowed が {hits[0].rule} に止められます: {text}")


def _screen(built: Guardrail, text: str) -> tuple[Hit, ...]:
    hits: list[Hit] = []
    for sentence in _SENTENCE.finditer(text):
        hits.extend(_sentence_hits(built, sentence.group(), sentence.start()))
    return tuple(hits)


def _sentence_hits(built: Guardrail, sentence: str, offset: int) -> list[Hit]:
    found: list[Hit] = []
    acts = [rule for rule in built.rules if rule.act and _match(rule, sentence) is not None]
    conveyed = not acts and built.conveyance.search(sentence) is not None
    for rule in built.rules:
        if (not rule.act and conveyed) or (rule.act and rule not in acts):
            continue
        match = _match(rule, sentence)
        if match is None:
            continue
        found.append(
            Hit(
                rule=rule.id,
                category=rule.category.id,
                label=rule.category.label,
                start=offset + match.start(),
                end=offset + match.end(),
                found=match.group(),
                why=rule.category.why,
                source=rule.source.title,
            )
        )
    return found


def _match(rule: Rule, sentence: str) -> re.Match[str] | None:
    """Where the rule's pattern stops ``sentence``, when what it requires is there too."""
    found = rule.pattern.search(sentence)
    if found is None or (rule.requires is not None and not rule.requires.search(sentence)):
        return None
    return found


def screen(text: str) -> Screening:
    """Screen a message a service would send or say: every sentence that goes beyond
    conveying the client's intent, with the rule, the category and its legal source."""
    return Screening(_screen(guardrail(), text))


def raised_in(text: str) -> tuple[str, ...]:
    """The categories a company's reply raises, conveyed or not (for routing to the client)."""
    built = guardrail()
    categories: list[str] = []
    for sentence in _SENTENCE.finditer(text):
        for rule in built.rules:
            if _match(rule, sentence.group()) is not None and rule.category.id not in categories:
                categories.append(rule.category.id)
    return tuple(categories)


def lawyer_referral() -> str:
    return guardrail().referral


def reply_note() -> str:
    return guardrail().reply_note


def sources() -> tuple[Source, ...]:
    """Every legal source a rule rests on (for the docs and the blocked-draft page)."""
    return tuple(dict.fromkeys(rule.source for rule in guardrail().rules))
