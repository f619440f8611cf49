"""The whole withdrawal kit as values: assessment, plan and every document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from naitei.assess import Assessment, assess
from naitei.case import WithdrawalCase
from naitei.compose import withdrawal
from naitei.compose.model import Document
from naitei.plan import Plan, withdrawal_plan


@dataclass(frozen=True)
class Kit:
    assessment: Assessment
    plan: Plan
    documents: dict[str, Document]  # phone, visit, email, email-unreached, letter

    def to_dict(self) -> dict[str, Any]:
        return {
            "version": 1,
            "now": self.plan.now.isoformat(),
            "assessment": self.assessment.to_dict(),
            "plan": self.plan.to_dict(),
            "documents": {name: doc.to_dict() for name, doc in self.documents.items()},
        }


def withdrawal_kit(case: WithdrawalCase, now: dt.datetime) -> Kit:
    plan = withdrawal_plan(case, now)
    return Kit(
        assessment=assess(case, now),
        plan=plan,
        documents={
            "phone": withdrawal.phone(case, now, plan=plan),
            "visit": withdrawal.visit(case, now),
            "email": withdrawal.email(case, now, after_call=True, plan=plan),
            "email-unreached": withdrawal.email(case, now, after_call=False, plan=plan),
            "letter": withdrawal.letter(case, now, plan=plan),
        },
    )
