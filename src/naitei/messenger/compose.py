"""The messenger's decline email and phone script, in the client's own words.

The service conveys; it does not speak for the client. So the client's words (``words``) are
read (naitei.compose.words) before they are woven in — casual words, an unfinished sentence or
more than a careful writer would say are refused with an example — and screened by the 非弁
guardrail: a client's message that negotiates or raises money cannot be delivered by a
messenger. A school-recommended offer is declined through the school first: the service sends
only when the client says the school has been consulted (``school_consulted``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from naitei.case import DeclineCase, DeclineTarget
from naitei.compose.decline import target
from naitei.compose.model import Document
from naitei.compose.parties import Recipient, Writer
from naitei.compose.render import render
from naitei.compose.restyle import as_sentences
from naitei.compose.review import refusal
from naitei.compose.sentences import for_medium, naming
from naitei.compose.situation import school_on_route
from naitei.compose.words import analyse, normalise
from naitei.errors import InputError
from naitei.messenger.guardrail import lawyer_referral, screen
from naitei.messenger.service import Service
from naitei.messenger.texts import messenger_texts
from naitei.vocabulary import DocumentKind, Medium

_SENTENCE_END = re.compile(r"(?<=。)")
# A withdrawal (内定辞退の撤回) is the applicant's own request and is never sent by a service.
WITHDRAWAL_REFUSED = (
    "内定辞退の撤回は、ご本人が直接お願いするものです。サービスが代わりに伝えることはしません"
    "（撤回は使者が伝えられる意思表示ではなく、会社との話し合いになるためです）。"
    "準備とご相談には naitei withdraw CASE --out DIR の電話の台本・メール・手紙をお使いください"
)


@dataclass(frozen=True)
class Request:
    """What the client asked the service to deliver, for one decline file."""

    case: DeclineCase
    service: Service
    words: str  # the client's own message, checked by `client_words`
    authorised: bool = False  # the client signed a 委任状 (naitei.messenger.authorisation)
    school_consulted: bool = False  # the client says the school has agreed to the decline


def client_words(words: str) -> str:
    """The client's words as polite sentences, or InputError naming the field `words`: words beyond what a
    messenger may convey (with the lawyer referral), or words that cannot be delivered as they
    stand (casual, unfinished, too long; with an example)."""
    example = messenger_texts().words.example
    if not words.strip():
        raise InputError(f"ご本人のお言葉を書いてください。例: {example}", field="words")
    _screened(words)
    problem = refusal(words, "sentence", "reason_detail_decline")
    if problem is not None:
        raise InputError(problem, field="words")
    answer = analyse(words)
    if as_sentences(answer) is None:
        raise InputError(f"このままの形ではお伝えできません。例: {example}", field="words")
    if not all(sentence.polite for sentence in answer.sentences):
        raise InputError(
            "お言葉は「」に入れて、そのままお伝えします。「〜ました」「〜です」の形で書いてください。"
            f"例: {example}",
            field="words",
        )
    return _screened(_quoted(words))


def _quoted(words: str) -> str:
    """The client's words as they wrote them, for a quotation: only the safe corrections of
    spelling and punctuation (words.toml [[fix]]), never a rewrite of what they say (別の会社
    stays 別の会社: the service delivers the client's message, not its own wording)."""
    text = normalise(words, rewrite=False)
    return text if text.endswith(("。", "？")) else text + "。"


def _screened(text: str) -> str:
    screening = screen(text)
    if screening.blocked:
        found = "」「".join(hit.found for hit in screening.hits[:3])
        raise InputError(
            f"「{found}」は、使者としてお伝えできる範囲を超えています。{lawyer_referral()}",
            field="words",
        )
    return text


def _school_office(case: DeclineCase, chosen: DeclineTarget, request: Request) -> str:
    school = school_on_route(case.applicant, chosen.via)
    if school is None:
        return ""
    if not request.school_consulted:
        raise InputError(
            f"{chosen.name}: 学校推薦による内定です。辞退は、まずご本人が"
            f"{school.named_office}に相談し、学校を通して進めます。相談が済んでいるときに限り、"
            "相談済みとして依頼してください",
            field="school_consulted",
        )
    return school.named_office


def _spoken_ref(chosen: DeclineTarget) -> str:
    """御社, 御行 … on the phone; the organisation's name where the spoken form is not said."""
    ref = naming(chosen.employer, "spoken").ref
    return chosen.name if ref in messenger_texts().spoken.avoid else ref


def _offer_from(chosen: DeclineTarget, ref: str, written: bool) -> str:
    """Who gave the offer, as the message names it: 貴社/御社, or the name (to an agent; or on
    the phone where the spoken form of address is not said)."""
    if chosen.via == "agent":
        return chosen.name
    return ref if written else _spoken_ref(chosen)


def _values(request: Request, chosen: DeclineTarget, written: bool) -> dict[str, Any]:
    case = request.case
    writer = Writer.of(case.applicant)
    to_agent = chosen.via == "agent"
    recipient = (
        Recipient.agent(chosen.agent_name, chosen.agent_contact, chosen.agent_email)
        if to_agent
        else Recipient.company(chosen)
    )
    medium: Medium = "written" if written else "spoken"
    names = naming(chosen.employer, medium, to_agent=to_agent)
    offer_from = _offer_from(chosen, names.ref, written)
    # Written, the client's words are quoted in 「」 and kept as they wrote them (their 御社 is
    # theirs: no 御社 → 貴社 inside the quote); read aloud, they take the spoken form of address.
    words = client_words(request.words)
    if not written:
        words = for_medium(words, medium, names)
        if offer_from != names.ref:
            words = words.replace(names.ref, chosen.name)
    return {
        "service": request.service,
        "agent": to_agent,
        "company": chosen.name,
        "addressee": recipient.addressee(),
        "to_name": f"{recipient.organisation} {recipient.person}",
        "spoken_person": recipient.spoken,
        "phone": "" if to_agent else chosen.phone,
        "email": recipient.email,
        "email_known": bool(recipient.email),
        "client_intro": f"{writer.affiliation}の{writer.name}"
        if writer.affiliation
        else writer.name,
        "client_short": f"{writer.family_name}",
        "offer_from": offer_from,
        "words_lines": [f"「{words}」"] if written else _SENTENCE_END.split(words)[:-1],
        "authorised": request.authorised,
        "school_consulted": bool(_school_office(case, chosen, request)),
        "school_office": _school_office(case, chosen, request),
        "signature": request.service.signature(),
    }


def subject(request: Request, chosen: DeclineTarget) -> str:
    """Says on whose behalf: 東西大学 山田 太郎様の内定辞退について（ご本人に代わり…がお送りしています）."""
    applicant = request.case.applicant
    who = f"{applicant.school} {applicant.name}" if applicant.is_new_grad else applicant.name
    service = request.service.name
    if chosen.via == "agent":
        return f"{chosen.name}の内定辞退について（{who}様に代わり{service}がお送りしています）"
    return f"{who}様の内定辞退について（ご本人に代わり{service}がお送りしています）"


def messenger_email(request: Request, company: int = 1) -> Document:
    """The decline email the service sends for the `company`-th company (1-based)."""
    chosen = target(request.case, company)
    values = _values(request, chosen, written=True)
    return replace(
        _drafted("decline-email", chosen, values),
        subject=subject(request, chosen),
        to_address=values["email"] or None,
        to_name=values["to_name"],
    )


def messenger_phone(request: Request, company: int = 1) -> Document:
    """The phone script for the staff member who calls the `company`-th company as a messenger."""
    chosen = target(request.case, company)
    return _drafted("decline-phone", chosen, _values(request, chosen, written=False))


# The messenger's documents: kind → (title, template under compose/templates/).
_DRAFTS: dict[DocumentKind, tuple[str, str]] = {
    "decline-email": ("使者の辞退メール", "messenger_email"),
    "decline-phone": ("使者の電話の台本", "messenger_phone"),
}


def _drafted(kind: DocumentKind, chosen: DeclineTarget, values: dict[str, Any]) -> Document:
    title, template = _DRAFTS[kind]
    return Document(kind=kind, title=f"{title} — {chosen.name}", text=render(template, values))
