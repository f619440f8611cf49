"""Reports as text for people, as JSON (CONTRACTS §6) and as textlint's JSON result format.

Pure functions returning strings; the CLI and the web app print or send them.
"""

from __future__ import annotations

import json
import unicodedata
from bisect import bisect_right
from typing import Any

from naitei.check.model import PURPOSE_LABELS, Finding, Report


def rule_title(rule: str) -> str:
    """The Japanese title of a rule (rules.toml), or the id of a rule without one."""
    from naitei.check.data import rule_infos

    info = rule_infos().get(rule)
    return info.title if info else rule


SEVERITY_LABELS = {"error": "エラー", "warning": "警告", "info": "情報"}
_TEXTLINT_SEVERITY = {"error": 2, "warning": 1, "info": 1}
_CONTEXT_WIDTH = 120  # characters of a long line shown around a finding


def char_width(char: str) -> int:
    """Terminal columns of one character: 2 for East Asian wide, 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def text_width(text: str) -> int:
    return sum(char_width(char) for char in text)


def summary(report: Report) -> str:
    counts = report.counts
    if not report.findings:
        return "問題は見つかりませんでした。"
    parts = [f"{SEVERITY_LABELS[key]} {counts[key]}件" for key in ("error", "warning", "info")]
    return "、".join(parts) + "が見つかりました。"


def inferred_purpose(report: Report) -> str:
    """What --purpose auto chose, in words (empty when the purpose was given)."""
    if not report.purpose_inferred:
        return ""
    label = PURPOSE_LABELS.get(report.purpose, report.purpose)
    return f"文面から、目的を「{label}」と判定して点検しました。"


def render_text(report: Report, text: str, source_name: str) -> str:
    """Each finding with its line, a caret under the span, the message and the fix."""
    lines = text.split("\n")
    blocks = [_text_block(finding, lines, source_name) for finding in report.findings]
    if report.purpose_inferred:
        hint = f"違う場合は --purpose で指定してください（この判定は --purpose {report.purpose}）。"
        blocks.insert(0, f"{source_name}: {inferred_purpose(report)}{hint}")
    blocks.append(f"{source_name}: {summary(report)}")
    return "\n\n".join(blocks) + "\n"


def _text_block(finding: Finding, lines: list[str], source_name: str) -> str:
    label = SEVERITY_LABELS[finding.severity]
    # People read the rule's Japanese title; the id stays in --format json and textlint
    # (CONTRACTS §6), where programs read it (reader 4, C9).
    head = f"{source_name}:{finding.line}:{finding.column}: {label}: {rule_title(finding.rule)}"
    out = [head]
    if _document_level(finding):
        out.append("    （文書全体）")
    else:
        out.extend(_excerpt(finding, lines))
    out.append(f"    {finding.message}")
    if finding.suggestion is not None:
        out.append(f"    修正案: {finding.suggestion}")
    return "\n".join(out)


def _document_level(finding: Finding) -> bool:
    return finding.start == finding.end == 0  # a missing part, or a signature without a contact


def _excerpt(finding: Finding, lines: list[str]) -> list[str]:
    line = lines[finding.line - 1].rstrip("\r")
    first = finding.column - 1
    length = max(1, min(finding.end - finding.start, len(line) - first))
    shown_from = max(0, first - _CONTEXT_WIDTH // 2)
    shown = line[shown_from : shown_from + _CONTEXT_WIDTH]
    prefix = "…" if shown_from else ""
    gutter = f"{finding.line:>5} | "
    pad = text_width(prefix + line[shown_from:first])
    carets = "^" * max(1, text_width(line[first : first + length]))
    return [f"{gutter}{prefix}{shown}", " " * (len(gutter) - 2) + "| " + " " * pad + carets]


def render_json(report: Report) -> str:
    """The JSON object of CONTRACTS §6."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


class _Utf16:
    """Maps str indices to UTF-16 code units (JavaScript string indices) and positions."""

    def __init__(self, text: str) -> None:
        self.astral = [i for i, char in enumerate(text) if ord(char) > 0xFFFF]
        self.line_starts = [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]

    def index(self, offset: int) -> int:
        return offset + bisect_right(self.astral, offset - 1)

    def position(self, offset: int) -> dict[str, int]:
        line = bisect_right(self.line_starts, offset)
        column = self.index(offset) - self.index(self.line_starts[line - 1]) + 1
        return {"line": line, "column": column}


def render_textlint(report: Report, text: str, file_path: str) -> str:
    """textlint's JSON result format (``textlint --format json``).

    ``index``, ``range`` and ``column`` count UTF-16 code units as textlint (JavaScript)
    does; lines and columns are 1-based. Severity: 2 for errors, 1 for warnings and info.
    """
    mapper = _Utf16(text)
    messages = [_textlint_message(finding, mapper) for finding in report.findings]
    result = [{"filePath": file_path, "messages": messages}]
    return json.dumps(result, ensure_ascii=False, indent=2) + "\n"


def _textlint_message(finding: Finding, mapper: _Utf16) -> dict[str, Any]:
    start, end = mapper.index(finding.start), mapper.index(finding.end)
    begin = mapper.position(finding.start)
    message: dict[str, Any] = {
        "type": "lint",
        "ruleId": finding.rule,
        "message": finding.message,
        "index": start,
        "line": begin["line"],
        "column": begin["column"],
        "range": [start, end],
        "loc": {"start": begin, "end": mapper.position(finding.end)},
        "severity": _TEXTLINT_SEVERITY[finding.severity],
    }
    if finding.fix is not None:  # only safe, literal replacements (fix = true in rules.toml)
        fix = finding.fix
        message["fix"] = {
            "range": [mapper.index(fix.start), mapper.index(fix.end)],
            "text": fix.text,
        }
    return message
