"""Feasibility of a withdrawal: the five conditions and an honest verdict band (CONTRACTS §3).

All knowledge (texts, points, caps, rules) lives in naitei/data/assess.toml; this module only
derives facts from the case and interprets the data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Literal

from naitei.calendar import JST
from naitei.case import WithdrawalCase, days_between
from naitei.errors import InputError
from naitei.knowledge import Facts, RecordError, check_placeholders, fact, load_records, matches
from naitei.labels import ja_date, label
from naitei.plan import agent_person
from naitei.schools import employer_noun, school_of
from naitei.shape import Shaped

Verdict = Literal["possible", "hard", "very_hard", "near_impossible"]
Status = Literal["met", "unmet", "unknown"]
# The five conditions of CONTRACTS §3 (data/assess.toml lists them in this order).
ConditionId = Literal[
    "baseline", "position_open", "needed", "unavoidable_reason", "decline_conduct"
]
CONDITION_IDS = ("baseline", "position_open", "needed", "unavoidable_reason", "decline_conduct")
TEXT_KEYS = {
    "elapsed",
    "since",
    "company",
    "reason_label",
    "channel_label",
    "response_label",
    "strengths_text",
    "declined_on",
    "two_weeks_after",
    "start_date",
    "agent_name",
    "agent_person",
    "school",
    "school_office",
    "school_word",
    "noun",
    "join",
}


@dataclass(frozen=True)
class _Rule:
    when: dict[str, list[str]]
    status: Status
    explanation: str
    advice: str


@dataclass(frozen=True)
class _Condition:
    id: ConditionId
    title: str
    rules: tuple[_Rule, ...]


@dataclass(frozen=True)
class _Cap:
    id: str
    when: dict[str, list[str]]
    at_best: Verdict
    blocker: str = ""


@dataclass(frozen=True)
class _Note:
    id: str
    when: dict[str, list[str]]
    text: str


@dataclass(frozen=True)
class _Bucket:
    """A bucket of days since the decline (``[[days_buckets]]``, shortest first)."""

    id: str
    max_days: int

    def holds(self, days: int) -> bool:
        return days <= self.max_days


@dataclass(frozen=True)
class _Knowledge:
    """assess.toml: the verdicts in order, the points and caps, the five conditions' rules."""

    order: tuple[Verdict, ...]
    thresholds: dict[str, int]
    summary: dict[Verdict, str]
    days_buckets: tuple[_Bucket, ...]
    reason_class: dict[str, str]
    points: dict[str, dict[str, int]]
    caps: tuple[_Cap, ...]
    conditions: tuple[_Condition, ...]
    notes: tuple[_Note, ...]


def _consistent(data: _Knowledge) -> None:
    if tuple(c.id for c in data.conditions) != CONDITION_IDS:
        raise RecordError("conditions", f"must be {CONDITION_IDS}")
    for condition in data.conditions:
        if not condition.rules or condition.rules[-1].when:
            raise RecordError(f"conditions[{condition.id}].rules", "the last rule has no when")
    texts = [r.explanation for c in data.conditions for r in c.rules]
    texts += [c.title for c in data.conditions] + list(data.summary.values())
    texts += [r.advice for c in data.conditions for r in c.rules]
    texts += [n.text for n in data.notes] + [c.blocker for c in data.caps]
    for text in texts:
        check_placeholders("", text, TEXT_KEYS)


@cache
def knowledge() -> _Knowledge:
    loaded: _Knowledge = load_records("assess", _Knowledge, _consistent)
    return loaded


@dataclass(frozen=True)
class Condition(Shaped):
    id: ConditionId
    status: Status
    title: str
    explanation: str
    advice: str


@dataclass(frozen=True)
class Blocker(Shaped):
    id: str
    message: str


@dataclass(frozen=True)
class Assessment(Shaped):
    """Its JSON object (to_dict) is CONTRACTS §3 plus `summary` and `days_since_decline`."""

    verdict: Verdict
    verdict_label: str
    summary: str
    days_since_decline: int
    conditions: tuple[Condition, ...]
    blockers: tuple[Blocker, ...]
    notes: tuple[str, ...]


def assess(case: WithdrawalCase, now: dt.datetime) -> Assessment:
    """The five conditions, the verdict band and the notes for a withdrawal case at `now`."""
    data = knowledge()
    days = days_since_decline(case, now)
    facts = derive_facts(case, now, days)
    texts = text_values(case, days)
    verdict, blockers = _verdict(data, facts, texts)
    assessment = Assessment(
        verdict=verdict,
        verdict_label=label("verdict", verdict),
        summary=data.summary[verdict].format_map(texts),
        conditions=tuple(_condition(c, facts, texts) for c in data.conditions),
        blockers=blockers,
        notes=tuple(n.text.format_map(texts) for n in data.notes if matches(n.when, facts)),
        days_since_decline=days,
    )
    return _other_offer_words(case, assessment)


def _other_offer_words(case: WithdrawalCase, assessment: Assessment) -> Assessment:
    """The assessment's 他社の内定 said 他の内定 when the user's words name no company as the
    other offer (国の機関, 大学病院 …: reader 4, B1), as the documents say it."""
    from dataclasses import replace

    from naitei.compose.phrases import neutral_other, other_is_company

    if other_is_company(case.decline.reason_detail, case.withdrawal.why_detail):
        return assessment
    conditions = tuple(
        replace(c, explanation=neutral_other(c.explanation), advice=neutral_other(c.advice))
        for c in assessment.conditions
    )
    return replace(
        assessment,
        summary=neutral_other(assessment.summary),
        conditions=conditions,
        notes=tuple(neutral_other(note) for note in assessment.notes),
    )


def days_since_decline(case: WithdrawalCase, now: dt.datetime) -> int:
    days = days_between(case.decline.declined_at, now)
    if days < 0:
        raise InputError(
            "辞退した日時（[decline].declined_at）より前の日時になっています", field="now"
        )
    return days


def score(facts: Facts) -> int:
    """The sum of the points tables for these facts."""
    points = knowledge().points
    total = 0
    for name, table in points.items():
        if name == "evidence_for_reason":
            total += table[f"{facts['reason_class']}_{facts['evidence']}"]
        else:
            total += table[facts[name]]
    return total


def _verdict(
    data: _Knowledge, facts: Facts, texts: dict[str, str]
) -> tuple[Verdict, tuple[Blocker, ...]]:
    total = score(facts)
    band: Verdict = data.order[-1]
    for candidate in data.order[:-1]:
        if total >= data.thresholds[candidate]:
            band = candidate
            break
    blockers = []
    for cap in data.caps:
        if matches(cap.when, facts):
            if data.order.index(cap.at_best) > data.order.index(band):
                band = cap.at_best
            if cap.blocker:
                blockers.append(Blocker(cap.id, cap.blocker.format_map(texts)))
    return band, tuple(blockers)


def _condition(condition: _Condition, facts: Facts, texts: dict[str, str]) -> Condition:
    rule = next(r for r in condition.rules if matches(r.when, facts))
    return Condition(
        id=condition.id,
        status=rule.status,
        title=condition.title.format_map(texts),
        explanation=rule.explanation.format_map(texts),
        advice=rule.advice.format_map(texts),
    )


def derive_facts(case: WithdrawalCase, now: dt.datetime, days: int) -> dict[str, str]:
    data = knowledge()
    decline, withdrawal, offer = case.decline, case.withdrawal, case.offer
    bucket = next(b.id for b in data.days_buckets if b.holds(days))
    today = now.astimezone(JST).date()
    start = offer.start_date
    two_weeks = decline.declined_at.astimezone(JST).date() + dt.timedelta(days=14)
    return {
        "days_bucket": bucket,
        "channel": decline.channel,
        "explained": fact(decline.explained),
        "thanked": fact(decline.thanked),
        "company_response": decline.company_response,
        "paperwork_done": fact(decline.paperwork_done),
        "reason": decline.reason,
        "reason_class": data.reason_class[decline.reason],
        "evidence": fact(withdrawal.evidence),
        "position": withdrawal.position,
        "why": withdrawal.why,
        "accepted": fact(offer.accepted),
        "via": offer.via,
        "has_strengths": fact(bool(withdrawal.strengths)),
        "start_known": fact(start is not None),
        "start_passed": fact(start is not None and start <= today),
        "two_weeks_before_start": fact(start is not None and two_weeks < start),
        "kind": case.applicant.kind,
        "law": case.company.employer.law,
        "employer_kind": case.company.employer.kind,
    }


def _strengths_text(strengths: list[str]) -> str:
    """The strengths as the documents say them (介護福祉士の資格、…), not as typed."""
    from naitei.compose.restyle import as_noun
    from naitei.compose.words import analyse

    return "、".join(as_noun(analyse(item)) or item for item in strengths)


def _since(channel: str, days: int) -> str:
    """How long ago the decline was (辞退は3日前のことです), or, when no decline was made, how
    long the applicant has not answered."""
    if channel == "none":
        return (
            "お返事をしないまま、今日に至っています。"
            if days == 0
            else f"お返事をしないまま{days}日がたっています。"
        )
    return "辞退は今日のことです。" if days == 0 else f"辞退は{days}日前のことです。"


def text_values(case: WithdrawalCase, days: int) -> dict[str, str]:
    decline, offer = case.decline, case.offer
    employer, school = case.company.employer, school_of(case.applicant.school)
    declined_on = decline.declined_at.astimezone(JST).date()
    return {
        "elapsed": "今日のことです" if days == 0 else f"{days}日前のことです",
        "since": _since(decline.channel, days),
        "company": case.company.name,
        "reason_label": label("reason", decline.reason),
        "channel_label": label("channel", decline.channel),
        "response_label": label("company_response", decline.company_response),
        "strengths_text": _strengths_text(case.withdrawal.strengths),
        "declined_on": ja_date(declined_on),
        "two_weeks_after": ja_date(declined_on + dt.timedelta(days=14)),
        "start_date": ja_date(offer.start_date) if offer.start_date else "未定",
        "agent_name": offer.agent_name or "エージェント",
        "agent_person": agent_person(offer),
        "school": school.name,
        "school_office": school.office,
        "school_word": school.word,
        "noun": employer_noun(
            employer.noun, case.company.name, school if offer.via == "school" else None
        ),
        "join": employer.join,
    }
