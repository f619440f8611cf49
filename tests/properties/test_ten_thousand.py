"""The slow proof (issue 8): 10,000 generated cases, each taken through the whole product —
assessment, plan, every document, the checker and the .eml — checking the CONTRACTS
properties on every one. The example count is printed with `pytest -s` and fixed by
`EXAMPLES` below."""

from __future__ import annotations

import datetime as dt
from email import policy
from email.parser import BytesParser
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from naitei.assess import assess
from naitei.case import WithdrawalCase, parse_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from naitei.compose.model import CHECK_KIND, MEDIUM
from naitei.export.kit import email_eml
from naitei.plan import make_plan
from tests.support import oracles
from tests.support.cases import EML_HEADERS
from tests.support.strategies import realistic_withdrawal

pytestmark = pytest.mark.slow
EXAMPLES = 10_000


def check_documents(case: WithdrawalCase, now: dt.datetime) -> None:
    context = CheckContext.from_case(case)
    documents = [draft(kind, case, now) for kind in ("phone", "visit", "email", "letter")]
    documents.append(draft("email", case, now, after_call=False))
    for document in documents:
        wrong = "御社" if MEDIUM[document.kind] == "written" else "貴社"
        assert wrong not in document.text
        report = check_text(document.text, CHECK_KIND[document.kind], "withdraw", context)  # type: ignore[arg-type]
        errors = [
            (f.rule, document.text[f.start : f.end])
            for f in report.findings
            if f.severity == "error"
        ]
        assert errors == [], (document.kind, errors)
        if document.kind == "email":
            check_eml(document, case, now)


def check_eml(document: Any, case: WithdrawalCase, now: dt.datetime) -> None:
    raw = email_eml(document, case, now)
    if raw is None:
        assert not document.to_address
        return
    message = BytesParser(policy=policy.default).parsebytes(raw)
    expected = EML_HEADERS if case.applicant.email else EML_HEADERS - {"From"}
    assert set(message.keys()) == expected
    assert message["Subject"] == document.subject
    assert [a.addr_spec for a in message["To"].addresses] == [document.to_address]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated=realistic_withdrawal())
def test_the_whole_product_on_generated_cases(
    generated: tuple[dict[str, Any], dt.datetime],
) -> None:
    data, now = generated
    case = parse_case(data)
    assert isinstance(case, WithdrawalCase)
    result = assess(case, now)
    assert [c.id for c in result.conditions] == [
        "baseline",
        "position_open",
        "needed",
        "unavoidable_reason",
        "decline_conduct",
    ]
    for table, key, worse, better in oracles.IMPROVEMENTS:
        assert oracles.rank(oracles.with_value(data, table, key, better), now) <= oracles.rank(
            oracles.with_value(data, table, key, worse), now
        )
    if case.withdrawal.position == "filled":
        assert result.verdict == "near_impossible"
    plan = make_plan(case, now).to_dict()
    hours, closed = case.company.hours, frozenset(case.company.closed_days)
    for step in plan["steps"]:
        if step["channel"]:
            oracles.check_step_window(step, hours, closed)
    check_documents(case, now)
