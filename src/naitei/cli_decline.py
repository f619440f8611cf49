"""`naitei decline FILE --out DIR [--send]`: a thin face over naitei.outbox.

Only typer and the standard library are imported at the top (cli.py imports this module at
start-up); the composer, the checker, SMTP and the store are imported inside the command.

Exit codes: 0 done (a dry run, or every email sent); 2 bad input, a copy-paste mistake, an
email the checker refuses, or no confirmation; 3 an SMTP or database failure (what was and
was not sent is listed, and a rerun sends only what is left).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from naitei.cli_common import emit_json, handles_errors

if TYPE_CHECKING:
    from naitei.case import DeclineCase
    from naitei.compose.decline_kit import CompanyDecline
    from naitei.outbox import Outbox, Preview, SendResult
    from naitei.sending import SmtpSettings


class Format(StrEnum):
    text = "text"
    json = "json"


_STATES = {
    "sent": "送信済みです（重ねて送りません）。",
    "no-address": "宛先のメールアドレスが分からないため、送信しません。電話で辞退を伝えてください",
    "skipped": "--company で選ばれていないため、今回は送りません。",
}
_AFTER_CALL = (
    "※ 電話で辞退を伝えたあとに送る、確認のメールです。電話を済ませてから送信してください。"
)


FileArg = Annotated[
    Path, typer.Argument(help='辞退ファイル（TOML、purpose = "decline"）', show_default=False)
]
OutOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        help="キットを書き出すフォルダ（空か、まだないもの。同じ辞退ファイルのキットなら使い続けます）",
    ),
]
NowOpt = Annotated[
    str | None,
    typer.Option("--now", help="基準にする日時（例: 2026-11-25T21:00:00+09:00）。既定は現在時刻"),
]
FormatOpt = Annotated[Format, typer.Option("--format", help="出力形式: text（人向け）, json")]
SendOpt = Annotated[
    bool, typer.Option("--send", help="メールを送信する（付けなければ、送る内容を表示するだけ）")
]
YesOpt = Annotated[bool, typer.Option("--yes", help="送信前の確認を省く（スクリプト用）")]
CompanyOpt = Annotated[
    list[int] | None,
    typer.Option(
        "--company",
        metavar="N",
        help="送る会社を何社目かで選ぶ（繰り返し指定できます。既定はすべて）",
    ),
]


@handles_errors
def decline(
    file: FileArg,
    out: OutOpt,
    now: NowOpt = None,
    format: FormatOpt = Format.text,
    send: SendOpt = False,
    yes: YesOpt = False,
    company: CompanyOpt = None,
) -> None:
    """辞退の連絡（メールと電話の台本）を会社ごとに用意し、--send でメールを送る。

    例: naitei decline decline.toml --out 辞退 → 確かめてから naitei decline decline.toml --out 辞退 --send
    """
    from naitei import services
    from naitei.compose.decline_kit import decline_kit
    from naitei.errors import InputError
    from naitei.outbox import Outbox

    case = _load(file)
    moment = services.parse_now(now)
    kit = decline_kit(case, moment)  # the copy-paste guard: nothing written or sent on a mismatch
    chosen = _chosen(case, company)
    settings = _settings(case) if send else None
    if send and not yes and not sys.stdin.isatty():
        raise InputError(
            "確認ができないため、何も書き出さず、送信もしませんでした。"
            "送信してよい場合は --yes を付けてください"
        )
    with Outbox(case, kit, out, moment) as box:
        written = box.prepare()
        if settings is None:
            _dry_run(box, written, chosen, format)
            return
        if format is Format.text:
            typer.echo(_head(box, written))
        result = _send(box, settings, chosen, yes=yes, quiet=format is Format.json)
        _report(box, written, result, format)
        if result is not None and not result.complete:
            raise typer.Exit(3)


def _load(file: Path) -> DeclineCase:
    from naitei.case import DeclineCase
    from naitei.cli_common import load_case
    from naitei.errors import InputError

    case = load_case(file)
    if not isinstance(case, DeclineCase):
        raise InputError(
            f'{file.name}: 辞退の連絡は、辞退用のファイル（purpose = "decline"）から作ります。'
            "辞退の撤回には naitei withdraw を使います"
        )
    return case


def _chosen(case: DeclineCase, company: list[int] | None) -> list[int] | None:
    if not company:
        return None
    from naitei.compose.decline import target

    for index in company:
        target(case, index)  # InputError naming --company when out of range
    return sorted(set(company))


def _settings(case: DeclineCase) -> SmtpSettings:
    from naitei.errors import InputError
    from naitei.sending import load_settings

    settings = load_settings(case.applicant.email)
    if not settings.from_address:
        raise InputError(
            "差出人のメールアドレスがありません。NAITEI_SMTP_FROM（または辞退ファイルの "
            "[applicant].email）を指定してください"
        )
    return settings


def _dry_run(box: Outbox, written: bool, chosen: list[int] | None, format: Format) -> None:
    from naitei.sending import configured_from

    previews = box.preview(configured_from(box.case.applicant.email), chosen)
    if format is Format.json:
        emit_json(_json(box, written, previews, None, dry_run=True))
        return
    typer.echo(_head(box, written))
    typer.echo("")
    typer.echo(
        "送信の予行です（まだ何も送っていません）。--send を付けると、次のメールを送信します。"
    )
    for preview in previews:
        typer.echo("")
        typer.echo(_preview_text(box, preview))


def _head(box: Outbox, written: bool) -> str:
    from naitei.export.decline import summary_rows
    from naitei.services import employer_notices

    count = len(box.kit.companies)
    lines = [
        f"辞退のキットを {box.out} に書き出しました（{count}社）。"
        if written
        else f"辞退のキットは {box.out} にあります（同じ辞退ファイルから作成済み、{count}社）。"
    ]
    for row in summary_rows(box.kit, box.case, box.sent_indexes):
        lines.append(
            f"  {row['index']}. {row['company']}　宛先: {row['recipient']}　"
            f"先にする連絡: {row['channel_label']}　状態: {row['status_label']}"
        )
    lines.append(f"一覧: {box.out / 'summary.md'}")
    lines += [f"注: {note}" for note in employer_notices(box.case)]
    return "\n".join(lines)


def _preview_text(box: Outbox, preview: Preview) -> str:
    from naitei.export.decline import folder_name

    company = preview.company
    lines = [f"──── {company.index}. {company.company} ────"]
    if preview.state != "send" or preview.message is None:
        state = _STATES[preview.state]
        if preview.state == "no-address":
            script = f"{folder_name(company.index, company.company)}/decline-phone.md"
            state += f"（台本: {script}）。"
        lines.append(state)
        return "\n".join(lines)
    if company.channel_advised == "phone":
        lines.append(_AFTER_CALL)
    shown = _shown(preview)
    lines += [
        f"From: {shown['from'] or '（未設定: NAITEI_SMTP_FROM で指定してください）'}",
        f"To: {shown['to']}",
        f"Subject: {shown['subject']}",
        "",
        shown["body"].rstrip("\n"),
    ]
    return "\n".join(lines)


def _shown(preview: Preview) -> dict[str, str]:
    """The message as its reader will see it: decoded (RFC 2047) from the very bytes sent."""
    from email import policy
    from email.header import decode_header, make_header
    from email.parser import BytesParser

    from naitei.export.eml import to_bytes

    assert preview.message is not None
    parsed = BytesParser(policy=policy.compat32).parsebytes(to_bytes(preview.message))

    def header(name: str) -> str:
        raw = parsed[name]
        return str(make_header(decode_header(raw))) if raw is not None else ""

    payload = parsed.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return {
        "from": header("From"),
        "to": header("To"),
        "subject": header("Subject"),
        "message_id": header("Message-ID"),
        "body": payload.decode(parsed.get_content_charset() or "utf-8"),
    }


def _send(
    box: Outbox, settings: SmtpSettings, chosen: list[int] | None, *, yes: bool, quiet: bool
) -> SendResult | None:
    """Check, confirm and send what is left; None when there is nothing to send."""
    from naitei.errors import NaiteiError
    from naitei.sending import Mailer

    box.reconcile()
    pending = box.pending(chosen)
    if not pending:
        if not quiet:
            typer.echo(
                "送るメールはありません（すべて送信済みか、宛先のメールアドレスがありません）。"
            )
        return None
    box.check(pending)
    if not yes and not _confirm(settings, pending):
        typer.echo("送信を取りやめました。何も送っていません。", err=True)
        return None
    with Mailer(settings) as mailer:
        result = box.send(mailer, settings.from_address, pending)
    try:
        box.write_summary()
    except NaiteiError as error:  # sent.json holds the truth; report, do not lose the result
        result.problem = "\n".join(filter(None, [result.problem, str(error)]))
    return result


def _confirm(settings: SmtpSettings, pending: list[CompanyDecline]) -> bool:
    """Show the recipients and ask; a terminal is there (checked before anything was written)."""
    typer.echo(
        f"次の {len(pending)} 件のメールを、{settings.describe()} から送信します"
        f"（差出人: {settings.from_address}）:",
        err=True,
    )
    for company in pending:
        note = "（電話のあとに送る確認のメールです）" if company.channel_advised == "phone" else ""
        typer.echo(
            f"  {company.index}. {company.recipient} <{company.email.to_address}>{note}", err=True
        )
    return typer.confirm("送信してよろしいですか？", default=False, err=True)


def _report(box: Outbox, written: bool, result: SendResult | None, format: Format) -> None:
    if format is Format.json:
        emit_json(_json(box, written, box.preview("", None), result, dry_run=False))
    elif result is not None:
        typer.echo(_result_text(box, result), nl=False)
    if result is not None and not result.complete:
        typer.echo(f"エラー: {_failure_text(box, result)}", err=True)


def _result_text(box: Outbox, result: SendResult) -> str:
    lines = [f"送信しました（{len(result.sent)}件）:"] if result.sent else []
    lines += [f"  {r.index}. {r.company} <{r.to}>" for r in result.sent]
    where = [str(box.out / "sent.json")]
    if box.cases:
        where.append(f"ケースの記録（{len(box.cases)}社のケースに「メール」の経過）")
    lines.append("送信の記録: " + "、".join(where))
    if box.store is not None and any(r.index not in box.cases for r in result.sent):
        lines.append(
            "データベースにケースのない会社への送信は、ケースの経過には記録していません"
            "（naitei case add で辞退ファイルを登録すると、次の実行のときに記録されます）。"
        )
    return "\n".join(lines) + "\n"


def _failure_text(box: Outbox, result: SendResult) -> str:
    heads = []
    if result.failed is not None:
        heads.append(
            f"{result.failed.index}社目（{result.failed.company}）への送信に失敗したため、"
            f"止めました（SMTP サーバーの応答: {result.reply}）。"
        )
    if result.problem:
        heads.append(f"送信の記録の一部を書き込めませんでした。\n{result.problem}")
    head = "\n".join(heads)
    sent = [f"{c.index}. {c.company}" for c in box.kit.companies if box.is_sent(c.index)]
    unsent = [f"{c.index}. {c.company}" for c in [*_failed(result), *result.left]]
    return "\n".join(
        [
            head,
            f"  送信済み: {'、'.join(sent) or 'なし'}",
            f"  未送信: {'、'.join(unsent) or 'なし'}",
            "  同じコマンドをもう一度実行すると、未送信の会社にだけ送ります。",
        ]
    )


def _failed(result: SendResult) -> list[CompanyDecline]:
    return [result.failed] if result.failed is not None else []


def _json(
    box: Outbox, written: bool, previews: list[Preview], result: SendResult | None, *, dry_run: bool
) -> dict[str, Any]:
    from naitei.export.decline import summary_rows

    rows = summary_rows(box.kit, box.case, box.sent_indexes)
    for row, preview in zip(rows, previews, strict=True):
        row["employer"] = box.case.companies[int(row["index"]) - 1].employer.to_dict()
        row["state"] = preview.state
        row["message"] = _shown(preview) if preview.message is not None and dry_run else None
    data: dict[str, Any] = {
        "out": str(box.out),
        "written": written,
        "decline": box.decline,
        "dry_run": dry_run,
        "companies": rows,
    }
    if not dry_run:
        data["sent"] = [record.to_dict() for record in (result.sent if result else [])]
        data["not_sent"] = [
            {"index": c.index, "company": c.company}
            for c in ([*_failed(result), *result.left] if result else [])
        ]
        data["failure"] = result.reply if result and result.failed else None
    return data
