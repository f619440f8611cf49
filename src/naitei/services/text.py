"""Stored cases as text for people (pure functions; the CLI prints them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from naitei.calendar import JST
from naitei.labels import ja_day, ja_time, label
from naitei.render import sentences
from naitei.store.views import CaseDetail, CaseSummary, EventView

_MARK = {"met": "○", "unmet": "×", "unknown": "？"}


def moment(value: dt.datetime) -> str:
    """11月26日(木) 10:00 (Japan time); a damaged row's time with no Japan time, as stored."""
    try:
        local = value.astimezone(JST)
    except OverflowError:
        return value.isoformat()
    return f"{ja_day(local.date())} {ja_time(local)}"


def next_due(summary: CaseSummary) -> str:
    if summary.next_title is None:
        return "なし"
    if summary.next_due is None:
        return summary.next_title
    return f"{moment(summary.next_due)}　{summary.next_title}"


def overdue(summary: CaseSummary, now: dt.datetime) -> bool:
    return summary.next_due is not None and summary.next_due < now


def added_text(added: list[CaseSummary]) -> str:
    lines = ["ケースを登録しました。"]
    for case in added:
        lines += [f"  {case.id}  {case.company}（{case.status_label}）"]
        lines += [f"    次にすること: {next_due(case)}"]
    lines += ["", "経過は naitei case log ID EVENT で記録できます（例: called --outcome absent）。"]
    return "\n".join(lines) + "\n"


def detail_text(detail: CaseDetail, assessment: Any | None) -> str:
    case = detail.summary
    lines = [
        f"{case.company}（{label('purpose', case.purpose)}）",
        f"ID: {case.id}　状態: {case.status_label}",
        f"次にすること: {next_due(case)}",
        "",
    ]
    if detail.problem:
        lines += [f"注意: {detail.problem}", ""]
    if assessment is not None:
        lines += _assessment_lines(assessment)
    lines += _plan_lines(detail.plan, refused=case.status == "refused")
    lines += ["これまでの記録"]
    if not detail.events:
        lines += [
            f"  まだ記録はありません（例: naitei case log {case.id} called --outcome absent）"
        ]
    for event in detail.events:
        lines += event_lines(event)
    return "\n".join(lines) + "\n"


def _assessment_lines(assessment: Any) -> list[str]:
    lines = ["見通し", f"  判定: {assessment.verdict_label}"]
    for condition in assessment.conditions:
        status = label("status", condition.status)
        lines.append(f"  {_MARK[condition.status]} {condition.title}（{status}）")
    lines += ["  確率や結果の約束ではありません。詳しくは naitei assess で確かめられます。", ""]
    return lines


def _plan_lines(plan: dict[str, Any], *, refused: bool) -> list[str]:
    made = dt.datetime.fromisoformat(plan["now"])
    lines = [f"行動計画（{moment(made)} に作成）"]
    for number, step in enumerate(plan.get("steps", []), start=1):
        lines.append(f"  {number}. {_step_when(step)}　{step['title']}")
    fallback = next((s for s in plan.get("steps", []) if s["id"] == "fallback"), None)
    if refused and fallback:
        lines += [
            "",
            "撤回はできないとのお返事でした。",
            *[f"  {s}" for s in sentences(fallback["detail"])],
        ]
    return [*lines, ""]


def _step_when(step: dict[str, Any]) -> str:
    window = step.get("window")
    if window:
        start = dt.datetime.fromisoformat(window["start"])
        end = dt.datetime.fromisoformat(window["end"]).astimezone(JST)
        return f"{moment(start)}〜{ja_time(end)}"
    if step.get("due"):
        return f"{moment(dt.datetime.fromisoformat(step['due']))} まで"
    return "必要になったとき"


def event_lines(event: EventView) -> list[str]:
    head = f"  {moment(event.at)}  {event.label}"
    if event.with_whom:
        head += f"　相手: {event.with_whom}"
    lines = [head]
    if event.said:
        lines += [f"      話したこと: {line}" for line in event.said.splitlines()]
    if event.note:
        lines += [f"      メモ: {line}" for line in event.note.splitlines()]
    return lines


def logged_text(event: EventView, case: CaseSummary) -> str:
    return (
        f"記録しました: {moment(event.at)} {event.label}\n"
        f"状態: {case.status_label}\n"
        f"次にすること: {next_due(case)}\n"
    )


def due_text(cases: list[CaseSummary], now: dt.datetime) -> str:
    if not cases:
        return "いま予定されていることはありません。\n"
    lines = ["予定（早い順）"]
    for case in cases:
        mark = "（過ぎています）" if overdue(case, now) else ""
        lines.append(f"  {next_due(case)}{mark}")
        lines.append(f"      {case.company}（{case.status_label}）  ID: {case.id}")
    return "\n".join(lines) + "\n"


def problems_text(cases: list[CaseSummary]) -> str:
    """Notes under the list about damaged cases ('' when there are none)."""
    return "".join(f"注意: {case.id}: {case.problem}\n" for case in cases if case.problem)


def draft_command(document: dict[str, Any], case_id: str) -> str:
    """The command that writes a stored case's next document: naitei case draft ID."""
    return f"naitei case draft {case_id}"
