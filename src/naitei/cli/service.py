"""`naitei service draft|screen|reply`: the decline service's side (issue 19), a thin face over
naitei.messenger.

- ``draft FILE --words … --out DIR``: the messenger's email and phone script for every company
  of a decline file, in the client's own words, and — with ``--authorise`` — the 委任状 the
  client confirms (its time and SHA-256 recorded; the signed PDF attached to each .eml);
- ``screen FILE``: the 非弁 guardrail on a draft (exit 1 when a sentence goes beyond conveying);
- ``reply FILE``: what a company's reply says, and whether it needs a lawyer.

Only typer and the standard library are imported at the top; the rest inside the commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from naitei.cli.common import confirm, echo, emit_json, handles_errors
from naitei.cli.options import DataFormat, DataFormatOpt

service_app = typer.Typer(
    no_args_is_help=True,
    help="辞退連絡サービス（使者）: 文面の作成、非弁のチェック、会社からの返事の確認",
)


_MAX_BYTES = 1_000_000


def _read(file: str) -> str:
    """A text file (UTF-8, at most 1 MB), or standard input for '-'."""
    from naitei.errors import InputError, os_reason
    from naitei.fsutil import read_capped

    if file == "-":
        raw = sys.stdin.buffer.read(_MAX_BYTES + 1)
        if len(raw) > _MAX_BYTES:
            raise InputError("<stdin>: 大きすぎます（1 MB まで）")
    else:
        try:
            raw = read_capped(Path(file), _MAX_BYTES)
        except OSError as error:
            raise InputError(f"{file}: 読めません（{os_reason(error)}）") from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{file}: UTF-8 として読めません") from None


@service_app.command("draft")
@handles_errors
def draft(
    file: Annotated[Path, typer.Argument(help='辞退ファイル（TOML、purpose = "decline"）')],
    words: Annotated[
        str, typer.Option("--words", help="ご本人のお言葉（会社に届ける文、三文まで）")
    ],
    service_name: Annotated[str, typer.Option("--service-name", help="サービスの名前")],
    staff: Annotated[str, typer.Option("--staff", help="送る・電話する担当者の氏名")],
    out: Annotated[Path, typer.Option("--out", help="書き出すフォルダ（空か、まだないもの）")],
    service_email: Annotated[
        str, typer.Option("--service-email", help="サービスのメールアドレス（.eml の差出人）")
    ] = "",
    service_phone: Annotated[str, typer.Option("--service-phone", help="サービスの電話番号")] = "",
    authorise: Annotated[
        bool, typer.Option("--authorise", help="ご本人が委任状を確認し、署名する（PDF を添付）")
    ] = False,
    yes: Annotated[
        bool,
        typer.Option("--yes", help="委任状の確認をこの指定で行う（ご本人が内容を読んだうえで）"),
    ] = False,
    school_consulted: Annotated[
        bool,
        typer.Option("--school-consulted", help="学校推薦の内定で、ご本人が学校に相談済みのとき"),
    ] = False,
    now: Annotated[str | None, typer.Option("--now", help="基準にする日時")] = None,
    format: DataFormatOpt = DataFormat.text,
) -> None:
    """使者としての辞退のメールと電話の台本、委任状を書き出す。

    例: naitei service draft decline.toml --words "大変悩みましたが、別の会社への入社を決めました。"
    --service-name 辞退連絡サービス --staff "中村 花子" --authorise --out 依頼1
    """
    from naitei import services
    from naitei.case import DeclineCase
    from naitei.cli.common import load_case
    from naitei.errors import InputError
    from naitei.fsutil import write_directory
    from naitei.messenger.authorisation import authorisation_text
    from naitei.messenger.authorisation import confirm as record
    from naitei.messenger.compose import Request
    from naitei.messenger.kit import messenger_files
    from naitei.messenger.service import Service

    moment = services.parse_now(now)
    case = load_case(file)
    if not isinstance(case, DeclineCase):
        from naitei.messenger.compose import WITHDRAWAL_REFUSED

        raise InputError(f"{file}: {WITHDRAWAL_REFUSED}")
    service = Service.of(service_name, staff, service_email, service_phone)
    request = Request(case, service, words, authorised=authorise, school_consulted=school_consulted)
    confirmation = None
    if authorise:
        text = authorisation_text(request, moment.date())
        if not yes:
            echo(text, err=True)
            if not confirm("この委任状の内容を確認し、委任しますか", err=True):
                raise InputError("委任状が確認されなかったため、何も書き出していません")
        confirmation = record(request, text, moment)
    files = messenger_files(request, moment, confirmation)
    write_directory(out, files)
    _report(out, files, confirmation.to_dict() if confirmation else None, format)


def _report(
    out: Path, files: dict[str, bytes], confirmation: dict[str, Any] | None, format: DataFormat
) -> None:
    names = sorted(files)
    if format is DataFormat.json:
        emit_json({"out": str(out), "files": names, "confirmation": confirmation})
        return
    echo(f"使者としての辞退の文面を {out} に書き出しました。")
    if confirmation:
        echo(
            f"委任状: {confirmation['confirmed_at']} に確認（SHA-256 {confirmation['sha256'][:16]}…）"
        )
    echo("中身: " + "、".join(names))


@service_app.command("screen")
@handles_errors
def screen_command(
    file: Annotated[str, typer.Argument(help="下書きのファイル（- で標準入力）")],
    format: DataFormatOpt = DataFormat.text,
) -> None:
    """スタッフが送る・話す文面が、使者の範囲（本人の意思を伝えるだけ）を超えていないか確かめる。

    範囲を超える文があれば終了コード 1。例: naitei service screen draft.txt
    """
    from naitei.messenger.guardrail import screen

    text = _read(file)
    result = screen(text)
    if format is DataFormat.json:
        emit_json(result.to_dict())
    elif not result.blocked:
        echo("使者の範囲を超える文は見つかりませんでした。")
    else:
        for category in result.categories:
            hits = [hit for hit in result.hits if hit.category == category]
            places = "、".join(
                f"{text.count(chr(10), 0, hit.start) + 1}行目「{hit.found}」" for hit in hits
            )
            echo(f"{hits[0].label}: {places}")
            echo(f"  {hits[0].why}（{hits[0].source}）")
        echo("")
        echo(result.to_dict()["referral"])
    raise typer.Exit(1 if result.blocked else 0)


@service_app.command("reply")
@handles_errors
def reply_command(
    file: Annotated[str, typer.Argument(help="会社からの返事（- で標準入力）")],
    format: DataFormatOpt = DataFormat.text,
) -> None:
    """会社からの返事が何を求めているかを示す（金銭・法的な話なら弁護士への相談を案内）。

    例: naitei service reply reply.txt --format json
    """
    from naitei.messenger.replies import classify

    reply = classify(_read(file))
    if format is DataFormat.json:
        emit_json(reply.to_dict())
        return
    echo(f"返事: {reply.label}")
    if len(reply.flags) > 1:
        echo("ほかに: " + "、".join(reply.flag_labels[1:]))
    if reply.note:
        echo(reply.note)
