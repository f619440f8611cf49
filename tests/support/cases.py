"""The examples, a fixed clock and a builder for withdrawal cases."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

from naitei.calendar import JST
from naitei.case import WithdrawalCase, parse_case

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
FIXTURES = ROOT / "tests" / "fixtures"
NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)  # a Wednesday night
SENT_HEADERS = frozenset(
    {
        "To",
        "From",
        "Subject",
        "Date",
        "Message-ID",
        "Content-Type",
        "Content-Transfer-Encoding",
        "MIME-Version",
    }
)  # every header of a message naitei sends over SMTP, and no other
EML_HEADERS = (SENT_HEADERS - {"Date"}) | {"X-Unsent"}
# every header a naitei .eml carries, and no other: a draft (X-Unsent: 1, no Date until sent)
KIT_FILES = frozenset(
    {
        "assessment.md",
        "plan.md",
        "plan.ics",
        "phone.md",
        "visit.md",
        "email.txt",
        "email.eml",
        "letter.txt",
        "letter.pdf",
        "kit.json",
    }
)  # the files every withdrawal kit holds (CONTRACTS §5)

BASE_CASE: dict[str, Any] = {
    "version": 1,
    "purpose": "withdraw",
    "applicant": {
        "name": "山田 太郎",
        "kind": "new_grad",
        "school": "東西大学",
        "email": "taro@example.com",
        "phone": "090-1234-5678",
    },
    "company": {
        "name": "株式会社サンプル",
        "department": "人事部",
        "contact_name": "佐藤",
        "email": "saiyo@example.co.jp",
    },
    "offer": {"accepted": True, "via": "direct"},
    "decline": {
        "declined_at": dt.datetime(2026, 11, 20, 15, 0, tzinfo=JST),
        "channel": "email",
        "reason": "other_offer",
        "explained": True,
        "thanked": True,
        "company_response": "acknowledged",
    },
    "withdrawal": {"why": "other_offer_lost", "position": "unknown"},
}


def case_data(**changes: Any) -> dict[str, Any]:
    """A copy of BASE_CASE with changes given as table__key=value (e.g. decline__channel='phone')."""
    data = copy.deepcopy(BASE_CASE)
    for dotted, value in changes.items():
        table, key = dotted.split("__", 1)
        if value is None:
            data[table].pop(key, None)
        else:
            data[table][key] = value
    return data


# make_case's changes for an offer made through an agent (its firm, contact and address).
AGENT = {
    "offer__via": "agent",
    "offer__agent_name": "キャリアブリッジ",
    "offer__agent_contact": "鈴木",
    "offer__agent_email": "suzuki@example.com",
}


# make_case's changes for a mid-career applicant (no school).
MID_CAREER = {"applicant__kind": "mid_career", "applicant__school": None}


def make_case(**changes: Any) -> WithdrawalCase:
    case = parse_case(case_data(**changes))
    assert isinstance(case, WithdrawalCase)
    return case


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def example(name: str) -> dict[str, Any]:
    """An example case file as JSON-ready data (the body of the API)."""
    with (EXAMPLES / name).open("rb") as handle:
        return copy.deepcopy(_jsonable(tomllib.load(handle)))
