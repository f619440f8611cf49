"""Generated cases across employer kinds, routes and ways of declining: the documents of every
one must pass the checker and the repetition test (issue 12)."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator
from typing import Any

from naitei.calendar import JST
from naitei.case import Case, DeclineCase, parse_case
from naitei.compose import draft
from naitei.compose.model import Document
from tests.support.cases import EXAMPLES, FIXTURES, case_data
from tests.unit.compose.golden import CASES as GOLDEN_CASES

# One employer of every kind (and the finer public offices), as an applicant would type it.
EMPLOYERS: dict[str, dict[str, Any]] = {
    "company": {"name": "株式会社みなと精機"},
    "bank": {"name": "株式会社東西銀行"},
    "shinkin": {"name": "東西信用金庫"},
    "cooperative": {"name": "東西農業協同組合"},
    "hospital": {"name": "医療法人社団青葉会 青葉病院"},
    "public-hospital": {"name": "横浜市立みなと病院"},
    "nursery": {"name": "社会福祉法人さくら会 さくら保育園"},
    "school": {"name": "学校法人北斗学園 北斗高等学校"},
    "university": {"name": "国立大学法人東西大学"},
    "city": {"name": "横浜市役所"},
    "prefecture": {"name": "福岡県"},
    "ministry": {"name": "厚生労働省"},
    "corporation": {"name": "一般財団法人東西文化財団"},
    "association": {"name": "公益社団法人日本看護協会"},
    "office": {"name": "山田法律事務所"},
    "custom": {
        "name": "東西研究機構",
        "kind": "corporation",
        "honorific": ["貴研究機構", "御研究機構"],
    },
}
# How the offer came and how the decline was made, with what the employer answered.
ROUTES: dict[str, dict[str, Any]] = {
    "direct-email": {"offer__via": "direct", "decline__channel": "email"},
    "direct-phone-retained": {
        "offer__via": "direct",
        "decline__channel": "phone",
        "decline__company_response": "retained",
    },
    "agent-through": {
        "offer__via": "agent",
        "offer__agent_name": "キャリアブリッジ",
        "offer__agent_contact": "鈴木",
        "offer__agent_email": "suzuki@careerbridge.example.com",
        "decline__channel": "agent",
    },
    "agent-direct-decline": {
        "offer__via": "agent",
        "offer__agent_name": "キャリアブリッジ",
        "decline__channel": "phone",
    },
    "school-chat": {"offer__via": "school", "decline__channel": "chat"},
    "none-angry": {
        "decline__channel": "none",
        "decline__company_response": "angry",
        "decline__explained": False,
        "decline__thanked": False,
    },
    "proxy-paperwork": {
        "decline__channel": "proxy",
        "decline__paperwork_done": True,
        "withdrawal__why": "changed_mind",
    },
    "letter-health-evidence": {
        "decline__channel": "letter",
        "decline__reason": "health",
        "decline__explained": False,
        "withdrawal__why": "situation_resolved",
        "withdrawal__evidence": True,
        "withdrawal__strengths": ["設計の基礎知識"],
        "company__email": None,
    },
}
SCHOOLS = {"university": "東西大学", "high-school": "北斗工業高等学校"}


def withdrawal_cases() -> Iterator[tuple[str, Case]]:
    """(label, case) for every employer kind × route, a new graduate from a university or a
    high school (school routes) and a mid-career applicant (the agent routes)."""
    for kind, employer in EMPLOYERS.items():
        for route, changes in ROUTES.items():
            data = case_data(**changes)
            data["company"] = {**data["company"], **employer}
            if route.startswith("agent"):
                data["applicant"] = {
                    "name": "高橋 美咲",
                    "kind": "mid_career",
                    "phone": "080-2345-6789",
                }
            for school_kind, school in SCHOOLS.items():
                if school_kind == "high-school" and route != "school-chat":
                    continue
                if "school" in data["applicant"]:
                    data["applicant"]["school"] = school
                yield f"{kind}/{route}/{school_kind}", parse_case(copy.deepcopy(data))


def decline_cases() -> Iterator[tuple[str, Case]]:
    """(label, case): decline files of three companies of different kinds (every kind in turn),
    the first applied for directly, the second through an agent, the third through the school;
    the reason written with 御社, as applicants do."""
    kinds = list(EMPLOYERS)
    for number, kind in enumerate(kinds):
        routes: list[dict[str, Any]] = [
            {"email": "saiyo@example.jp", "accepted": True, "via": "direct"},
            {"accepted": False, "via": "agent", "agent_name": "キャリアブリッジ"},
            {"accepted": True, "via": "school", "phone": "03-1234-5678"},
        ]
        companies = [
            {**EMPLOYERS[kinds[(number + offset) % len(kinds)]], **route}
            for offset, route in enumerate(routes)
        ]
        school = "北斗工業高等学校" if number % 2 else "東西大学"
        data = {
            "version": 1,
            "purpose": "decline",
            "applicant": {
                "name": "加藤 陸",
                "kind": "new_grad",
                "school": school,
                "email": "riku@example.jp",
            },
            "decline": {
                "reason": "other_offer",
                "reason_detail": "御社と最後まで迷いましたが、他社への入社を決めました",
            },
            "companies": companies,
        }
        yield f"{kind}/decline", parse_case(data)


NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)


CASE_FILES = sorted(EXAMPLES.glob("*.toml")) + sorted((FIXTURES / "cases").glob("*.toml"))
CASE_FILES += sorted(GOLDEN_CASES.glob("*.toml"))


def documents(case: Case, now: dt.datetime) -> list[tuple[int, Document]]:
    """(company index, document) for every document of a case."""
    if isinstance(case, DeclineCase):
        return [
            (i, draft(kind, case, now, company=i + 1))
            for i in range(len(case.companies))
            for kind in ("decline-email", "decline-phone")
        ]
    docs = [draft(kind, case, now) for kind in ("phone", "visit", "email", "letter")]
    return [(0, doc) for doc in [*docs, draft("email", case, now, after_call=False)]]
