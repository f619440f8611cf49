"""What ``naitei check FILE`` does, without Typer: the command's face (naitei.cli.check) and the
fast start of naitei.cli.fast both call `run`. Exit codes: 0 no error-severity finding, 1 at
least one, 2 bad input (message on stderr, raised as SystemExit(2))."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast

from naitei.cli.common import echo
from naitei.vocabulary import DRAFT_KINDS, PURPOSE_CHOICES

if TYPE_CHECKING:
    from naitei.check import CheckContext, Kind, Purpose, Report

_FORMATS = ("text", "json", "textlint")
_JST = dt.timezone(dt.timedelta(hours=9))
_MAX_BYTES = 1_000_000


def _fail(message: str) -> NoReturn:
    echo(f"naitei check: {message}", err=True)
    raise SystemExit(2)


def _choice(option: str, value: str, allowed: tuple[str, ...]) -> str:
    if value not in allowed:
        _fail(
            f"{option} に '{value}' は使えません。次のいずれかにしてください: {', '.join(allowed)}"
        )
    return value


def _read(file: str) -> tuple[str, str]:
    """The draft's text and the name to show for it; '-' reads standard input."""
    if file == "-":
        raw, name = sys.stdin.buffer.read(_MAX_BYTES + 1), "<stdin>"
    else:
        path = Path(file)
        name = file
        if not path.exists():
            _fail(f"ファイルが見つかりません: {file}")
        if not path.is_file():
            _fail(f"ファイルではありません: {file}")
        try:
            with path.open("rb") as handle:
                raw = handle.read(_MAX_BYTES + 1)
        except OSError as error:
            from naitei.errors import os_reason

            _fail(f"ファイルを読めません: {file}（{os_reason(error)}）")
    if len(raw) > _MAX_BYTES:
        _fail(f"{name}: 大きすぎます（1 MB まで）")
    try:
        return raw.decode("utf-8"), name
    except UnicodeDecodeError as error:
        _fail(f"{name}: UTF-8 として読めません（{error.start} バイト目）。UTF-8 で保存してください")


def run(
    file: str,
    kind: str = "email",
    purpose: str | None = None,
    case: Path | None = None,
    company: int = 1,
    output_format: str = "text",
    fix: bool = False,
    no_backup: bool = False,
    service_name: str | None = None,
    now: str | None = None,
) -> int:
    """Check `file` and print the report; the exit code. ``now`` (ISO 8601, default the
    current time) is the day a date without its year (12月8日（火）) is read from."""
    import dataclasses

    from naitei.check import CheckContext, check_text

    kind = _choice("--kind", kind, DRAFT_KINDS)
    output_format = _choice("--format", output_format, _FORMATS)
    if purpose is not None:
        purpose = _choice("--purpose", purpose, PURPOSE_CHOICES)
    context: CheckContext | None = None
    if case is not None:
        context, case_purpose = _context(case, company)
        purpose = purpose or case_purpose
    if service_name is not None:
        context = _with_service(context, service_name)
    context = dataclasses.replace(context or CheckContext(), today=_today(now))
    if fix and file == "-":
        _fail("--fix にはファイルを指定してください（標準入力は書き換えられません）")
    text, name = _read(file)
    report = check_text(text, cast("Kind", kind), cast("Purpose", purpose or "withdraw"), context)
    if fix:
        text, report = _fix_file(Path(file), text, report, context, backup=not no_backup)
    _write(_render(report, text, name, file, output_format))
    return 1 if report.has_errors else 0


def _today(now: str | None) -> dt.date:
    """The day of ``--now`` in Japan time (the current day when None)."""
    if now is None:
        return dt.datetime.now(_JST).date()
    try:
        moment = dt.datetime.fromisoformat(now)
    except ValueError:
        _fail(f"--now: '{now}' は日時の形ではありません（例: 2026-11-25T21:00:00+09:00）")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=_JST)
    try:
        return moment.astimezone(_JST).date()
    except OverflowError:
        _fail(f"--now: '{now}' は扱える範囲の日時ではありません")


def _write(output: str) -> None:
    """Print, and stay quiet when the reader has gone (naitei check draft.txt | head)."""
    try:
        echo(output, nl=False)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _render(report: Report, text: str, name: str, file: str, output_format: str) -> str:
    from naitei.chars import json_safe
    from naitei.check import render_json, render_text, render_textlint

    if output_format == "json":
        return json_safe(render_json(report))
    if output_format == "textlint":
        path = name if file == "-" else str(Path(file).resolve())
        return json_safe(render_textlint(report, text, path))
    return render_text(report, text, name)


def _context(path: Path, company: int) -> tuple[CheckContext, str]:
    from naitei.case import DeclineCase, load_case
    from naitei.check import CheckContext
    from naitei.errors import CaseError

    try:
        loaded = load_case(path, wording=False)  # only the names are needed
    except CaseError as error:
        _fail("\n".join(error.lines()))
    count = len(loaded.companies) if isinstance(loaded, DeclineCase) else 1
    if not 1 <= company <= count:
        _fail(f"--company は 1 から {count} の間で指定してください（{company} が指定されました）")
    return CheckContext.from_case(loaded, company - 1), loaded.purpose


def _with_service(context: CheckContext | None, service_name: str) -> CheckContext:
    """The context with the decline service's name (purpose messenger)."""
    import dataclasses

    from naitei.check import CheckContext

    name = service_name.strip()
    if not name or name.splitlines() != [name]:
        _fail("--service-name: サービスの名前を一行で指定してください")
    return dataclasses.replace(context or CheckContext(), service_name=name)


def _fix_file(
    path: Path, text: str, report: Report, context: CheckContext | None, *, backup: bool
) -> tuple[str, Report]:
    """Write the safe fixes into ``path`` (keeping FILE.bak unless told not to) and return the
    fixed text and its report; write nothing when the fixed text has an error of its own."""
    from naitei.check.fix import fix_text
    from naitei.fsutil import atomic_write

    kind, purpose = cast("Kind", report.kind), cast("Purpose", report.purpose)
    result = fix_text(text, kind, purpose, context, report=report)
    if not result.applied:
        echo(f"{path}: 自動で直せる指摘はありませんでした。", err=True)
        return text, report
    if not result.safe:
        from naitei.check.render import rule_title

        rules = "、".join(sorted({rule_title(finding.rule) for finding in result.introduced}))
        echo(
            f"{path}: 直すと新しい誤り（{rules}）が生じるため、書き込みませんでした。"
            "指摘を見て手で直してください。",
            err=True,
        )
        return text, report
    from naitei.errors import NaiteiError

    target = path.resolve()  # a symbolic link keeps pointing at the fixed file
    mode = target.stat().st_mode & 0o7777
    try:
        if backup:
            atomic_write(target.with_name(target.name + ".bak"), text.encode("utf-8"), mode=mode)
        atomic_write(target, result.text.encode("utf-8"), mode=mode)
    except NaiteiError as error:
        echo(f"naitei check: {error}", err=True)
        raise SystemExit(error.exit_code) from None
    kept = f"（元の文面は {path}.bak に残しました）" if backup else ""
    echo(f"{path}: {len(result.applied)}件を直しました{kept}。", err=True)
    return result.text, result.report
