"""Values the composer returns: documents and the parts of a formal letter."""

from __future__ import annotations

from dataclasses import dataclass, field

from naitei.shape import Shaped, meta
from naitei.vocabulary import DocumentKind, Medium

MEDIUM: dict[str, Medium] = {
    "phone": "spoken",
    "visit": "spoken",
    "email": "written",
    "letter": "written",
    "decline-email": "written",
    "decline-phone": "spoken",
    "thanks-accepted": "written",
    "thanks-considering": "written",
    "visit-confirm": "written",
    "closing-refused": "written",
    "follow-up-email": "written",
    "follow-up-phone": "spoken",
    "decline-keep": "written",
    "thanks-letter": "written",
}

# The checker's --kind for each document kind.
CHECK_KIND: dict[str, str] = {
    "phone": "phone",
    "visit": "visit",
    "email": "email",
    "letter": "letter",
    "decline-email": "email",
    "decline-phone": "phone",
    "thanks-accepted": "email",
    "thanks-considering": "email",
    "visit-confirm": "email",
    "closing-refused": "email",
    "follow-up-email": "email",
    "follow-up-phone": "phone",
    "decline-keep": "email",
    "thanks-letter": "letter",
}

# The checker's --purpose for each document kind (CONTRACTS §6).
CHECK_PURPOSE: dict[str, str] = {
    "phone": "withdraw",
    "visit": "withdraw",
    "email": "withdraw",
    "letter": "withdraw",
    "decline-email": "decline",
    "decline-phone": "decline",
    "thanks-accepted": "thanks",
    "thanks-considering": "thanks",
    "visit-confirm": "schedule",
    "closing-refused": "apology",
    "follow-up-email": "withdraw",
    "follow-up-phone": "withdraw",
    "decline-keep": "decline",
    "thanks-letter": "thanks",
}


@dataclass(frozen=True)
class LetterParts:
    """A formal letter (拝啓 … 敬具) laid out by the text and PDF exporters.

    ``addressee``'s last line carries 様 or 御中. ``paragraphs[0]`` begins with 拝啓 and the
    seasonal greeting. ``date_vertical`` writes the date with kanji numerals for 縦書き.
    """

    date: str
    date_vertical: str
    addressee: tuple[str, ...]
    sender: tuple[str, ...]
    title: str
    paragraphs: tuple[str, ...]
    closing: str = "敬具"


@dataclass(frozen=True)
class Document(Shaped):
    """One generated document: what the user reads, copies or sends."""

    kind: DocumentKind
    title: str
    text: str
    subject: str | None = field(default=None, metadata=meta(omit="none"))
    to_address: str | None = field(default=None, metadata=meta(key="to", omit="none"))
    to_name: str | None = field(default=None, metadata=meta(hidden=True))
    letter: LetterParts | None = field(default=None, metadata=meta(hidden=True))
    # for the user, not part of the text (days to check …)
    notes: tuple[str, ...] = field(default=(), metadata=meta(omit="empty"))

    @property
    def medium(self) -> Medium:
        return MEDIUM[self.kind]
