"""The checker's knowledge: TOML files under ``naitei/data/check``, validated at load.

Every entry has an ``id``; a broken file raises ``DataError`` naming the file and the entry,
so that a reviewer who edits a word list learns at once what is wrong.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from naitei.check.model import KINDS, PURPOSES, SEVERITIES, Severity
from naitei.errors import DataError
from naitei.precompiled import regex, toml

_PLACEHOLDERS = frozenset({"found", "suggestion", "count", "length", "example"})


@dataclass(frozen=True)
class RuleInfo:
    """One rule of rules.toml: its severity, where it applies, its title and message."""

    id: str
    severity: Severity
    kinds: frozenset[str]
    purposes: frozenset[str]
    title: str
    message: str
    fix: bool = False  # the suggestion is a safe literal replacement of the finding's span

    def applies(self, kind: str, purpose: str) -> bool:
        return kind in self.kinds and purpose in self.purposes

    def say(self, **values: object) -> str:
        """The default message with its placeholders filled in."""
        return self.message.format(**values)


@dataclass(frozen=True)
class Phrase:
    """A word or pattern that one rule flags wherever it appears."""

    id: str
    rule: str
    pattern: re.Pattern[str]
    triggers: tuple[str, ...]  # the text must contain one of them (empty: always run)
    suggestion: str | None
    message: str | None
    example: str
    transform: str | None = None
    sentence_start: bool = False
    not_words: frozenset[str] = frozenset()
    chars: str | None = None  # a character class every match contains: a shared pre-check
    fix: bool = True  # false: this entry's suggestion is advice, not a literal replacement


@cache
def load(name: str) -> dict[str, Any]:
    """Parse one TOML file of ``naitei/data/check``, once per process (the tables of one file
    are read by several rules; the parsed data is never modified)."""
    # A plain path (naitei is installed as files): importlib.resources costs `naitei check`
    # several milliseconds of imports at each start.
    resource = Path(__file__).resolve().parent.parent / "data" / "check" / name
    try:
        parsed: dict[str, Any] = toml(str(resource))
        return parsed
    except (OSError, ValueError) as error:  # ValueError: TOMLDecodeError, UnicodeDecodeError
        raise DataError(f"data/check/{name}: {error}") from None


def entries(name: str, table: str) -> list[dict[str, Any]]:
    """The ``[[table]]`` entries of a file, each checked to carry a unique string id."""
    items = load(name).get(table)
    if not isinstance(items, list) or not items:
        raise DataError(f"data/check/{name}: [[{table}]] がありません")
    seen: set[str] = set()
    for number, item in enumerate(items, start=1):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str) or not ident:
            raise DataError(f"data/check/{name}: [[{table}]] {number}: id がありません")
        if ident in seen:
            raise DataError(f"data/check/{name}: id {ident!r} が重複しています")
        seen.add(ident)
    return items


def text_field(name: str, item: dict[str, Any], key: str, *, required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value:
        raise DataError(f"data/check/{name}: {item['id']}: {key} は空でない文字列にしてください")
    return value


def _check_message(name: str, ident: str, message: str) -> None:
    for _, field, _, _ in string.Formatter().parse(message):
        if field is not None and field not in _PLACEHOLDERS:
            raise DataError(f"data/check/{name}: {ident}: 知らない差し込み {{{field}}}")


def _choices(name: str, item: dict[str, Any], key: str, allowed: tuple[str, ...]) -> frozenset[str]:
    values = item.get(key, list(allowed))
    if not isinstance(values, list) or not values or not set(values) <= set(allowed):
        raise DataError(f"data/check/{name}: {item['id']}: {key} は {allowed} から選んでください")
    return frozenset(values)


@cache
def rule_infos() -> dict[str, RuleInfo]:
    """Every rule, by id, in the order of rules.toml."""
    result: dict[str, RuleInfo] = {}
    for item in entries("rules.toml", "rule"):
        ident = item["id"]
        severity = item.get("severity")
        if severity not in SEVERITIES:
            raise DataError(f"data/check/rules.toml: {ident}: severity {severity!r} は使えません")
        message = str(text_field("rules.toml", item, "message"))
        _check_message("rules.toml", ident, message)
        fix = _flag("rules.toml", item, "fix")
        if fix and ident.startswith("missing-"):
            raise DataError(
                f"data/check/rules.toml: {ident}: 抜けを指摘する規則に fix は付けられません"
            )
        result[ident] = RuleInfo(
            id=ident,
            severity=severity,
            kinds=_choices("rules.toml", item, "kinds", KINDS),
            purposes=_choices("rules.toml", item, "purposes", PURPOSES),
            title=str(text_field("rules.toml", item, "title")),
            message=message,
            fix=fix,
        )
    return result


def _flag(name: str, item: dict[str, Any], key: str, default: bool = False) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        raise DataError(f"data/check/{name}: {item['id']}: {key} は true か false です")
    return value


def rule_info(rule: str) -> RuleInfo:
    try:
        return rule_infos()[rule]
    except KeyError:
        raise DataError(f"data/check/rules.toml: 規則 {rule!r} がありません") from None


@cache
def phrases() -> tuple[Phrase, ...]:
    """The word-list rules of phrases.toml, patterns compiled."""
    return tuple(_phrase(item) for item in entries("phrases.toml", "phrase"))


def _phrase(item: dict[str, Any]) -> Phrase:
    name, ident = "phrases.toml", item["id"]
    rule = str(text_field(name, item, "rule"))
    rule_info(rule)
    try:
        pattern = regex(str(text_field(name, item, "pattern")), re.MULTILINE)
    except re.error as error:
        raise DataError(
            f"data/check/{name}: {ident}: pattern が正規表現として不正: {error}"
        ) from None
    message = text_field(name, item, "message", required=False)
    if message is not None:
        _check_message(name, ident, message)
    example = str(text_field(name, item, "example"))
    triggers = _triggers(item)
    if triggers and not any(trigger in example for trigger in triggers):
        raise DataError(f"data/check/{name}: {ident}: trigger が example にありません")
    transform = text_field(name, item, "transform", required=False)
    if transform not in (None, "nfkc"):
        raise DataError(f"data/check/{name}: {ident}: transform は nfkc のみ使えます")
    sentence_start = item.get("sentence_start", False)
    if not isinstance(sentence_start, bool):
        raise DataError(f"data/check/{name}: {ident}: sentence_start は true か false です")
    chars = _chars(item)
    if not triggers and chars is None:
        raise DataError(f"data/check/{name}: {ident}: trigger か chars のどちらかが必要です")
    return Phrase(
        id=ident,
        rule=rule,
        pattern=pattern,
        triggers=triggers,
        suggestion=text_field(name, item, "suggestion", required=False),
        message=message,
        example=example,
        transform=transform,
        sentence_start=sentence_start,
        not_words=_not_words(item, pattern),
        chars=chars,
        fix=_flag(name, item, "fix", default=True),
    )


def _chars(item: dict[str, Any]) -> str | None:
    value = text_field("phrases.toml", item, "chars", required=False)
    if value is not None:
        try:
            regex(f"[{value}]")
        except re.error as error:
            raise DataError(
                f"data/check/phrases.toml: {item['id']}: chars が不正: {error}"
            ) from None
    return value


def _not_words(item: dict[str, Any], pattern: re.Pattern[str]) -> frozenset[str]:
    values = item.get("not_words", [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise DataError(f"data/check/phrases.toml: {item['id']}: not_words は文字列の配列です")
    if values and "word" not in pattern.groupindex:
        raise DataError(
            f"data/check/phrases.toml: {item['id']}: not_words には (?P<word>…) が必要です"
        )
    return frozenset(values)


def _triggers(item: dict[str, Any]) -> tuple[str, ...]:
    value = item.get("trigger", [])
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise DataError(f"data/check/phrases.toml: {item['id']}: trigger は文字列かその配列です")
    return tuple(values)


def words(name: str, table: str, key: str = "word") -> tuple[str, ...]:
    """A plain word list: the ``key`` of every ``[[table]]`` entry."""
    return tuple(str(text_field(name, item, key)) for item in entries(name, table))
