"""The `naitei` command line: a thin face over naitei.services.

Heavy modules (pydantic models, SudachiPy, PDF, the web app) are imported inside the
commands that need them, so `naitei --help` and simple commands start fast.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from naitei.case import Case

app = typer.Typer(
    name="naitei",
    help="内定辞退の撤回と、丁寧な内定辞退のための道具。例: naitei assess examples/new-grad.toml",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

F = TypeVar("F", bound=Callable[..., Any])


class Format(StrEnum):
    text = "text"
    json = "json"
    md = "md"


CaseArg = Annotated[Path, typer.Argument(help="ケースファイル（TOML）", show_default=False)]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", help="基準にする日時（例: 2026-11-25T21:00:00+09:00）。既定は現在時刻"),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="出力形式: text（人向け）, json, md")]


def handles_errors(command: F) -> F:
    """Map naitei's typed errors to a message on stderr and the exit code of CONTRACTS §2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from naitei.errors import NaiteiError

        try:
            return command(*args, **kwargs)
        except NaiteiError as error:
            typer.echo(f"エラー: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def load(path: Path) -> Case:
    from naitei.case import load_case

    return load_case(path)


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command()
@handles_errors
def assess(case: CaseArg, now: NowOpt = None, format: FormatOpt = Format.text) -> None:
    """撤回の見通しを診断する（五つの条件と判定）。例: naitei assess case.toml"""
    from naitei import render, services

    moment = services.parse_now(now)
    assessment, plan = services.assess_case(load(case), moment)
    if format is Format.json:
        emit_json(assessment.to_dict())
    elif format is Format.md:
        typer.echo(render.assessment_markdown(assessment, plan.first_contact()), nl=False)
    else:
        typer.echo(render.assessment_text(assessment, plan.first_contact()), nl=False)


@app.command()
@handles_errors
def plan(
    case: CaseArg,
    now: NowOpt = None,
    format: FormatOpt = Format.text,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="行動計画をカレンダー（.ics）にも書き出す")
    ] = None,
) -> None:
    """日付入りの行動計画を立てる。例: naitei plan case.toml --ics plan.ics"""
    from naitei import render, services

    moment = services.parse_now(now)
    loaded = load(case)
    result = services.plan_case(loaded, moment)
    if ics is not None:
        from naitei.export.ics import plan_to_ics
        from naitei.fsutil import atomic_write

        atomic_write(ics, plan_to_ics(result, identity=case_identity(loaded)))
    if format is Format.json:
        emit_json(result.to_dict())
    elif format is Format.md:
        typer.echo(render.plan_markdown(result), nl=False)
    else:
        typer.echo(render.plan_text(result), nl=False)
        if ics is not None:
            typer.echo(f"カレンダーを書き出しました: {ics}")


def case_identity(case: Case) -> str:
    """A stable identity for calendar UIDs: the applicant and the companies (hashed later)."""
    from naitei.case import WithdrawalCase

    names = (
        [case.company.name]
        if isinstance(case, WithdrawalCase)
        else [company.name for company in case.companies]
    )
    return "\x1f".join([case.purpose, case.applicant.name, *names])


@app.command()
@handles_errors
def init(
    path: Annotated[Path, typer.Argument(help="書き出すケースファイル")] = Path("case.toml"),
    force: Annotated[bool, typer.Option("--force", help="既存のファイルを上書きする")] = False,
) -> None:
    """質問に答えてケースファイルを作る（パイプで答えを渡すこともできます）。"""
    from naitei.interview import run_interview

    run_interview(path, force=force, read=sys.stdin.readline, write=typer.echo)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
