"""The whole withdrawal kit as values: assessment, plan and every document."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from naitei.assess import Assessment, assess
from naitei.case import WithdrawalCase
from naitei.compose import withdrawal
from naitei.compose.model import Document
from naitei.plan import Plan, withdrawal_plan
from naitei.shape import Shaped


@dataclass(frozen=True)
class Kit(Shaped):
    version: Literal[1] = field(default=1, init=False)
    now: dt.datetime = field(init=False)  # the plan's
    assessment: Assessment
    plan: Plan
    documents: dict[str, Document]  # phone, visit, email, email-unreached, letter

    def __post_init__(self) -> None:
        object.__setattr__(self, "now", self.plan.now)


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
