"""``naitei check FILE``: proofread a draft (CONTRACTS §6). A thin face over naitei.check.

Exit codes: 0 no error-severity finding, 1 at least one, 2 bad input (message on stderr).
The work is done by naitei.cli.check_run, which imports no Typer (naitei.cli.fast).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from naitei.cli.check_run import run


def check(
    file: Annotated[str, typer.Argument(metavar="FILE", help="下書きのファイル（- で標準入力）")],
    kind: Annotated[
        str, typer.Option("--kind", help="email | letter（書き言葉）, phone | visit（話し言葉）")
    ] = "email",
    purpose: Annotated[
        str | None,
        typer.Option(
            "--purpose",
            help=(
                "withdraw（辞退の撤回） | decline（辞退） | accept（内定承諾） | thanks（お礼）"
                " | schedule（日程調整） | apology（お詫び） | other（その他）"
                " | messenger（代行サービスが使者として送る辞退の連絡）"
                " | auto（文面から判定）。既定: withdraw か --case の purpose"
            ),
        ),
    ] = None,
    case: Annotated[
        Path | None,
        typer.Option("--case", help="ケースファイル: 宛先の会社名と応募者名で照合します"),
    ] = None,
    company: Annotated[
        int, typer.Option("--company", help="辞退ファイルで何社目の会社宛てか（1から）")
    ] = 1,
    output_format: Annotated[str, typer.Option("--format", help="text | json | textlint")] = "text",
    fix: Annotated[
        bool,
        typer.Option("--fix", help="安全に直せる指摘をファイルに書き込みます（控え FILE.bak）"),
    ] = False,
    service_name: Annotated[
        str | None,
        typer.Option(
            "--service-name",
            help="--purpose messenger: 送るサービスの名前（冒頭に書かれているかを確かめます）",
        ),
    ] = None,
    no_backup: Annotated[
        bool, typer.Option("--no-backup", help="--fix で控え（FILE.bak）を作りません")
    ] = False,
    now: Annotated[
        str | None,
        typer.Option(
            "--now",
            help="基準にする日時（年のない日付「12月8日（火）」の年を読むのに使います）。既定は現在時刻",
        ),
    ] = None,
) -> None:
    """下書きを校正します（敬語、書き言葉と話し言葉、くだけた表現、必要な要素の抜け）。

    例: naitei check draft.txt --kind email --case case.toml
    """
    raise typer.Exit(
        code=run(
            file, kind, purpose, case, company, output_format, fix, no_backup, service_name, now
        )
    )
