"""The 委任状: the client authorises the service to convey their decline and receive the replies,
and nothing else.

The letter names the client, the service and every company exactly as given, and says exactly
what is delegated (conveying the decline in the wording the client approved; receiving the
replies) and what is not (conditions, money, deciding or promising anything). The client signs
it by an explicit confirmation: ``confirm`` records the time and the SHA-256 of the text, and
the PDF — typeset like letter.pdf — is made only from a confirmation that matches the text, so
it can never claim a confirmation that did not happen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from naitei.compose.letter_text import letter_text
from naitei.compose.model import LetterParts
from naitei.compose.parties import Writer
from naitei.compose.render import render
from naitei.errors import InputError
from naitei.labels import ja_date, reiwa_date_kanji
from naitei.messenger.compose import Request
from naitei.messenger.request import sha
from naitei.shape import Shaped

TITLE = "委任状"


def parts(request: Request, day: dt.date) -> LetterParts:
    """The 委任状 as the parts of a formal letter (the same layout as letter.pdf)."""
    targets = request.case.companies
    values = {
        "service": request.service.name,
        "companies": [company.name for company in targets],
        # 同社, 同県, 同行 … (the employer table's word), or every one of several.
        "those": targets[0].employer.same if len(targets) == 1 else "上記の各内定先",
    }
    paragraphs = render("authorisation", values).strip().split("\n\n")
    writer = Writer.of(request.case.applicant)
    sender = ["委任者", *writer.letter_sender()]
    return LetterParts(
        date=ja_date(day),
        date_vertical=reiwa_date_kanji(day),
        addressee=(f"{request.service.name} 御中",),
        sender=tuple(sender),
        title=TITLE,
        paragraphs=tuple(paragraphs),
        closing="以上",
    )


def authorisation_text(request: Request, day: dt.date) -> str:
    """The 委任状 as plain text: what the client reads and confirms, and what is hashed."""
    return letter_text(parts(request, day))


@dataclass(frozen=True)
class Confirmation(Shaped):
    """The client's signature: the moment they confirmed, and the hash of what they read."""

    confirmed_at: dt.datetime
    sha256: str
    client: str
    service: str
    companies: tuple[str, ...]

    def matches(self, text: str) -> bool:
        return sha(text) == self.sha256


def confirm(request: Request, text: str, now: dt.datetime) -> Confirmation:
    """Record the client's explicit confirmation of `text` at `now` (aware)."""
    if now.tzinfo is None:
        raise InputError("タイムゾーン付きの日時にしてください", field="now")
    return Confirmation(
        confirmed_at=now,
        sha256=sha(text),
        client=request.case.applicant.name,
        service=request.service.name,
        companies=tuple(company.name for company in request.case.companies),
    )


def confirmation_line(confirmation: Confirmation) -> str:
    """The line the PDF carries under the letter: when the client confirmed, and the hash."""
    at = confirmation.confirmed_at
    return (
        f"委任者本人が{at.year}年{at.month}月{at.day}日 {at.hour}時{at.minute:02d}分に、"
        f"画面上でこの内容を確認し、同意しました。文書の SHA-256: {confirmation.sha256}"
    )


def signed_parts(request: Request, day: dt.date, confirmation: Confirmation) -> LetterParts:
    """The letter with its confirmation line, only when the confirmation is of this text."""
    letter = parts(request, day)
    if not confirmation.matches(letter_text(letter)):
        raise InputError(
            "委任状: 確認の記録が、この文面のものではありません（文面が変わっています）"
        )
    return dataclasses.replace(
        letter, paragraphs=(*letter.paragraphs, confirmation_line(confirmation))
    )


def authorisation_pdf(
    request: Request, day: dt.date, confirmation: Confirmation, created: dt.datetime
) -> bytes:
    """The signed 委任状 as PDF bytes (Noto Serif JP embedded, as letter.pdf)."""
    from naitei.export.pdf import render_letter_pdf

    return render_letter_pdf(signed_parts(request, day, confirmation), created=created)
