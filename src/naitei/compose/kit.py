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
            "documents": {name: document_dict(doc) for name, doc in self.documents.items()},
        }


def document_dict(document: Document) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": document.kind, "title": document.title, "text": document.text}
    if document.subject is not None:
        data["subject"] = document.subject
    if document.to_address is not None:
        data["to"] = document.to_address
    if document.notes:
        data["notes"] = list(document.notes)
    return data


def withdrawal_kit(case: WithdrawalCase, now: dt.datetime) -> Kit:
    plan = withdrawal_plan(case, now)
    return Kit(
        assessment=assess(case, now),
        plan=plan,
        documents={
            "phone": withdrawal.phone(case, now, plan=plan),
            "visit": withdrawal.visit(case, now),
            "email": withdrawal.email(case, now, after_call=True),
            "email-unreached": withdrawal.email(case, now, after_call=False),
            "letter": withdrawal.letter(case, now, plan=plan),
        },
    )
