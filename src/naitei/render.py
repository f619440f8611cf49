"""Assessments and plans as text for people and as Markdown (pure functions, no I/O)."""

from __future__ import annotations

import re

from naitei.assess import Assessment
from naitei.labels import ja_day, ja_time, ja_window, label
from naitei.plan import Plan, Step

_MARK = {"met": "○", "unmet": "×", "unknown": "？"}
_SENTENCE_END = re.compile(r"(?<=。)(?![」』）])")
DISCLAIMER = "この判定は、入力された事情から見た目安です。確率や結果の約束ではありません。"


def sentences(text: str) -> list[str]:
    """Split Japanese text after each 。 (not inside a closing quote)."""
    return [part for part in _SENTENCE_END.split(text) if part.strip()]


# Steps taken only if something happens (the person is out, two calls fail, a visit is asked
# for, the reply comes …): their time is a guide, not an appointment beside the others (reader 4, C5).
CONDITIONAL = frozenset(
    {"call_retry", "email_if_unreached", "visit", "letter", "follow_up", "report_school"}
)


def when(step: Step) -> str:
    if step.window:
        window = ja_window(step.window.start, step.window.end)
        return f"{window}（必要になったときの目安）" if step.id in CONDITIONAL else window
    if step.due:
        return f"{ja_day(step.due.date())} {ja_time(step.due)} まで"
    return "必要になったとき"


def assessment_text(assessment: Assessment, next_step: Step | None) -> str:
    lines = [f"判定: {assessment.verdict_label}", *sentences(assessment.summary), ""]
    if next_step:
        lines += ["次にすること", f"  {when(next_step)}", f"  {next_step.title}", ""]
    for blocker in assessment.blockers:
        lines.append(f"！ {blocker.message}")
    if assessment.blockers:
        lines.append("")
    lines.append("五つの条件")
    for condition in assessment.conditions:
        status = label("status", condition.status)
        lines.append(f"  {_MARK[condition.status]} {condition.title}（{status}）")
        lines += [f"    {s}" for s in sentences(condition.explanation)]
        lines += [f"    → {s}" for s in sentences(condition.advice)]
    lines += ["", "知っておきたいこと"]
    lines += [f"  ・{note}" for note in assessment.notes]
    lines += ["", DISCLAIMER]
    return "\n".join(lines) + "\n"


def assessment_markdown(assessment: Assessment, next_step: Step | None) -> str:
    lines = ["# 内定辞退の撤回: 見通し", "", f"**判定: {assessment.verdict_label}**", ""]
    lines += [assessment.summary, ""]
    if next_step:
        lines += ["## 次にすること", "", f"**{when(next_step)}** — {next_step.title}", ""]
    if assessment.blockers:
        lines += ["## 大きな障害", ""]
        lines += [f"- {blocker.message}" for blocker in assessment.blockers]
        lines.append("")
    lines += ["## 五つの条件", ""]
    for index, condition in enumerate(assessment.conditions, start=1):
        status = label("status", condition.status)
        lines += [f"### {index}. {condition.title} — {_MARK[condition.status]} {status}", ""]
        lines += [condition.explanation, "", f"**どうするか:** {condition.advice}", ""]
    lines += ["## 知っておきたいこと", ""]
    lines += [f"- {note}" for note in assessment.notes]
    lines += ["", f"*{DISCLAIMER}*", ""]
    return "\n".join(lines)


def plan_text(plan: Plan) -> str:
    lines = ["行動計画", ""]
    for number, step in enumerate(plan.steps, start=1):
        lines.append(f"{number}. {when(step)}")
        lines.append(f"   {step.title}")
        lines += [f"   {s}" for s in sentences(step.detail)]
        lines.append("")
    return "\n".join(lines)


def plan_markdown(plan: Plan) -> str:
    lines = ["# 行動計画", ""]
    for number, step in enumerate(plan.steps, start=1):
        lines += [f"## {number}. {step.title}", "", f"**いつ:** {when(step)}", "", step.detail, ""]
    return "\n".join(lines)
