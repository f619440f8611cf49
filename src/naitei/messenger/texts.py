"""messenger.toml, read by the typed loader: the words of the decline service that are data.

messenger_texts().words.example     an example of a client's words that can be conveyed
messenger_texts().spoken.avoid      references a phone script says by name instead
messenger_texts().replies           how a company's reply is classified: the outcomes in
                                    order, each one's cue (a pattern), and its label
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from naitei.knowledge import RecordError, load_records, pattern_at


@dataclass(frozen=True)
class _Spoken:
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class _Words:
    example: str


@dataclass(frozen=True)
class Replies:
    order: tuple[str, ...]  # the outcomes, first found first; legal and unclear have no cue
    cues: dict[str, str]  # outcome → pattern; "waived": a sentence that waives a claim
    labels: dict[str, str]  # outcome → its Japanese label


@dataclass(frozen=True)
class MessengerTexts:
    spoken: _Spoken
    words: _Words
    replies: Replies


def _consistent(texts: MessengerTexts) -> None:
    replies = texts.replies
    if "waived" not in replies.cues:
        raise RecordError("replies.cues.waived", "missing")
    for key, pattern in replies.cues.items():
        pattern_at(f"replies.cues.{key}", pattern)
    outcomes = sorted({key for key in replies.cues if key != "waived"} | {"legal", "unclear"})
    if sorted(set(replies.order)) != outcomes or len(replies.order) != len(outcomes):
        raise RecordError("replies.order", f"each outcome once: {outcomes}")
    if sorted(replies.labels) != outcomes:
        raise RecordError("replies.labels", f"one label for each outcome: {outcomes}")


@cache
def messenger_texts() -> MessengerTexts:
    loaded: MessengerTexts = load_records(
        "messenger", MessengerTexts, _consistent, allow_empty=False
    )
    return loaded
