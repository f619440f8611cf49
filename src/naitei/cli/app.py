"""The `naitei` command line: a thin face over naitei.services.

Heavy modules (pydantic models, SudachiPy, PDF, the web app) are imported inside the
commands that need them, so `naitei --help` and simple commands start fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from naitei.cli.common import echo, echo_notes, emit_json, handles_errors, internal_error
from naitei.cli.options import (
    NO_FACTS,
    CaseArg,
    Format,
    FormatOpt,
    NowOpt,
    VerticalOpt,
    takes_after_facts,
)

if TYPE_CHECKING:
    from naitei.case import Case
    from naitei.compose.after_facts import GivenFacts

app = typer.Typer(
    name="naitei",
    help="内定辞退の撤回と、丁寧な内定辞退のための道具。例: naitei assess examples/new-grad.toml",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def load(path: Path) -> Case:
    from naitei.cli.common import load_case

    return load_case(path)


def employer_dict(case: Case, company: int = 1) -> dict[str, str]:
    """The employer a case's documents address (the `company`-th of a decline file)."""
    from naitei.case import DeclineCase

    if isinstance(case, DeclineCase):
        index = min(max(company, 1), len(case.companies))
        return case.companies[index - 1].employer.to_dict()
    return case.company.employer.to_dict()


@app.command()
@handles_errors
def assess(case: CaseArg, now: NowOpt = None, format: FormatOpt = Format.text) -> None:
    """撤回の見通しを診断する（五つの条件と判定）。例: naitei assess case.toml"""
    from naitei import render, services

    moment = services.parse_now(now)
    loaded = load(case)
    assessment, plan = services.assess_case(loaded, moment)
    if format is Format.json:
        emit_json(assessment.to_dict() | {"employer": employer_dict(loaded)})
        return
    echo_notes(services.employer_notices(loaded))
    if format is Format.md:
        echo(render.assessment_markdown(assessment, plan.first_contact()), nl=False)
    else:
        echo(render.assessment_text(assessment, plan.first_contact()), nl=False)


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
        from naitei.fsutil import atomic_write

        atomic_write(ics, services.plan_ics(loaded, moment, result))
    if format is Format.json:
        emit_json(result.to_dict())
    elif format is Format.md:
        echo(render.plan_markdown(result), nl=False)
    else:
        echo(render.plan_text(result), nl=False)
        if ics is not None:
            echo(f"カレンダーを書き出しました: {ics}")


class Kind(StrEnum):
    phone = "phone"
    visit = "visit"
    email = "email"
    letter = "letter"
    decline_email = "decline-email"
    decline_phone = "decline-phone"
    thanks_accepted = "thanks-accepted"
    thanks_considering = "thanks-considering"
    visit_confirm = "visit-confirm"
    closing_refused = "closing-refused"
    follow_up_email = "follow-up-email"
    follow_up_phone = "follow-up-phone"
    decline_keep = "decline-keep"
    thanks_letter = "thanks-letter"


@app.command()
@handles_errors
@takes_after_facts
def draft(
    kind: Annotated[Kind, typer.Argument(help="文書の種類", show_default=False)],
    case: CaseArg,
    now: NowOpt = None,
    format: FormatOpt = Format.text,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="ファイルに書き出す（letter は .pdf を指定すると PDF）"),
    ] = None,
    company: Annotated[int, typer.Option("--company", help="辞退ファイルの何社目か")] = 1,
    unreached: Annotated[
        bool, typer.Option("--unreached", help="電話がつながらなかったときのメール")
    ] = False,
    vertical: VerticalOpt = False,
    date: Annotated[
        str | None,
        typer.Option("--date", help="手紙の日付（例: 2026-12-01）。既定は計画で投函する日"),
    ] = None,
    facts: GivenFacts = NO_FACTS,
) -> None:
    """文書を一つ作る。例: naitei draft email case.toml --out email.txt
    電話のあと: naitei draft visit-confirm case.toml --visit-at 2026-12-03T14:00 --bring 印鑑"""
    from naitei import services
    from naitei.errors import InputError

    moment = services.parse_now(now)
    day = services.parse_date(date)
    if day is not None and kind is not Kind.letter:
        raise InputError("日付を指定できるのは手紙（letter）だけです", field="date")
    loaded = load(case)
    document = services.draft_document(
        kind.value, loaded, moment, company=company, unreached=unreached, date=day, given=facts
    )
    if format is not Format.json:
        echo_notes(services.employer_notices(loaded, company) + list(document.notes))
    if out is not None:
        services.write_document(out, document, loaded, moment, vertical=vertical, date=day)
        echo(f"{document.title}を書き出しました: {out}")
    elif format is Format.json:
        emit_json(document.to_dict() | {"employer": employer_dict(loaded, company)})
    else:
        echo(services.document_text(document), nl=False)


@app.command()
@handles_errors
def withdraw(
    case: CaseArg,
    out: Annotated[
        Path, typer.Option("--out", help="キットを書き出すフォルダ（空か、まだないもの）")
    ],
    now: NowOpt = None,
    vertical: VerticalOpt = False,
    format: FormatOpt = Format.text,
) -> None:
    """撤回のキット一式（診断、計画、台本、メール、手紙）をフォルダに書き出す。"""
    from naitei import render, services

    moment = services.parse_now(now)
    loaded = load(case)
    kit = services.write_withdrawal_kit(loaded, moment, out, vertical=vertical)
    if format is Format.json:
        data = {"out": str(out), "files": kit.files, "verdict": kit.verdict}
        emit_json(data | {"employer": employer_dict(loaded)})
        return
    echo_notes(services.employer_notices(loaded))
    first = kit.first_step
    echo(f"撤回のキットを {out} に書き出しました。")
    echo(f"判定: {kit.verdict_label}")
    echo(f"最初にすること: {render.when(first)} {first.title}")
    echo("中身: " + "、".join(kit.files))


@app.command()
@handles_errors
def init(
    path: Annotated[Path, typer.Argument(help="書き出すケースファイル")] = Path("case.toml"),
    force: Annotated[bool, typer.Option("--force", help="既存のファイルを上書きする")] = False,
) -> None:
    """質問に答えてケースファイルを作る（パイプで答えを渡すこともできます）。"""
    from naitei.cli.interview import run_interview

    # One answer is at most a few thousand characters: never read an endless line whole.
    run_interview(path, force=force, read=lambda: sys.stdin.readline(100_000), write=echo)


from naitei.cli.case import case_app, db_app  # noqa: E402  (sub-apps cannot be imported lazily)
from naitei.cli.check import check  # noqa: E402  (its module imports only typer and stdlib)
from naitei.cli.decline import decline  # noqa: E402  (its module imports only typer and stdlib)
from naitei.cli.org import audit_app, org_app, worker  # noqa: E402  (its module imports only typer)
from naitei.cli.replies import replies  # noqa: E402  (its module imports only typer and stdlib)
from naitei.cli.serve import serve  # noqa: E402  (its module imports only typer and stdlib)
from naitei.cli.service import service_app  # noqa: E402  (its module imports only typer and stdlib)

app.command(
    "check",
    help="文面を点検する（敬語、書き言葉と話し言葉、構成）。例: naitei check email.txt --kind email",
)(check)

app.command("decline")(decline)
app.command("serve")(serve)
app.command("replies")(replies)
app.command("worker")(worker)


@app.command("lsp")
def lsp(
    stdio: Annotated[
        bool,
        typer.Option("--stdio", help="標準入出力で通信します（既定。エディタの設定との互換用）"),
    ] = True,
) -> None:
    """文面の点検をエディタに提供する Language Server（標準入出力）。VS Code や Neovim から使います。"""
    from naitei.lsp import serve as serve_lsp

    serve_lsp()


app.add_typer(
    case_app,
    name="case",
    help="ケースの記録: 登録、経過の記録、次にすること、書き出しと削除。例: naitei case list",
)
app.add_typer(
    service_app,
    name="service",
    help="辞退連絡サービス（使者）: draft（文面と委任状）, screen（非弁のチェック）, reply（返事の確認）",
)
app.add_typer(db_app, name="db", help="ケースを記録するデータベースの管理: 更新とバックアップ")
app.add_typer(org_app, name="org", help="組織モード（PostgreSQL）の準備と鍵: init, rotate-key")
app.add_typer(
    audit_app, name="audit", help="組織モードの監査ログ: verify（鎖の確認）, export（CSV）"
)


def main() -> None:
    """The console script. A bug must not greet an anxious user with a traceback: it gets a
    short message and exit code 1 (NAITEI_DEBUG=1 shows the traceback)."""
    import os

    try:
        app()
    except Exception as error:  # the last line of defence
        if os.environ.get("NAITEI_DEBUG") == "1":
            raise
        raise internal_error(error) from None


if __name__ == "__main__":
    main()
