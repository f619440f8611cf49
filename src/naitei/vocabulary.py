"""The closed word lists naitei branches on, each written once as a `Literal`.

A tuple of the values (for a loop, a Typer choice, an OpenAPI enum or a database CHECK) comes
from `get_args`, so the type and the list cannot disagree. The names are CONTRACTS names: they
are extended, never renamed. Standard library only: the checker's fast start imports this.
"""

from __future__ import annotations

from typing import Literal, get_args

# What a case is for (CONTRACTS §1: purpose = "withdraw" | "decline").
CasePurpose = Literal["withdraw", "decline"]
CASE_PURPOSES: tuple[CasePurpose, ...] = get_args(CasePurpose)

# The documents the composer writes (`naitei draft KIND`, POST /api/document).
# The documents after the call (naitei.compose.after).
AfterKind = Literal[
    "thanks-accepted",
    "thanks-considering",
    "visit-confirm",
    "closing-refused",
    "follow-up-email",
    "follow-up-phone",
    "decline-keep",
    "thanks-letter",
]
DocumentKind = Literal[
    "phone", "visit", "email", "letter", "decline-email", "decline-phone", AfterKind
]
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
AFTER_KINDS: tuple[DocumentKind, ...] = get_args(AfterKind)

# The kinds of draft the checker reads (`naitei check --kind`).
DraftKind = Literal["email", "letter", "phone", "visit"]
DRAFT_KINDS: tuple[DraftKind, ...] = get_args(DraftKind)

# What a draft is for. withdraw (内定辞退の撤回) and decline (内定辞退) came first; the others
# let the checker read any business mail of a job search without asking it for an apology.
# messenger: a decline service's message sent as a 使者 on a client's behalf (naitei.messenger):
# the 非弁 guardrail applies on top of the decline's rules.
DraftPurpose = Literal[
    "withdraw", "decline", "accept", "thanks", "schedule", "apology", "other", "messenger"
]
DRAFT_PURPOSES: tuple[DraftPurpose, ...] = get_args(DraftPurpose)
# `auto` is not a purpose: it asks the checker to infer one from the text (naitei.check.purpose).
Auto = Literal["auto"]
AUTO: Auto = "auto"
PURPOSE_CHOICES: tuple[DraftPurpose | Auto, ...] = (*DRAFT_PURPOSES, AUTO)

# Writing or speech: 貴社 in a letter, 御社 on the phone.
Medium = Literal["written", "spoken"]

# The case record (naitei.timeline): what happened, where a case stands, how an event ended.
EventKind = Literal["called", "emailed", "visited", "letter_sent", "answered", "note"]
EVENT_KINDS: tuple[EventKind, ...] = get_args(EventKind)
Status = Literal["preparing", "contacting", "awaiting", "accepted", "refused", "declined"]
STATUSES: tuple[Status, ...] = get_args(Status)
CallOutcome = Literal["reached", "absent"]
AnswerOutcome = Literal["accepted", "refused", "come_in", "call_back", "considering"]
OUTCOMES: dict[str, tuple[str, ...]] = {
    "called": get_args(CallOutcome),
    "answered": get_args(AnswerOutcome),
}

# Hosts that never leave the machine: a server bound to one needs no TLS, an SMTP server on
# one may be spoken to in plain text.
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
