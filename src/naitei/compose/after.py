"""The documents after the call (issue 17; CONTRACTS §8): one for every answer.

thanks-accepted      the employer accepts the withdrawal: thanks, and what to ask about paperwork
thanks-considering   「検討します」: thanks, what was said, when they will answer
visit-confirm        the employer asks the applicant to come in: date, time, place, things to bring
closing-refused      the employer refuses: thanks, an apology, no pleading
follow-up-email      no answer after two business days: a polite question about the status
follow-up-phone      the same, as a phone script
decline-keep         a decline answered with 引き止め or a request to come in: a firm, polite reply

On the agent route every document goes to the agent, who relays: the agent is thanked for
passing the request on (お取り次ぎ), never for deciding, and the employer's phone number is
never shown in a script for calling the agent. Facts are only those given (after_facts.py).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.calendar import JST
from naitei.case import Applicant, Company, DeclineCase, WithdrawalCase
from naitei.compose.after_facts import AfterFacts, day_notes, day_word, validate
from naitei.compose.model import Document
from naitei.compose.parties import Recipient, Writer
from naitei.compose.phrases import bank
from naitei.compose.render import render
from naitei.compose.sentences import ELAPSED_MONTH, naming
from naitei.compose.situation import Mode, mode_of, school_on_route
from naitei.errors import InputError
from naitei.labels import ja_date, ja_day, ja_time, ja_window
from naitei.plan import calendar_for
from naitei.schools import employer_noun
from naitei.vocabulary import AFTER_KINDS, DocumentKind, Medium

WITHDRAW_KINDS: tuple[DocumentKind, ...] = tuple(k for k in AFTER_KINDS if k != "decline-keep")
TITLES = {
    "thanks-accepted": "お礼のメール（撤回が認められたとき）",
    "thanks-considering": "お礼のメール（検討すると言われたとき）",
    "visit-confirm": "訪問の確認のメール",
    "closing-refused": "結びのメール（撤回が認められなかったとき）",
    "follow-up-email": "状況を伺うメール（返事がないとき）",
    "follow-up-phone": "状況を伺う電話の台本（返事がないとき）",
    "decline-keep": "辞退の意思を伝えるメール（引き止められたとき）",
    "thanks-letter": "お礼状（撤回が認められたとき）",
    "visit": "訪問メモ",  # offered beside visit-confirm, with the visit's facts
}
SUBJECTS = {  # {topic}: 内定辞退撤回, or 内定 when no decline was made (after.toml)
    "thanks-accepted": "{topic}についてのお礼",
    "thanks-considering": "ご検討のお礼",
    "visit-confirm": "面談日時のご確認",
    "closing-refused": "ご回答のお礼",  # not thanks-considering's subject
    "follow-up-email": "{topic}の件",
    "decline-keep": "内定辞退の件",
}
# On the agent route the subject names the employer the message is about.
AGENT_SUBJECTS = {
    "thanks-accepted": "の件のお礼",
    "thanks-considering": "の件のお礼",
    "visit-confirm": "での面談日時のご確認",
    "closing-refused": "の件のお礼",
    "follow-up-email": "の件",
    "decline-keep": "の内定辞退の件",
}
FOLLOW_UP_DAYS = 2  # business days of silence before a follow-up (DESIGN: plan)


def _parties(
    applicant: Applicant,
    company: Company,
    via: str,
    agent: tuple[str, str, str],
    medium: Medium,
) -> dict[str, Any]:
    """Who writes to whom, and how the employer is named, for one medium."""
    to_agent = via == "agent"
    employer = company.employer
    names = naming(employer, medium, to_agent=to_agent, name=company.name)
    recipient = Recipient.agent(*agent) if to_agent else Recipient.company(company)
    writer = Writer.of(applicant)
    return {
        "to_agent": to_agent,
        "company": company.name,
        "agent": agent[0],
        "ref": names.ref,
        "join": names.join,
        "law": employer.law,
        "addressee": recipient.addressee(),
        "person_short": recipient.short,
        "spoken_person": recipient.spoken,
        "phone": "" if to_agent else company.phone,
        "noun": employer_noun(employer.noun, company.name, school_on_route(applicant, via)),
        "intro": writer.intro,
        "signature": writer.signature(),
        "school_name": applicant.school if via == "school" else "",
        "recipient": recipient,
    }


def _heard(facts: AfterFacts, today: dt.date) -> dict[str, str]:
    """`heard`: 本日はお電話にて / 12月1日にメールにて … or "" when the user did not say."""
    if facts.heard_by is None:
        return {"heard": "", "heard_day": ""}
    day = day_word(facts.heard_on or today, today)
    how = str(bank("after")["how"][facts.heard_by])
    particle = "は" if day in ("本日", "昨日") else "に"
    return {"heard": f"{day}{particle}{how}" if how else f"{day}{particle}", "heard_day": day}


def _facts_values(facts: AfterFacts, today: dt.date) -> dict[str, Any]:
    visit = facts.visit_at.astimezone(JST) if facts.visit_at else None
    return _heard(facts, today) | {
        "answer_by": ja_day(facts.answer_by) if facts.answer_by else "",
        "answer_passed": bool(facts.answer_by and facts.answer_by < today),
        "asked_on": day_word(facts.asked_on, today) if facts.asked_on else "",
        "visit_day": ja_day(visit.date()) if visit else "",
        "visit_time": ja_time(visit) if visit else "",
        "place_given": facts.place.strip(),
        "bring": list(facts.bring),
        "asked_to_visit": facts.asked_to_visit,
    }


def _story(
    mode: Mode, medium: Medium, law: str, join: str, *, recent: bool = False, accepted: bool = True
) -> dict[str, str]:
    """The story's phrases, true of its facts: no 長く for a silence under a month (`recent`),
    no 再提出 of an acceptance form never submitted (`accepted`)."""
    phrases = bank("after")
    before = phrases["before"][medium]
    paperwork = phrases["paperwork"]
    return {
        "before": str(before.get(f"{mode}_recent", before[mode]) if recent else before[mode]),
        "request_name": str(phrases["request_name"][mode]).replace("{join}", join),
        "paperwork": str(
            paperwork[law] if accepted else paperwork.get(f"{law}_unaccepted", paperwork[law])
        ),
        "mode": mode,
        "topic": str(phrases["subject_topic"][mode]),
    }


def withdraw_document(
    kind: str, case: WithdrawalCase, now: dt.datetime, facts: AfterFacts
) -> Document:
    """One after-call document of a withdrawal."""
    validate(kind, facts, now)
    if kind == "thanks-letter":
        return thanks_letter(case, now)
    medium: Medium = "spoken" if kind == "follow-up-phone" else "written"
    offer = case.offer
    agent = (offer.agent_name, offer.agent_contact, offer.agent_email)
    values = _parties(case.applicant, case.company, offer.via, agent, medium)
    today = now.astimezone(JST).date()
    values |= _facts_values(facts, today)
    declined = case.decline.declined_at.astimezone(JST).date()
    values |= _story(
        mode_of(case.decline.channel),
        medium,
        values["law"],
        values["join"],
        recent=(today - declined).days < ELAPSED_MONTH,
        accepted=offer.accepted,
    )
    start = offer.start_date
    values |= {"start_date": ja_date(start) if start and start > today else ""}
    values["wishes"] = _wishes(values)
    notes = day_notes(facts, case.company)
    if kind.startswith("follow-up"):
        # Never before two business days of silence after the request (--asked-on, or the
        # case's events in the store): the script's window and the email's day follow it.
        callee = Company(name=case.company.name) if offer.via == "agent" else case.company
        calendar = calendar_for(callee)  # an agent keeps ordinary hours
        assert facts.asked_on is not None  # validate() requires it
        due = calendar.add_business_days(facts.asked_on, FOLLOW_UP_DAYS)
        start = max(now, dt.datetime.combine(due, dt.time(0, 0), JST))
        window = calendar.next_window(start)
        values["call_window"] = ja_window(window.start, window.end)
        if due > today:
            notes.append(
                f"状況を伺うのは{ja_day(due)}からです（お願いした日から{FOLLOW_UP_DAYS}営業日）。"
            )
    if kind == "thanks-considering":
        notes.append(_follow_up_note(case.company, facts, today))
    steps = bank("after")["next_steps"].get(kind, [])
    notes += [str(step).replace("{join}", values["join"]) for step in steps]
    address = offer.agent_email if offer.via == "agent" else case.company.email
    if kind not in ("follow-up-phone", "thanks-letter") and not address:
        notes.append(NO_ADDRESS_AFTER)  # reader 4, C7: an email to nobody is never planned silently
    return _document(kind, values, case.applicant, notes)


# The one note on the missing address of a document after the call: compose.draft adds no
# second one (reader 5, C3).
NO_ADDRESS_AFTER = (
    "宛先のメールアドレスがケースにないため、このメールはそのままでは送れません。"
    "届いたメールや書類で先方のアドレスを確かめるか、電話で宛先を伺ってから送ってください。"
    "電話で同じ内容をお伝えしてもかまいません。"
)


def _wishes(values: dict[str, Any]) -> str:
    """The closing good wishes: for the employer's prosperity, or, in a mail to the agent, for
    the agent's person (the employer is not the one reading it)."""
    table = bank("after")["wishes"]
    if values.get("to_agent"):
        return str(table["agent"]["text"]).replace("{person}", values["person_short"])
    return str(table["written"]["text"]).replace("{ref}", values["ref"])


def _follow_up_note(company: Company, facts: AfterFacts, today: dt.date) -> str:
    """The day to follow up when no answer comes: the business day after the promised day, or
    two business days after the answer."""
    return f"返事がなければ、{ja_day(follow_up_day(company, facts, today))}に状況を伺います（follow-up-email / follow-up-phone）。"


def follow_up_day(company: Company, facts: AfterFacts, today: dt.date) -> dt.date:
    calendar = calendar_for(company)
    if facts.answer_by is not None:
        return calendar.next_business_day(facts.answer_by)
    return calendar.add_business_days(facts.heard_on or today, FOLLOW_UP_DAYS)


def decline_document(
    case: DeclineCase, now: dt.datetime, company: int, facts: AfterFacts
) -> Document:
    """decline-keep for the `company`-th company of a decline file."""
    from naitei.compose.decline import target

    validate("decline-keep", facts, now)
    chosen = target(case, company)
    agent = (chosen.agent_name, chosen.agent_contact, chosen.agent_email)
    values = _parties(case.applicant, chosen, chosen.via, agent, "written")
    values |= _facts_values(facts, now.astimezone(JST).date())
    values |= {"accepted": chosen.accepted}
    values["wishes"] = _wishes(values)
    return _document("decline-keep", values, case.applicant, day_notes(facts, chosen))


def _document(
    kind: str, values: dict[str, Any], applicant: Applicant, notes: list[str]
) -> Document:
    template = "after_" + kind.replace("-", "_")
    text = render(template, values)
    title = TITLES[kind]
    if kind == "follow-up-phone":
        return Document(kind="follow-up-phone", title=title, text=text, notes=tuple(notes))
    recipient: Recipient = values["recipient"]
    writer = Writer.of(applicant)
    who = f"{applicant.school} {writer.name}" if applicant.is_new_grad else writer.name
    if values["to_agent"]:
        subject = f"{values['company']}{AGENT_SUBJECTS[kind]}（{who}）"
    else:
        topic = str(values.get("topic", ""))
        subject = f"{SUBJECTS[kind].replace('{topic}', topic)}（{who}）"
    return Document(
        kind=kind,  # type: ignore[arg-type]
        title=title,
        text=text,
        subject=subject,
        to_address=recipient.email or None,
        to_name=f"{recipient.organisation} {recipient.person}",
        notes=tuple(notes),
    )


def after_document(
    kind: str, case: WithdrawalCase | DeclineCase, now: dt.datetime, facts: AfterFacts, company: int
) -> Document:
    """Dispatch by kind, refusing a kind that does not fit the case's purpose."""
    if kind == "decline-keep":
        if not isinstance(case, DeclineCase):
            raise InputError(
                'decline-keep は、辞退用のファイル（purpose = "decline"）から作ります', field="kind"
            )
        return decline_document(case, now, company, facts)
    if not isinstance(case, WithdrawalCase):
        raise InputError(
            f'{kind} は、撤回のケース（purpose = "withdraw"）から作ります', field="kind"
        )
    return withdraw_document(kind, case, now, facts)


def thanks_letter(case: WithdrawalCase, now: dt.datetime) -> Document:
    """The formal thank-you letter (拝啓 … 敬具) to the employer itself, on every route, dated
    the day it can be posted: today within the employer's hours, else its next business day
    (never an evening's date a letter cannot leave on, reader 2, C7)."""
    from naitei.compose.letter_text import letter_text
    from naitei.compose.model import LetterParts
    from naitei.compose.phrases import season
    from naitei.labels import reiwa_date_kanji
    from naitei.plan import calendar_for

    today = calendar_for(case.company).next_window(now).start.astimezone(JST).date()
    employer = case.company.employer
    names = naming(employer, "written")
    values = {"ref": names.ref, "join": names.join, "season": season(today), "law": employer.law}
    values |= _story(mode_of(case.decline.channel), "written", employer.law, names.join)
    paragraphs = render("after_thanks_letter", values).strip().split("\n\n")
    recipient = Recipient.company(case.company)
    parts = LetterParts(
        date=ja_date(today),
        date_vertical=reiwa_date_kanji(today),
        addressee=(*case.company.address.splitlines(), *recipient.addressee(letter=True)),
        sender=tuple(Writer.of(case.applicant).letter_sender()),
        title=f"{values['topic']}についてのお礼",
        paragraphs=tuple(paragraphs),
    )
    return Document(
        kind="thanks-letter", title=TITLES["thanks-letter"], text=letter_text(parts), letter=parts
    )
