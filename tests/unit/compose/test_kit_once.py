"""A kit computes the assessment and the plan once and hands them to every document: each
document of the withdrawal kit is built from the kit's own plan, never a plan of its own."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import naitei.assess
import naitei.plan
from naitei.case import WithdrawalCase, load_case
from naitei.compose import kit as kit_module
from naitei.compose import withdrawal

CASES = sorted((Path(__file__).resolve().parents[2] / "fixtures" / "cases").glob("*.toml"))
NOW = dt.datetime(2027, 2, 3, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9)))


def _counted(calls: Counter[str], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return function(*args, **kwargs)

    return counted


@pytest.mark.parametrize("path", CASES, ids=lambda path: path.stem)
def test_the_kit_assesses_and_plans_once(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = load_case(path)
    if not isinstance(case, WithdrawalCase):
        pytest.skip("a decline file has no assessment or plan")
    calls: Counter[str] = Counter()
    plan = _counted(calls, "plan", naitei.plan.withdrawal_plan)
    assess = _counted(calls, "assess", naitei.assess.assess)
    for module in (kit_module, withdrawal, naitei.plan):
        if hasattr(module, "withdrawal_plan"):
            monkeypatch.setattr(module, "withdrawal_plan", plan)
    for module in (kit_module, withdrawal, naitei.assess):
        if hasattr(module, "assess"):
            monkeypatch.setattr(module, "assess", assess)
    kit = kit_module.withdrawal_kit(case, NOW)
    assert calls == Counter({"plan": 1, "assess": 1})
    assert kit.documents and kit.now == kit.plan.now
