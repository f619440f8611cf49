"""Dated action plans on the Japanese business calendar (CONTRACTS §4).

The sequence follows the seed article (call first, confirm in writing within the hour,
call again when the recruiter is absent, write first after two failed calls, follow up
after two silent business days, accept a refusal); the words live in data/plan.toml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any, Literal

from naitei.calendar import BusinessCalendar, Window, calendar_data
from naitei.case import Case, Company, DeclineCase, OfferTerms, WithdrawalCase
from naitei.knowledge import RecordError, load_records
from naitei.labels import ja_window
from naitei.schools import employer_noun, school_of
from naitei.shape import Shaped, meta

Channel = Literal["phone", "email", "visit", "letter"]
To = Literal["company", "agent", "school"]
DECLINE_CALLS_PER_WINDOW = 3


@dataclass(frozen=True)
class Step(Shaped):
    id: str
    title: str
    channel: Channel | None = None
    to: To | None = field(default=None, metadata=meta(omit="empty"))
    window: Window | None = field(default=None, metadata=meta(omit="empty"))
    due: dt.datetime | None = field(default=None, metadata=meta(omit="empty"))
    company: str | None = field(default=None, metadata=meta(omit="empty"))
    detail: str = field(kw_only=True)  # last in the JSON object, always given


@dataclass(frozen=True)
class Plan(Shaped):
    now: dt.datetime
    steps: tuple[Step, ...]

    def first_contact(self) -> Step:
        return next(step for step in self.steps if step.window is not None)


@dataclass(frozen=True)
class _FirstApology:
    """What the first call apologises for, by how the decline was made."""

    told: str
    proxy: str
    silent: str

    def for_channel(self, channel: str) -> str:
        """The apology for a decline made through ``channel`` (``case.Channel``)."""
        return self.silent if channel == "none" else self.proxy if channel == "proxy" else self.told


@dataclass(frozen=True)
class _PlanTexts:
    """plan.toml: the words of the steps (title, detail and the variants a step adds)."""

    first_apology: _FirstApology
    steps: dict[str, dict[str, str]]


def _titled(texts: _PlanTexts) -> None:
    for key, text in texts.steps.items():
        for part in ("title", "detail"):
            if part not in text:
                raise RecordError(f"steps.{key}.{part}", "missing")


@cache
def _plan_texts() -> _PlanTexts:
    loaded: _PlanTexts = load_records("plan", _PlanTexts, _titled, allow_empty=False)
    return loaded


def _texts() -> dict[str, dict[str, str]]:
    return _plan_texts().steps


def _step(key: str, values: dict[str, str], **fields: Any) -> Step:
    text = _texts()[key]
    return Step(
        id=fields.pop("id", key),
        title=text["title"].format_map(values),
        detail=text["detail"].format_map(values),
        **fields,
    )


def _without_email(step: Step, key: str, values: dict[str, str]) -> Step:
    """The step as it reads when the address it writes to is unknown (its texts' no_email, and
    no_email_title when the title names an email): a plan never tells the user to send a
    message to nobody (reader 4, A2)."""
    text = _texts()[key]
    title = text.get("no_email_title", text["title"]).format_map(values)
    return replace(step, title=title, detail=text["no_email"].format_map(values))


def _add_detail(step: Step, key: str, text: str, values: dict[str, str]) -> Step:
    """The step with one more sentence of its texts' `text` entry (e.g. not_today)."""
    return replace(step, detail=step.detail + _texts()[key][text].format_map(values))


def who(company: Company) -> str:
    """How to name the person asked for: 人事部 採用担当 佐藤様 / 人事部 採用ご担当者様."""
    if company.contact_name:
        person = f"{company.contact_title} {company.contact_name}様".strip()
    else:
        person = "採用ご担当者様"
    title = company.contact_title if company.contact_name else ""
    if not company.department or (title and title.startswith(company.department)):
        return person  # 看護部長 松田様, not 看護部 看護部長 松田様
    return f"{company.department} {person}"


def calendar_for(company: Company) -> BusinessCalendar:
    opens, closes = company.opening_minutes
    return BusinessCalendar(opens, closes, frozenset(company.closed_days))


def make_plan(case: Case, now: dt.datetime) -> Plan:
    if isinstance(case, WithdrawalCase):
        return withdrawal_plan(case, now)
    return decline_plan(case, now)


def withdrawal_plan(case: WithdrawalCase, now: dt.datetime) -> Plan:
    """The steps of a withdrawal. On the agent route the calls go to the agent, whose hours are
    not the employer's: they follow ordinary business hours (the visit and the letter, to the
    employer, follow the employer's)."""
    company_cal = calendar_for(case.company)
    via = case.offer.via
    cal = calendar_for(Company(name=case.company.name)) if via == "agent" else company_cal
    times = calendar_data().plan
    ready = now + times.prepare
    first = cal.next_window(ready)
    call_window = cal.next_window(first.end) if via == "school" else first
    retry = cal.next_window(call_window.end)
    next_day = company_cal.first_window_on(company_cal.next_business_day(call_window.start.date()))
    follow = cal.first_window_on(
        cal.add_business_days(call_window.start.date(), times.silent_business_days + 1)
    )
    values = _values(case.company, case.offer, case.applicant.school, via)
    school_channel: Channel = "visit" if school_of(case.applicant.school).in_person else "phone"
    values |= {
        "first_window": ja_window(first.start, first.end),
        "call_window": ja_window(call_window.start, call_window.end),
        "retry_window": ja_window(retry.start, retry.end),
        "prepare_minutes": str(times.prepare_minutes),
        "silent_days": str(times.silent_business_days),
        "first_apology": _plan_texts().first_apology.for_channel(case.decline.channel),
        "callee": values["agent_person"] if via == "agent" else values["noun"],
    }
    contact: To = "agent" if via == "agent" else "company"
    prepare = _step("prepare", values, due=ready)
    if first.start.date() != now.astimezone(first.start.tzinfo).date():
        prepare = _add_detail(prepare, "prepare", "not_today", values)
    if via != "agent" and not case.company.phone:
        prepare = _add_detail(prepare, "prepare", "no_number", values)
    if not case.applicant.phone and not case.applicant.email:
        prepare = _add_detail(prepare, "prepare", "no_contact", values)
    emailed = bool(case.offer.agent_email if via == "agent" else case.company.email)
    steps = [prepare]
    if via == "school":
        steps.append(
            _step("consult_school", values, channel=school_channel, to="school", window=first)
        )
    call_key = "call_agent" if via == "agent" else "call"
    unreached = _step("email_if_unreached", values, channel="email", to=contact, window=retry)
    if not emailed:  # no address: call again on the next business day, or write a letter
        day_after = cal.first_window_on(cal.next_business_day(retry.start.date()))
        unreached = replace(unreached, channel="phone", window=day_after)
    later = [
        _step("confirm_email", values, channel="email", to=contact, window=call_window),
        _step("call_retry", values, channel="phone", to=contact, window=retry),
        unreached,
        _step("visit", values, channel="visit", to="company", window=next_day),
        _step("letter", values, channel="letter", to="company", window=next_day),
        _step("follow_up", values, channel="phone", to=contact, window=follow),
    ]
    if via == "agent":  # the employer is reached through the agent, never round it (B8)
        later = [
            _add_detail(step, step.id, "via_agent", values)
            if step.id in ("visit", "letter")
            else step
            for step in later
        ]
    if not emailed:
        later = [
            _without_email(step, step.id, values) if "no_email" in _texts()[step.id] else step
            for step in later
        ]
    call = _step(call_key, values, id="call", channel="phone", to=contact, window=call_window)
    if via == "school":  # the school's instructions come first (reader 4, C11)
        call = _add_detail(call, "call", "via_school", values)
    steps += [call, *later]
    if via == "school":
        steps.append(
            # It waits for the reply (its title says so; reader 5, C4); the window a contact
            # step must have (CONTRACTS §4) is shown as a guide (render.CONDITIONAL).
            _step("report_school", values, channel=school_channel, to="school", window=follow)
        )
    steps.append(_step("fallback", values))
    return Plan(now=now, steps=tuple(steps))


def decline_plan(case: DeclineCase, now: dt.datetime) -> Plan:
    times = calendar_data().plan
    ready = now + times.prepare
    calendars = [calendar_for(company) for company in case.companies]
    first = calendars[0].next_window(ready)
    values = {
        "first_window": ja_window(first.start, first.end),
        "prepare_minutes": str(times.prepare_minutes),
    }
    prepare = _step("decline_prepare", values, id="prepare", due=ready)
    unknown = [c.name for c in case.companies if c.via != "agent" and not c.phone]
    if unknown:
        values["names"] = "、".join(unknown)
        prepare = _add_detail(prepare, "decline_prepare", "no_number", values)
    steps = [prepare]
    for index, company in enumerate(case.companies, start=1):
        # Spread the calls: a few per window, each company on its own calendar.
        earliest = ready
        for _ in range((index - 1) // DECLINE_CALLS_PER_WINDOW):
            earliest = calendars[0].next_window(earliest).end
        window = calendars[index - 1].next_window(earliest)
        steps += _decline_steps(case, index, company, window)
    return Plan(now=now, steps=tuple(steps))


def _decline_steps(case: DeclineCase, index: int, company: Any, window: Window) -> list[Step]:
    values = _values(company, company, case.applicant.school, company.via)
    values["email_to"] = values["agent_person"] if company.via == "agent" else company.name
    name = company.name
    steps = []
    if company.via == "school":
        in_person = school_of(case.applicant.school).in_person
        steps.append(
            _step(
                "decline_school",
                values,
                id=f"school-{index}",
                channel="visit" if in_person else "phone",
                to="school",
                window=window,
                company=name,
            )
        )
    call_key = "decline_call_agent" if company.via == "agent" else "decline_call"
    to: To = "agent" if company.via == "agent" else "company"
    steps.append(
        _step(
            call_key,
            values,
            id=f"call-{index}",
            channel="phone",
            to=to,
            window=window,
            company=name,
        )
    )
    email = _step(
        "decline_email",
        values,
        id=f"email-{index}",
        channel="email",
        to=to,
        window=window,
        company=name,
    )
    if not (company.agent_email if company.via == "agent" else company.email):
        email = _without_email(email, "decline_email", values)
    if company.email_first:  # the email decides; a call is a courtesy (reader 4, A3)
        texts = _texts()
        call = steps.pop()
        call = replace(
            call,
            title=texts[call_key]["after_email_title"].format_map(values),
            detail=texts[call_key]["after_email"].format_map(values),
        )
        email = replace(email, detail=texts["decline_email"]["first"].format_map(values))
        return [*steps, email, call]
    steps.append(email)
    return steps


def agent_person(agent: OfferTerms) -> str:
    """The agent's person as a step names them: 〇〇エージェントの森様 when the case gives the
    contact (reader 3, C8), else 〇〇エージェントの担当者."""
    name = agent.agent_name or "エージェント"
    return f"{name}の{agent.agent_contact}様" if agent.agent_contact else f"{name}の担当者"


def _values(company: Company, agent: OfferTerms, school: str, via: str) -> dict[str, str]:
    office = school_of(school)
    beside = office if via == "school" else None
    return {
        "company": company.name,
        "who": who(company),
        "noun": employer_noun(company.employer.noun, company.name, beside),
        "agent_name": agent.agent_name or "エージェント",
        "agent_person": agent_person(agent),
        "school": office.name,
        "school_office": office.office,
        "school_word": office.word,
        "school_consult": office.consult,
    }
