"""Declining an offer properly: the decline email and the decline phone script.

Phone first when the offer had been accepted or came through an agent or a school (a short
email alone is acceptable only for an offer not yet accepted, applied for directly); the
email then confirms the call. On the agent route the messages go to the agent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.case import DeclineCase, DeclineTarget
from naitei.compose.model import Document
from naitei.compose.parties import Recipient, Writer
from naitei.compose.phrases import bank
from naitei.compose.render import render
from naitei.compose.sentences import naming, present_reason
from naitei.compose.situation import employer_words, hunt, say, school_on_route
from naitei.errors import InputError
from naitei.schools import employer_noun, school_word
from naitei.vocabulary import Medium


def phone_advised(target: DeclineTarget) -> bool:
    """Whether the decline should be made by phone first (see DeclineTarget.email_first)."""
    return not target.email_first


def target(case: DeclineCase, company: int) -> DeclineTarget:
    """The `company`-th company of the file (1-based), or a clear error."""
    if not 1 <= company <= len(case.companies):
        raise InputError(
            f"{company} は範囲外です（このファイルの会社は 1〜{len(case.companies)}）",
            field="company",
        )
    return case.companies[company - 1]


def recipient_line(company: DeclineTarget) -> str:
    """Who the messages go to, on one line as the addressee block names them: 株式会社さくら出版
    人事部 採用担当 田中様 (the department kept), or the agent's."""
    return " ".join(_recipient(company).addressee())


def _recipient(company: DeclineTarget) -> Recipient:
    if company.via == "agent":
        return Recipient.agent(company.agent_name, company.agent_contact, company.agent_email)
    return Recipient.company(company)


def _values(case: DeclineCase, company: DeclineTarget, medium: Medium) -> dict[str, Any]:
    """Everything the decline templates use, for one company and one medium."""
    recipient = _recipient(company)
    to_agent = company.via == "agent"
    employer = company.employer
    names = naming(employer, medium, to_agent=to_agent, name=company.name)
    school = school_on_route(case.applicant, company.via)
    phrases = bank("decline")
    words = {
        "company": company.name,
        "ref": names.ref,
        "join": names.join,
        "noun": employer_noun(employer.noun, company.name, school),
        "person": recipient.short,
        "school": school.named_office if school else "",
        "school_word": school_word(employer.noun, school),
        "hunt": hunt(case.applicant),
    }
    apology = phrases["accepted_apology" if company.accepted else "not_accepted_apology"][medium]
    reason = company.reason or case.decline.reason
    detail = case.decline.reason_detail if company.reason_detail is None else company.reason_detail
    thanks = phrases["thanks"]["agent" if to_agent else "company"][medium]
    return (
        {
            "company": company.name,
            "agent": company.agent_name if to_agent else "",
            "ref": names.ref,
            "addressee": recipient.addressee(),
            "person_short": recipient.short,
            "spoken_person": recipient.spoken,
            "phone": "" if to_agent else company.phone,
            "email_known": bool(recipient.email),
            "intro": Writer.of(case.applicant).intro,
            "signature": Writer.of(case.applicant).signature(),
            "apology": say(str(apology), words),
            "accepted": company.accepted,
            # the apology after 「内定をお受けしておきながら、…」 has said the acceptance
            "apology_after": say(str(phrases["accepted_apology_after"][medium]), words),
            "papers": str(phrases["accepted_papers"][f"agent_{medium}" if to_agent else medium])
            if company.accepted
            else "",
            "reason": present_reason(reason, detail, medium, naming=names),
            "phone_advised": phone_advised(company),
            "school": school,
            "school_apology": say(str(phrases["school_apology"][medium]), words),
            "school_consult": say(
                str(
                    phrases["school_consult"]["teacher" if school and school.teacher else "office"]
                ),
                words,
            ),
            "thanks": say(str(thanks), words),
        }
        | employer_words(employer)
        | {"noun": words["noun"]}
    )


def _subject(case: DeclineCase, company: DeclineTarget) -> str:
    writer = Writer.of(case.applicant)
    who = f"{case.applicant.school} {writer.name}" if case.applicant.is_new_grad else writer.name
    if company.via == "agent":
        return f"{company.name}の内定辞退について（{who}）"
    return f"内定辞退のご連絡（{who}）"


def decline_email(
    case: DeclineCase, now: dt.datetime, company: int = 1, *, after_call: bool | None = None
) -> Document:
    """The decline email for one company. By default it follows a call when a call is advised."""
    chosen = target(case, company)
    follows_call = phone_advised(chosen) if after_call is None else after_call
    values = _values(case, chosen, "written") | {"after_call": follows_call}
    recipient = _recipient(chosen)
    template = "decline_email_agent" if chosen.via == "agent" else "decline_email"
    return Document(
        kind="decline-email",
        title=f"辞退のメール — {chosen.name}",
        text=render(template, values),
        subject=_subject(case, chosen),
        to_address=recipient.email or None,
        to_name=f"{recipient.organisation} {recipient.person}",
    )


def decline_phone(case: DeclineCase, now: dt.datetime, company: int = 1) -> Document:
    chosen = target(case, company)
    values = _values(case, chosen, "spoken") | {"email_first": chosen.email_first}
    return Document(
        kind="decline-phone",
        title=f"辞退の電話の台本 — {chosen.name}",
        text=render("decline_phone", values),
    )
