"""check_text: run every rule that applies to a draft's kind and purpose."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache, lru_cache
from operator import attrgetter
from typing import Literal

from naitei.check.data import rule_infos
from naitei.check.document import Document
from naitei.check.model import (
    AUTO,
    KINDS,
    PURPOSES,
    CheckContext,
    Finding,
    Kind,
    Purpose,
    Report,
)
from naitei.check.quoted import blank_quoted
from naitei.check.rules import Check, registry

_registry = cache(registry)
_POSITION = attrgetter("start", "rule", "end")  # the order of a report's findings


@cache
def active_rules(kind: str, purpose: str) -> frozenset[str]:
    """The ids of the rules that apply to a kind of document and a purpose."""
    return frozenset(rule for rule, info in rule_infos().items() if info.applies(kind, purpose))


@lru_cache(maxsize=64)
def _checks(active: frozenset[str]) -> tuple[Check, ...]:
    """The check functions of the modules that produce one of the ``active`` rules."""
    return tuple(check for rules, check in _registry() if rules & active)


def check_text(
    text: str,
    kind: Kind,
    purpose: Purpose | Literal["auto"] = "withdraw",
    context: CheckContext | None = None,
    *,
    only: frozenset[str] | None = None,
) -> Report:
    """Check a draft and return its findings, sorted by position and then rule.

    ``only`` narrows the check to those rule ids (the copy-paste guard of a decline batch
    runs ``company-name-mismatch`` alone, without morphology). ``purpose="auto"`` infers the
    purpose from the text (naitei.check.purpose); the report says so (``purpose_inferred``)."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}: {kind!r}")
    inferred = purpose == AUTO
    if inferred:
        from naitei.check.purpose import infer_purpose

        purpose = infer_purpose(text)
    if purpose not in PURPOSES:
        raise ValueError(f"purpose must be one of {', '.join(PURPOSES)}: {purpose!r}")
    # The writer's words only: a quoted or forwarded message is blanked (offsets kept).
    doc = Document(blank_quoted(text), kind, purpose, context)
    active = active_rules(kind, purpose)
    if only is not None:
        active &= only
    findings: list[Finding] = []
    with _collector_paused(len(text) >= PAUSE_COLLECTOR_FROM):
        for check in _checks(active):
            findings.extend(f for f in check(doc, active) if f.rule in active)
        findings.sort(key=_POSITION)
    return Report(kind=kind, purpose=purpose, findings=tuple(findings), purpose_inferred=inferred)


# A check makes many small objects (tokens, findings, fixes), none of them garbage in a cycle,
# and Python's cyclic collector ran its generational passes over them again and again: a third
# of the check of a 100,000-character draft with 33,000 findings, and about 4% of the check of
# an ordinary email (issue 13 §6). The collector is paused while the rules run, whatever the
# length, and resumed by the check that paused it (reference counting still frees everything as
# usual; a cycle made meanwhile is collected by the next pass after the check).
PAUSE_COLLECTOR_FROM = 0  # characters: every check


@contextmanager
def _collector_paused(pause: bool) -> Iterator[None]:
    """Pause the cyclic garbage collector for the block when ``pause`` and it is enabled; only
    the block that paused it enables it again (a thread that finds it paused leaves it)."""
    paused = pause and gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def warm_up() -> None:
    """Load the dictionary, the data files and the rules' patterns now, so that the first
    check a server or an editor asks for is as fast as the next ones."""
    from naitei.check.tokenizer import warm_up as load_tokenizer

    load_tokenizer()
    for kind in KINDS:
        check_text("御社の佐藤様がおっしゃられた件、了解しました。見れる資料を読まさせて。", kind)
