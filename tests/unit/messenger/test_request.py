"""A request's states: approval of the exact wording, edits, the guardrail, withdrawal, the
dashboard and a CSV without sensitive fields."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from naitei.calendar import JST
from naitei.messenger import request as req
from naitei.messenger.report import CSV_COLUMNS, outcome_counts, report_csv, summary

T0 = dt.datetime(2026, 12, 3, 9, 0, tzinfo=JST)
GOOD = "山田様は、貴社の内定を辞退させていただきたいとのことです。"
BAD = "来年度の採用でご検討いただけないでしょうか。"


def hours(n: float) -> dt.datetime:
    return T0 + dt.timedelta(hours=n)


def make(ident: str = "r1", count: int = 2) -> req.ServiceRequest:
    drafts = [(f"株式会社テスト{n}", "company", GOOD) for n in range(1, count + 1)]
    return req.new_request(ident, T0, hours(24), drafts)


def test_a_company_goes_through_every_state_and_each_step_is_an_event() -> None:
    r = make()
    r = req.approve(r, 1, req.sha(GOOD), hours(1))
    r = req.send(r, 1, hours(2))
    r = req.answer(r, 1, "acknowledged", hours(5))
    r = req.close(r, 1, hours(6))
    assert r.targets[0].status == "closed" and r.targets[1].status == "drafted"
    assert [e.kind for e in r.timeline(1)] == ["drafted", "approved", "sent", "answered", "closed"]
    assert r.status == "drafted"  # the least advanced company


def test_nothing_is_sent_that_the_client_has_not_approved() -> None:
    with pytest.raises(req.TransitionError, match="承認した文面だけ"):
        req.send(make(), 1, hours(1))


def test_an_edit_after_approval_needs_a_new_approval() -> None:
    r = req.approve(make(), 1, req.sha(GOOD), hours(1))
    edited = GOOD.replace("山田様は、", "山田 太郎様は、")
    r = req.edit(r, 1, edited, hours(2))
    assert r.targets[0].status == "drafted" and not r.targets[0].approved
    with pytest.raises(req.TransitionError):
        req.send(r, 1, hours(3))
    with pytest.raises(req.TransitionError, match="変更がありました"):
        req.approve(r, 1, req.sha(GOOD), hours(3))  # the old wording's hash
    r = req.approve(r, 1, req.sha(edited), hours(3))
    assert req.send(r, 1, hours(4)).targets[0].status == "sent"


def test_a_blocked_draft_can_be_neither_approved_nor_sent() -> None:
    r = req.edit(make(), 1, BAD, hours(1))
    with pytest.raises(req.TransitionError, match="条件の交渉"):
        req.approve(r, 1, req.sha(BAD), hours(2))


def test_sent_wording_cannot_change_and_is_sent_once() -> None:
    r = req.send(req.approve(make(), 1, req.sha(GOOD), hours(1)), 1, hours(2))
    with pytest.raises(req.TransitionError, match="送信後"):
        req.edit(r, 1, GOOD, hours(3))
    with pytest.raises(req.TransitionError):
        req.send(r, 1, hours(3))


def test_the_client_can_withdraw_only_before_sending() -> None:
    r = req.withdraw(make(), hours(1))
    assert r.status == "withdrawn"
    with pytest.raises(req.TransitionError, match="取り下げ"):
        req.approve(r, 1, req.sha(GOOD), hours(2))
    sent = req.send(req.approve(make(), 1, req.sha(GOOD), hours(1)), 1, hours(2))
    with pytest.raises(req.TransitionError, match="送信済み"):
        req.withdraw(sent, hours(3))


def test_twenty_companies_at_most() -> None:
    assert len(make(count=20).targets) == 20
    with pytest.raises(req.InputError, match="20 社まで"):
        make(count=21)


def answered_all(ident: str, after: float) -> req.ServiceRequest:
    r = make(ident)
    for company in (1, 2):
        r = req.send(req.approve(r, company, req.sha(GOOD), hours(1)), company, hours(2))
        r = req.answer(r, company, "acknowledged", hours(after))
    return r


def test_the_dashboard_counts_status_due_overdue_answered_and_the_median() -> None:
    late = req.new_request("r-late", T0, hours(-2), [("株式会社A", "company", GOOD)])
    today = req.new_request("r-today", T0, hours(8), [("株式会社B", "bank", GOOD)])
    requests = [answered_all("r-a", 10), answered_all("r-b", 30), late, today]
    data = summary(requests, hours(1))
    assert data["total"] == 4
    assert data["by_status"]["answered"] == 2 and data["by_status"]["drafted"] == 2
    assert data["due_today"] == 2  # both pending requests are due on 12/3
    assert data["overdue"] == 1
    assert data["answered"] == 2
    assert data["median_hours_to_all_answered"] == 20.0


def test_the_csv_has_no_names_words_or_contacts() -> None:
    requests = [answered_all("r-a", 10), req.withdraw(make("=cmd"), hours(1))]
    text = report_csv(requests)
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 5
    assert "株式会社" not in text and "山田" not in text and GOOD not in text
    assert rows[1][2:4] == ["company", "answered"] and rows[1][-1] == "acknowledged"
    assert rows[3][0] == "'=cmd" and rows[3][3] == "withdrawn"
    assert outcome_counts(requests) == {"acknowledged": 2}
