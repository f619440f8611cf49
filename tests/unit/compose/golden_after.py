"""The golden documents after the call (issue 17): each kind for contrasting cases (routes,
employer kinds, how the decline was made), once with no facts and once with the facts a user
would give. Regenerate after a deliberate change of wording with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/compose/test_after_golden.py

and read every changed text aloud before committing it.
"""

from __future__ import annotations

import datetime as dt

from naitei.case import DeclineCase
from naitei.compose import draft
from naitei.compose.after import WITHDRAW_KINDS
from naitei.compose.after_facts import USES, AfterFacts
from naitei.compose.model import Document
from naitei.services import document_text
from tests.unit.compose.golden import FIXTURES, load

GOLDEN_AFTER = FIXTURES / "golden_after"
WITHDRAW_CASES = (
    "g1-newgrad-email-direct",  # direct, a company, new graduate
    "g2-midcareer-agent-family",  # agent route
    "g3-school-health",  # school route
    "g9-bank-newgrad-phone",  # a bank: 貴行, 入行
    "g12-city-office",  # a city office: 貴市, the place one visits too (never 貴庁 beside it)
    "g13-prefecture-changed-mind",  # a prefecture: 貴県 throughout
    "g4-proxy-changed-mind",  # declined through a 代行業者
    "g17-none-silent",  # never declined: silence
    "r10-national-univ-agent",  # a university through an agent
)
DECLINE_CASES = ("d1-three-direct", "d2-agent-school", "d3-agent-decline-kinds")


def full_facts(kind: str, now: dt.datetime) -> AfterFacts:
    """What a user would say after the answer (only the facts this kind reads)."""
    today = now.date()
    visit = dt.datetime.combine(today + dt.timedelta(days=6), dt.time(14, 0), now.tzinfo)
    every = {
        "heard_by": "phone",
        "heard_on": today,
        "answer_by": today + dt.timedelta(days=5),
        "asked_on": today - dt.timedelta(days=4),
        "visit_at": visit,
        "place": "本庁舎 3階 応接室",
        "bring": ("履歴書", "内定通知書"),
        "asked_to_visit": True,
    }
    if kind.startswith("follow-up"):
        every["answer_by"] = today - dt.timedelta(days=1)
    return AfterFacts(**{name: value for name, value in every.items() if name in USES[kind]})


def bare_facts(kind: str, now: dt.datetime) -> AfterFacts:
    """The least a kind needs: nothing, or the visit's date and time."""
    if kind.startswith("follow-up"):  # the day of the request is required
        return AfterFacts(asked_on=now.date() - dt.timedelta(days=7))
    if kind != "visit-confirm":
        return AfterFacts()
    day = now.date() + dt.timedelta(days=6)
    return AfterFacts(visit_at=dt.datetime.combine(day, dt.time(10, 30), now.tzinfo))


def after_documents(name: str) -> dict[str, Document]:
    """File name -> document for every after-call document of a golden case."""
    case, now = load(name)
    out = {}
    if isinstance(case, DeclineCase):
        for index in range(1, len(case.companies) + 1):
            for label, maker in (("bare", bare_facts), ("full", full_facts)):
                facts = maker("decline-keep", now)
                made = draft("decline-keep", case, now, company=index, facts=facts)
                out[f"{index}-decline-keep-{label}.txt"] = made
        return out
    for kind in WITHDRAW_KINDS:
        for label, maker in (("bare", bare_facts), ("full", full_facts)):
            suffix = "md" if kind == "follow-up-phone" else "txt"
            out[f"{kind}-{label}.{suffix}"] = draft(kind, case, now, facts=maker(kind, now))
    return out


def texts(name: str) -> dict[str, str]:
    return {file: document_text(doc) for file, doc in after_documents(name).items()}
