"""Reminders that fire (issue 17): a stored case's calendar, regenerated after every event
(`naitei case ics ID`), and the morning summary of what is due (`naitei case due --notify`).

The calendar of a case that has not started yet is its plan; once events are logged, it is
what is due now (re-planned from the timeline: a callback time, a visit, the day after a
promised answer), under one UID per case so that importing the new file replaces the old
event. Every call or visit has an alarm the evening before and 30 minutes before; a follow-up
has one at its start (naitei.export.ics).
"""

from __future__ import annotations

import datetime as dt

from naitei.calendar import JST, Window
from naitei.case import parse_case
from naitei.labels import ja_day, ja_time
from naitei.plan import Plan, Step, calendar_for, make_plan
from naitei.services.cases import get_case
from naitei.store.engine import Store
from naitei.store.health import DamagedCaseError
from naitei.store.status import company_of
from naitei.store.views import CaseDetail, CaseSummary

VISIT_LENGTH = dt.timedelta(hours=1)


def case_calendar(store: Store, case_id: str, now: dt.datetime) -> bytes:
    """The .ics of one stored case as of `now`."""
    from naitei.export.ics import plan_to_ics

    detail = get_case(store, case_id)
    if detail.problem:
        raise DamagedCaseError(detail.problem)
    plan = Plan(now=now, steps=tuple(_steps(detail, now)))
    return plan_to_ics(plan, identity=f"naitei case {case_id}", sequence=len(detail.events))


def _steps(detail: CaseDetail, now: dt.datetime) -> list[Step]:
    summary = detail.summary
    if not detail.events:  # the plan made when the case was added, made again the same way
        case = parse_case(detail.data, f"case {summary.id}", wording=False)
        made = make_plan(case, dt.datetime.fromisoformat(detail.plan["now"]))
        return [step for step in made.steps if _ahead(step, now)]
    if summary.next_due is None or summary.next_step is None:
        return []
    return [due_step(detail)]


def _ahead(step: Step, now: dt.datetime) -> bool:
    end = step.window.end if step.window else step.due
    return end is not None and end > now


def due_step(detail: CaseDetail) -> Step:
    """What is due on a case, as a dated step: in the window it falls in, or at its time."""
    from naitei.timeline import rule_book

    summary = detail.summary
    assert summary.next_due is not None and summary.next_step is not None
    case = parse_case(detail.data, f"case {summary.id}", wording=False)
    kind = rule_book().due.get(summary.next_step)
    channel = kind.channel if kind else _plan_channel(detail)
    at = summary.next_due
    if channel == "visit":
        window = Window(at, at + VISIT_LENGTH)
    else:
        window = calendar_for(company_of(case)).next_window(at)
        window = Window(max(window.start, at), window.end)
    title = summary.next_title or ""
    return Step(
        id=f"next:{summary.next_step}",
        title=title if summary.company in title else f"{summary.company}: {title}",
        detail=f"naitei case show {summary.id} で、これまでの経過と次の文書を確かめられます。",
        channel=channel,  # type: ignore[arg-type]
        window=window,
    )


def _plan_channel(detail: CaseDetail) -> str | None:
    steps = detail.plan.get("steps", [])
    wanted = detail.summary.next_step
    return next((s.get("channel") for s in steps if s.get("id") == wanted), None)


def morning_summary(cases: list[CaseSummary], now: dt.datetime) -> tuple[str, str] | None:
    """(subject, body) of the morning mail: what is due today or overdue, soonest first, and
    what is due in the next days; None when nothing is due within a week."""
    today = now.astimezone(JST).date()
    soon = [
        c
        for c in cases
        if c.next_due and c.next_due.astimezone(JST).date() <= today + dt.timedelta(days=7)
    ]
    if not soon:
        return None
    now_due = [c for c in soon if c.next_due and c.next_due.astimezone(JST).date() <= today]
    later = [c for c in soon if c not in now_due]
    lines = [f"{ja_day(today)}の予定です（naitei case due）。", ""]
    if now_due:
        lines += ["今日すること・過ぎていること"] + [_line(c, now) for c in now_due] + [""]
    if later:
        lines += ["この先一週間"] + [_line(c, now) for c in later] + [""]
    lines += [
        "詳しくは naitei case show ID で確かめられます。このメールは naitei が自分宛てに送っています。"
    ]
    subject = f"naitei: 今日すること {len(now_due)} 件、この先一週間 {len(later)} 件"
    return subject, "\n".join(lines) + "\n"


def _line(case: CaseSummary, now: dt.datetime) -> str:
    assert case.next_due is not None
    due = case.next_due.astimezone(JST)
    late = "（過ぎています）" if due < now else ""
    return f"- {ja_day(due.date())} {ja_time(due)}{late} {case.company}: {case.next_title}（{case.id}）"
