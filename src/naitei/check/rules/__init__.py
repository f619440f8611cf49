"""The checker's rules, grouped in small modules; each module lists the rule ids it
produces (``RULES``) and exposes ``check(doc, active)``, which yields findings for the
active rules only."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from types import ModuleType

from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.rules import (
    addressee,
    company,
    consistency,
    direction,
    employer,
    facts,
    keigo,
    letterform,
    manners,
    medium,
    messenger,
    organisations,
    phrases,
    placeholder,
    register,
    repetition,
    sentences,
    structure,
    style,
    titles,
    verbforms,
    verbs,
)

Check = Callable[[Document, frozenset[str]], Iterable[Finding]]

MODULES: tuple[ModuleType, ...] = (
    medium,
    employer,
    keigo,
    verbs,
    phrases,
    addressee,
    company,
    style,
    structure,
    verbforms,
    direction,
    manners,
    titles,
    letterform,
    repetition,
    sentences,
    organisations,
    consistency,
    placeholder,
    messenger,
    register,
    facts,
)


def registry() -> tuple[tuple[frozenset[str], Check], ...]:
    """(rule ids, check function) of every rule module."""
    return tuple((frozenset(module.RULES), module.check) for module in MODULES)


def implemented_rules() -> frozenset[str]:
    """Every rule id some module produces."""
    return frozenset(rule for module in MODULES for rule in module.RULES)
