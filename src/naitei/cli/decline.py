"""`naitei decline FILE --out DIR [--send]`: a thin face over naitei.services.outbox.

Only typer and the standard library are imported at the top (cli/app.py imports this module at
start-up); the composer, the checker, SMTP and the store are imported inside the command.

Exit codes: 0 done (a dry run, or every email sent); 2 bad input, a copy-paste mistake, an
email the checker refuses, or no confirmation; 3 an SMTP or database failure (what was and
was not sent is listed, and a rerun sends only what is left).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from naitei.cli.common import confirm, echo, emit_json, handles_errors
from naitei.cli.options import DataFormat as Format
from naitei.cli.options import DataFormatOpt as FormatOpt
from naitei.cli.options import NowOpt
from naitei.cli.send import failure_text, resend_choice, result_text, stopped_at, warn_unknown

if TYPE_CHECKING:
    from naitei.case import DeclineCase
    from naitei.compose.decline_kit import CompanyDecline
    from naitei.mail.sending import SmtpSettings
    from naitei.services.outbox import Outbox, Preview, SendResult


_STATES = {
    "sent": "送信済みです（重ねて送りません）。",
    "no-address": "宛先のメールアドレスが分からないため、送信しません。電話で辞退を伝えてください",
    "skipped": "--company で選ばれていないか、--skip で除かれたため、今回は送りません。",
    "unknown": "前回の送信がサーバーに渡した直後に止まったため、届いたかどうか分かりません。"
    "送信済みフォルダや相手からの返信で確かめ、届いていなければ --resend N を付けて送り直して"
    "ください（付けなければ送りません）。",
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
SendOpt = Annotated[
    bool, typer.Option("--send", help="メールを送信する（付けなければ、送る内容を表示するだけ）")
]
YesOpt = Annotated[bool, typer.Option("--yes", help="送信前の確認を省く（スクリプト用）")]


def _positions(flag: str, text: str) -> Any:
    """A repeatable option naming companies by their 1-based position in the file."""
    return typer.Option(flag, metavar="N", help=text)


CompanyOpt = Annotated[
    list[int] | None,
    _positions("--company", "送る会社を何社目かで選ぶ（繰り返し指定できます。既定はすべて）"),
]
SkipOpt = Annotated[
    list[int] | None,
    _positions("--skip", "この会社には送らない（宛先に拒否された会社など。繰り返し指定できます）"),
]
ResendOpt = Annotated[
    list[int] | None,
    _positions(
        "--resend", "届いたかどうか分からない会社（前回の送信が途中で止まった会社）に送り直す"
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
    skip: SkipOpt = None,
    resend: ResendOpt = None,
) -> None:
    """辞退の連絡（メールと電話の台本）を会社ごとに用意し、--send でメールを送る。

    例: naitei decline decline.toml --out 辞退 → 確かめてから naitei decline decline.toml --out 辞退 --send
    """
    from naitei import services
    from naitei.compose.decline_kit import decline_kit
    from naitei.errors import InputError
    from naitei.services.outbox import Outbox

    case = _load(file)
    moment = services.parse_now(now)
    kit = decline_kit(case, moment)  # the copy-paste guard: nothing written or sent on a mismatch
    chosen = _chosen(case, company, skip)
    again = _chosen(case, resend, None) or []
    settings = _settings(case) if send else None
    if send and not yes and not sys.stdin.isatty():
        raise InputError(
            "確認ができないため、何も書き出さず、送信もしませんでした。"
            "送信してよい場合は --yes を付けてください"
        )
    with Outbox(case, kit, out, moment, sending=settings is not None) as box:
        written = box.prepare()
        if settings is None:
            _dry_run(box, written, chosen, format)
            return
        if format is Format.text:
            echo(_head(box, written))
        result = _send(box, settings, chosen, again, yes=yes, quiet=format is Format.json)
        _report(box, written, result, format)
        if result is not None and not result.complete:
            raise typer.Exit(3)


def _load(file: Path) -> DeclineCase:
    from naitei.case import DeclineCase
    from naitei.cli.common import load_case
    from naitei.errors import InputError

    case = load_case(file)
    if not isinstance(case, DeclineCase):
        raise InputError(
            f'{file.name}: 辞退の連絡は、辞退用のファイル（purpose = "decline"）から作ります。'
            "辞退の撤回には naitei withdraw を使います"
        )
    return case


def _chosen(
    case: DeclineCase, company: list[int] | None, skip: list[int] | None
) -> list[int] | None:
    """The companies to consider (None: all): --company's, without --skip's."""
    if not company and not skip:
        return None
    from naitei.compose.decline import target

    for index in [*(company or []), *(skip or [])]:
        target(case, index)  # InputError naming --company when out of range
    chosen = set(company or range(1, len(case.companies) + 1)) - set(skip or [])
    return sorted(chosen)


def _settings(case: DeclineCase) -> SmtpSettings:
    from naitei.errors import InputError
    from naitei.mail.sending import load_settings

    settings = load_settings(case.applicant.email)
    if not settings.from_address:
        raise InputError(
            "差出人のメールアドレスがありません。NAITEI_SMTP_FROM（または辞退ファイルの "
            "[applicant].email）を指定してください"
        )
    return settings


def _dry_run(box: Outbox, written: bool, chosen: list[int] | None, format: Format) -> None:
    from naitei.mail.sending import configured_from

    previews = box.preview(configured_from(box.case.applicant.email), chosen)
    if format is Format.json:
        emit_json(_json(box, written, previews, None, dry_run=True))
        return
    echo(_head(box, written))
    echo("")
    echo("送信の予行です（まだ何も送っていません）。--send を付けると、次のメールを送信します。")
    for preview in previews:
        echo("")
        echo(_preview_text(box, preview))


def _head(box: Outbox, written: bool) -> str:
    from naitei.export.decline import summary_rows
    from naitei.services import employer_notices

    count = len(box.kit.companies)
    lines = [
        f"辞退のキットを {box.out} に書き出しました（{count}件）。"
        if written
        else f"辞退のキットは {box.out} にあります（同じ辞退ファイルから作成済み、{count}件）。"
    ]
    for row in summary_rows(box.kit, box.case, box.sent_indexes, box.unknown_indexes):
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
    box: Outbox,
    settings: SmtpSettings,
    chosen: list[int] | None,
    again: list[int],
    *,
    yes: bool,
    quiet: bool,
) -> SendResult | None:
    """Check, confirm and send what is left; None when there is nothing to send. A message
    whose outcome is unknown goes again only when the user says so (--resend, or yes to the
    question); the default is not to send it twice."""
    from naitei.errors import NaiteiError
    from naitei.mail.sending import Mailer

    box.reconcile()
    unknown = box.pending(chosen, state="unknown")
    resend = resend_choice(unknown, again, ask=not yes)
    pending = sorted([*box.pending(chosen), *resend], key=lambda c: c.index)
    if not pending:
        if not quiet:
            echo("送るメールはありません（すべて送信済みか、宛先のメールアドレスがありません）。")
        warn_unknown([c for c in unknown if c not in resend])
        return None
    box.check(pending)
    if not yes and not _confirm(settings, pending):
        echo("送信を取りやめました。何も送っていません。", err=True)
        return None
    with Mailer(settings) as mailer:
        result = box.send(mailer, settings.from_address, pending, {c.index for c in resend})
    warn_unknown([c for c in unknown if c not in resend])
    try:
        box.write_summary()
    except NaiteiError as error:  # sent.json holds the truth; report, do not lose the result
        result.problem = "\n".join(filter(None, [result.problem, str(error)]))
    return result


def _confirm(settings: SmtpSettings, pending: list[CompanyDecline]) -> bool:
    """Show the recipients and ask; a terminal is there (checked before anything was written)."""
    echo(
        f"次の {len(pending)} 件のメールを、{settings.describe()} から送信します"
        f"（差出人: {settings.from_address}）:",
        err=True,
    )
    for company in pending:
        note = "（電話のあとに送る確認のメールです）" if company.channel_advised == "phone" else ""
        echo(f"  {company.index}. {company.recipient} <{company.email.to_address}>{note}", err=True)
    return confirm("送信してよろしいですか？", err=True)


def _report(box: Outbox, written: bool, result: SendResult | None, format: Format) -> None:
    if format is Format.json:
        emit_json(_json(box, written, box.preview("", None), result, dry_run=False))
    elif result is not None:
        echo(result_text(box, result), nl=False)
    if result is not None and not result.complete:
        echo(f"エラー: {failure_text(box, result)}", err=True)


def _json(
    box: Outbox, written: bool, previews: list[Preview], result: SendResult | None, *, dry_run: bool
) -> dict[str, Any]:
    from naitei.export.decline import summary_rows

    rows = summary_rows(box.kit, box.case, box.sent_indexes, box.unknown_indexes)
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
        not_sent = [*stopped_at(result), *result.left] if result else []
        data["not_sent"] = [{"index": c.index, "company": c.company} for c in not_sent]
        data["refused"] = [
            {"index": c.index, "company": c.company, "reply": reply}
            for c, reply in (result.refused if result else [])
        ]
        data["unknown"] = [
            {"index": c.index, "company": c.company} for c in (result.unknown if result else [])
        ]
        data["failure"] = result.reply if result and result.failed else None
    return data
