"""Use cases shared by the CLI and the web app: they take validated values and return values."""

from __future__ import annotations

import datetime as dt

from naitei.assess import Assessment, assess
from naitei.calendar import JST
from naitei.case import Case, WithdrawalCase
from naitei.errors import InputError
from naitei.plan import Plan, make_plan


def parse_now(text: str | None, option: str = "--now") -> dt.datetime:
    """An ISO 8601 moment (Japan time when no offset is given); the current time when None."""
    if text is None:
        return dt.datetime.now(JST).replace(microsecond=0)
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(
            f"{option}: '{text}' は日時の形ではありません（例: 2026-11-25T21:00:00+09:00）"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=JST)


def require_withdrawal(case: Case, command: str) -> WithdrawalCase:
    if not isinstance(case, WithdrawalCase):
        raise InputError(
            f'{command}: 辞退の撤回のケース（purpose = "withdraw"）を指定してください。'
            "これから辞退する場合は naitei decline を使います"
        )
    return case


def assess_case(case: Case, now: dt.datetime) -> tuple[Assessment, Plan]:
    """The assessment and, for its 'next step', the plan."""
    withdrawal = require_withdrawal(case, "assess")
    return assess(withdrawal, now), make_plan(withdrawal, now)


def plan_case(case: Case, now: dt.datetime) -> Plan:
    if isinstance(case, WithdrawalCase):
        # Validate the clock against the decline like assess does.
        from naitei.assess import days_since_decline

        days_since_decline(case, now)
    return make_plan(case, now)
