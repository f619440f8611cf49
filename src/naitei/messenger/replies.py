"""What a company's reply to a messenger says, and where it goes.

Every reply goes to the client as it is; naitei only labels it so that staff and client see at
once what it asks. Money, a dispute, a threat or a legal claim (the guardrail's categories, read
in the company's words) routes it to the client with the note that a lawyer is the right
contact — unless the sentence says the matter will not be pursued (「費用のご請求はございません」).
The cues are data (data/messenger.toml [replies]).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from naitei.messenger.guardrail import raised_in, reply_note
from naitei.messenger.texts import messenger_texts
from naitei.shape import Shaped

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
# Categories of the guardrail that make a reply a lawyer's matter (negotiation is a retention).
LEGAL = frozenset({"money", "dispute", "threat", "legal_claim", "legal_opinion"})


@dataclass(frozen=True)
class Reply(Shaped):
    outcome: str
    label: str
    flags: tuple[str, ...]  # every cue found, in the order of [replies] order
    flag_labels: tuple[str, ...]
    raised: tuple[str, ...]  # guardrail categories the company raised (not waived)
    needs_lawyer: bool = field(init=False)  # the outcome is "legal"
    note: str | None  # for the client: a lawyer is the right contact

    def __post_init__(self) -> None:
        object.__setattr__(self, "needs_lawyer", self.outcome == "legal")


@dataclass(frozen=True)
class _Cues:
    order: tuple[str, ...]
    cues: dict[str, re.Pattern[str]]
    waived: re.Pattern[str]
    labels: dict[str, str]


@cache
def _cues() -> _Cues:
    data = messenger_texts().replies
    cues = {key: re.compile(value) for key, value in data.cues.items() if key != "waived"}
    return _Cues(data.order, cues, re.compile(data.cues["waived"]), data.labels)


def _raised(text: str, waived: re.Pattern[str]) -> tuple[str, ...]:
    found: list[str] = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group()
        if waived.search(sentence):
            continue
        found += [c for c in raised_in(sentence) if c in LEGAL and c not in found]
    return tuple(found)


def classify(text: str) -> Reply:
    """The outcome of a company's reply, its other cues, and the note for the client."""
    cues = _cues()
    raised = _raised(text, cues.waived)
    found = {key for key, pattern in cues.cues.items() if pattern.search(text)}
    if raised:
        found.add("legal")
    flags = tuple(key for key in cues.order if key in found)
    outcome = flags[0] if flags else "unclear"
    return Reply(
        outcome=outcome,
        label=cues.labels[outcome],
        flags=flags,
        flag_labels=tuple(cues.labels[flag] for flag in flags),
        raised=raised,
        note=reply_note() if raised else None,
    )
