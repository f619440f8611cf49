"""The withdrawal documents: phone script, visit notes, email and formal letter.

Values are prepared here from the case and the phrase banks; the wording lives in
compose/templates and compose/phrases. The same case and `now` always give the same text.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.calendar import JST
from naitei.case import WithdrawalCase
from naitei.compose.model import Document, LetterParts
from naitei.compose.parties import Recipient, Writer
from naitei.compose.phrases import bank, choose, season
from naitei.compose.render import render
from naitei.compose.sentences import (
    REF,
    Medium,
    candour,
    choice_regret,
    past_reason,
    short_date,
    story_facts,
    strengths_phrase,
    what_changed,
)
from naitei.labels import ja_date, ja_window, kanji_number, reiwa_date_kanji
from naitei.plan import withdrawal_plan

EVIDENCE_HINT = {"health": "診断書など", "family": "家族の状況が分かる書類など"}


def _values(
    case: WithdrawalCase,
    now: dt.datetime,
    medium: Medium,
    *,
    to_agent: bool = False,
    kanji_dates: bool = False,
) -> dict[str, Any]:
    """Everything the withdrawal templates use, for one medium and one addressee."""
    recipient = _agent(case) if to_agent else Recipient.company(case.company)
    # Writing to the agent, 貴社 would mean the agent: name the company instead.
    ref = case.company.name if to_agent else REF[medium]
    writer = Writer.of(case.applicant)
    return {
        "company": case.company.name,
        "agent": case.offer.agent_name,
        "company_ref": ref,
        "addressee": recipient.addressee(),
        "person_short": recipient.short,
        "spoken_person": recipient.spoken,
        "phone": case.company.phone,
        "intro": writer.intro,
        "mid_career": not case.applicant.is_new_grad,
        "signature": writer.signature(),
        "through_agent": case.decline.channel == "agent",
        "apologies": _apologies(case, medium, recipient.short if not to_agent else "先方", ref),
        "school_route": case.offer.via == "school",
        "school": case.applicant.school or "学校",
    } | _story(case, now, medium, ref, kanji_dates)


def _story(
    case: WithdrawalCase, now: dt.datetime, medium: Medium, ref: str, kanji_dates: bool
) -> dict[str, Any]:
    """The decline and what changed since: dates, the event, reason, why, candour, strengths."""
    decline, withdrawal = case.decline, case.withdrawal
    declined = decline.declined_at.astimezone(JST).date()
    today = now.astimezone(JST).date()
    declined_text = _kanji_date(declined, today) if kanji_dates else short_date(declined, today)
    silent = decline.channel == "none"
    events = bank("withdraw")["event"]["silent" if silent else "told"]
    facts = story_facts(
        decline.reason,
        withdrawal.why,
        days=(today - declined).days,
        silent=silent,
        words=(decline.reason_detail, withdrawal.why_detail),
    )
    return {
        "declined_on": declined_text,
        "event": {
            key: str(text).format(declined_on=declined_text, ref=ref)
            for key, text in events.items()
        },
        "reason": _reason(case, medium, facts),
        "changed": what_changed(withdrawal.why, withdrawal.why_detail, medium, facts).replace(
            REF[medium], ref
        ),
        "candour": candour(withdrawal.why, medium, facts).replace(REF[medium], ref),
        "choice_regret": choice_regret(facts),
        "strengths": strengths_phrase(withdrawal.strengths, medium).replace(REF[medium], ref),
        "evidence": withdrawal.evidence,
        "evidence_hint": EVIDENCE_HINT.get(decline.reason, "診断書など"),
        "why": withdrawal.why,
        "reason_key": decline.reason,
    }


def _reason(case: WithdrawalCase, medium: Medium, facts: dict[str, str]) -> str:
    decline = case.decline
    silent = facts["silent"] == "true"
    text = past_reason(decline.reason, decline.reason_detail, medium, silent=silent, facts=facts)
    untold = decline.reason == "undisclosed" and not decline.reason_detail.strip()
    if untold and case.withdrawal.why == "other_offer_lost":
        text += choose("withdraw", "untold_offer", facts)
    return text


def _apologies(case: WithdrawalCase, medium: Medium, person: str, ref: str) -> list[str]:
    """The apologies this decline calls for beyond the main one, in order."""
    decline, phrases = case.decline, bank("withdraw")
    unexplained = not decline.explained and decline.reason != "undisclosed"
    texts = [
        phrases["channel_apology"][medium][decline.channel],
        phrases["unexplained_apology"][medium] if unexplained and decline.channel != "none" else "",
        phrases["paperwork_apology"][medium] if decline.paperwork_done else "",
        phrases["response_apology"][medium][decline.company_response],
    ]
    return [str(text).format(person=person, ref=ref) for text in texts if text]


def _agent(case: WithdrawalCase) -> Recipient:
    offer = case.offer
    return Recipient.agent(offer.agent_name, offer.agent_contact, offer.agent_email)


def _kanji_date(day: dt.date, today: dt.date) -> str:
    text = f"{kanji_number(day.month)}月{kanji_number(day.day)}日"
    return text if day.year == today.year else f"{reiwa_date_kanji(day)[: -len(text)]}{text}"


def _subject(case: WithdrawalCase, to_agent: bool) -> str:
    writer = Writer.of(case.applicant)
    who = f"{case.applicant.school} {writer.name}" if case.applicant.is_new_grad else writer.name
    if to_agent:
        return f"{case.company.name}の内定辞退撤回についてのご相談（{who}）"
    return f"内定辞退撤回のお願い（{who}）"


def phone(case: WithdrawalCase, now: dt.datetime) -> Document:
    to_agent = case.offer.via == "agent"
    values = _values(case, now, "spoken", to_agent=to_agent)
    plan = withdrawal_plan(case, now)
    steps = {step.id: step for step in plan.steps}
    for key, step_id in (("call_window", "call"), ("retry_window", "call_retry")):
        window = steps[step_id].window
        assert window is not None
        values[key] = ja_window(window.start, window.end)
    template = "withdraw_phone_agent" if to_agent else "withdraw_phone"
    return Document(kind="phone", title="電話の台本", text=render(template, values))


def visit(case: WithdrawalCase, now: dt.datetime) -> Document:
    values = _values(case, now, "spoken")
    return Document(kind="visit", title="訪問メモ", text=render("withdraw_visit", values))


def email(case: WithdrawalCase, now: dt.datetime, *, after_call: bool = True) -> Document:
    to_agent = case.offer.via == "agent"
    values = _values(case, now, "written", to_agent=to_agent) | {"after_call": after_call}
    recipient = _agent(case) if to_agent else Recipient.company(case.company)
    template = "withdraw_email_agent" if to_agent else "withdraw_email"
    title = (
        "確認のメール（電話のあとに）"
        if after_call
        else "お詫びとお願いのメール（電話がつながらないとき）"
    )
    return Document(
        kind="email",
        title=title,
        text=render(template, values),
        subject=_subject(case, to_agent),
        to_address=recipient.email or None,
        to_name=f"{recipient.organisation} {recipient.person}",
    )


def letter_parts(case: WithdrawalCase, now: dt.datetime, *, vertical: bool = False) -> LetterParts:
    values = _values(case, now, "written", kanji_dates=vertical)
    values["season"] = season(now.astimezone(JST).month)
    paragraphs = render("withdraw_letter", values).strip().split("\n\n")
    today = now.astimezone(JST).date()
    return LetterParts(
        date=ja_date(today),
        date_vertical=reiwa_date_kanji(today),
        addressee=tuple(Recipient.company(case.company).addressee(letter=True)),
        sender=tuple(Writer.of(case.applicant).letter_sender()),
        title="内定辞退撤回のお願い",
        paragraphs=tuple(paragraphs),
    )


def letter(case: WithdrawalCase, now: dt.datetime) -> Document:
    from naitei.compose.letter_text import letter_text

    parts = letter_parts(case, now)
    return Document(kind="letter", title="お詫びの手紙", text=letter_text(parts), letter=parts)
