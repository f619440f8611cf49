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
from typing import Any

from naitei.errors import DataError
from naitei.knowledge import load_data
from naitei.shape import Shaped

_FILE = "naitei/data/guardrail.toml"
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass(frozen=True)
class Source:
    id: str
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


def _text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value:
        raise DataError(f"{_FILE}: {where}: {key} は空でない文字列にしてください")
    return value


def _regex(value: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as error:
        raise DataError(f"{_FILE}: {where}: 正規表現が不正です: {error}") from None


def _rule(
    item: dict[str, Any], categories: dict[str, Category], sources: dict[str, Source]
) -> Rule:
    ident = _text(item, "id", "[[rule]]")
    category = categories.get(_text(item, "category", ident))
    source = sources.get(_text(item, "source", ident))
    if category is None or source is None:
        raise DataError(f"{_FILE}: {ident}: category か source が定義にありません")
    act = item.get("act")
    if not isinstance(act, bool):
        raise DataError(f"{_FILE}: {ident}: act は true か false です")
    examples = item.get("examples")
    if (
        not isinstance(examples, list)
        or not examples
        or not all(isinstance(e, str) and e for e in examples)
    ):
        raise DataError(f"{_FILE}: {ident}: examples は文字列の配列です")
    requires = item.get("requires")
    return Rule(
        id=ident,
        category=category,
        act=act,
        pattern=_regex(_text(item, "pattern", ident), ident),
        requires=_regex(_text(item, "requires", ident), ident) if requires is not None else None,
        source=source,
        examples=tuple(examples),
    )


@cache
def guardrail() -> Guardrail:
    """The rule set, loaded once and checked against its own examples."""
    data = load_data("guardrail")
    sources = {
        key: Source(key, _text(v, "title", key), _text(v, "summary", key), _text(v, "url", key))
        for key, v in data.get("source", {}).items()
    }
    categories = {
        c["id"]: Category(c["id"], _text(c, "label", c["id"]), _text(c, "why", c["id"]))
        for c in data.get("category", [])
    }
    rules = tuple(_rule(item, categories, sources) for item in data.get("rule", []))
    if not rules or len({r.id for r in rules}) != len(rules):
        raise DataError(f"{_FILE}: [[rule]] がないか、id が重複しています")
    lawyer = data.get("lawyer", {})
    built = Guardrail(
        rules=rules,
        conveyance=_regex(_text(data.get("conveyance", {}), "pattern", "conveyance"), "conveyance"),
        referral=_text(lawyer, "referral", "lawyer"),
        reply_note=_text(lawyer, "reply_note", "lawyer"),
        categories=categories,
    )
    _self_check(built, data.get("allowed", []))
    return built


def _self_check(built: Guardrail, allowed: list[dict[str, Any]]) -> None:
    for rule in built.rules:
        for example in rule.examples:
            if not any(hit.rule == rule.id for hit in _screen(built, example)):
                raise DataError(f"{_FILE}: {rule.id}: 例文を止められません: {example}")
    for item in allowed:
        text = _text(item, "text", "[[allowed]]")
        hits = _screen(built, text)
        if hits:
            raise DataError(f"{_FILE}: [[allowed]] が {hits[0].rule} に止められます: {text}")


def _screen(built: Guardrail, text: str) -> tuple[Hit, ...]:
    hits: list[Hit] = []
    for sentence in _SENTENCE.finditer(text):
        hits.extend(_sentence_hits(built, sentence.group(), sentence.start()))
    return tuple(hits)


def _sentence_hits(built: Guardrail, sentence: str, offset: int) -> list[Hit]:
    found: list[Hit] = []
    acts = [rule for rule in built.rules if rule.act and _matches(rule, sentence)]
    conveyed = not acts and built.conveyance.search(sentence) is not None
    for rule in built.rules:
        if (not rule.act and conveyed) or (rule.act and rule not in acts):
            continue
        match = rule.pattern.search(sentence)
        if match is None or (rule.requires is not None and not rule.requires.search(sentence)):
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


def _matches(rule: Rule, sentence: str) -> bool:
    if rule.pattern.search(sentence) is None:
        return False
    return rule.requires is None or rule.requires.search(sentence) is not None


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
            if _matches(rule, sentence.group()) and rule.category.id not in categories:
                categories.append(rule.category.id)
    return tuple(categories)


def lawyer_referral() -> str:
    return guardrail().referral


def reply_note() -> str:
    return guardrail().reply_note


def sources() -> tuple[Source, ...]:
    """Every legal source a rule rests on (for the docs and the blocked-draft page)."""
    return tuple(dict.fromkeys(rule.source for rule in guardrail().rules))
