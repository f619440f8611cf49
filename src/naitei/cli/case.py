"""`naitei case ...` and `naitei db ...`: a thin face over naitei.services.cases.

Only typer and the standard library are imported here at the top (cli/app.py imports this
module at start-up); the store, SQLAlchemy and Rich are imported inside the commands.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from naitei.cli.common import (
    confirm,
    echo,
    emit_json,
    handles_errors,
    handles_errors_naming,
    option_name,
)
from naitei.cli.options import CaseArg, NowOpt
from naitei.cli.options import DataFormat as Format
from naitei.cli.options import DataFormatOpt as FormatOpt

if TYPE_CHECKING:
    from naitei.services.cases import Store

F = TypeVar("F", bound=Callable[..., Any])

case_app = typer.Typer(
    help="ケースの記録: 登録、経過の記録、次にすること、書き出しと削除。例: naitei case list",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(
    help="データベースの管理: 更新とバックアップ。例: naitei db backup naitei-backup.db",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class Event(StrEnum):
    called = "called"
    emailed = "emailed"
    visited = "visited"
    letter_sent = "letter_sent"
    answered = "answered"
    note = "note"


ERASE_WAIT_CLI = 30  # seconds `case delete` waits for a reader before leaving the erasure pending
IdArg = Annotated[str, typer.Argument(help="ケースの ID（naitei case list で確かめられます）")]


def _now(text: str | None, field: str = "now") -> Any:
    from naitei.services import parse_now

    return parse_now(text, field)


def _store() -> Store:
    from naitei.services.cases import open_store

    return open_store()


@case_app.command("add")
@handles_errors
def add(
    case: CaseArg,
    now: NowOpt = None,
    format: FormatOpt = Format.text,
) -> None:
    """ケースファイルを登録する（辞退ファイルは会社ごとに一件ずつ）。例: naitei case add case.toml"""
    from naitei.cli.common import load_case
    from naitei.services import cases as services
    from naitei.services import text

    moment = _now(now)
    loaded = load_case(case)
    added = services.add_case(_store(), loaded, moment)
    if format is Format.json:
        ids = [item.id for item in added]
        emit_json({"id": ids[0], "ids": ids} if len(ids) > 1 else {"id": ids[0]})
    else:
        echo(text.added_text(added), nl=False)


@case_app.command("list")
@handles_errors
def list_(now: NowOpt = None, format: FormatOpt = Format.text) -> None:
    """登録したケースの一覧（会社、状態、次にすることと、その日時）。"""
    from naitei.services import cases as services

    moment = _now(now)
    cases = services.list_cases(_store())
    if format is Format.json:
        emit_json([case.to_dict() for case in cases])
        return
    if not cases:
        echo("登録したケースはまだありません。naitei case add CASE で登録できます。")
        return
    _print_table(cases, moment)
    from naitei.services.text import problems_text

    echo(problems_text(cases), nl=False)


def _print_table(cases: list[Any], moment: Any) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from naitei.chars import terminal_safe
    from naitei.services.text import moment as when
    from naitei.services.text import overdue

    table = Table()
    table.add_column("会社", overflow="fold")
    table.add_column("状態", no_wrap=True)
    table.add_column("次にすること", overflow="fold")
    table.add_column("いつ", no_wrap=True)
    table.add_column("ID", no_wrap=True)
    for case in cases:
        due = when(case.next_due) if case.next_due else "—"
        if overdue(case, moment):
            due += "（過ぎています）"
        cells = (case.company, case.status_label, case.next_title or "—", due, case.id)
        # Text, not str: a company named "[link=…]" is not Rich markup; and made inert.
        table.add_row(*(Text(terminal_safe(cell)) for cell in cells))
    Console(width=max(100, Console().width)).print(table)


@case_app.command("show")
@handles_errors
def show(case_id: IdArg, now: NowOpt = None, format: FormatOpt = Format.text) -> None:
    """一件のケース: 見通し、行動計画、これまでの記録。"""
    from naitei.services import cases as services
    from naitei.services import text

    moment = _now(now)
    shown = services.show_case(_store(), case_id, moment)
    document = shown.next_document
    if format is Format.json:
        emit_json(shown.to_dict())
    else:
        echo(text.detail_text(shown.detail, shown.assessment), nl=False)
        if document is not None:
            echo(f"次の文書: {document['title']}（{text.draft_command(document, case_id)}）")


@case_app.command("draft")
@handles_errors_naming(kind="--kind")
def draft(
    case_id: IdArg,
    kind: Annotated[
        str | None,
        typer.Option("--kind", help="文書の種類（既定は、記録から決まる次の文書）"),
    ] = None,
    now: NowOpt = None,
    format: FormatOpt = Format.text,
) -> None:
    """記録に合わせて次の文書を作る（返事に応じたお礼、訪問の確認、状況を伺う連絡など）。
    例: naitei case draft ID"""
    from naitei import services as core
    from naitei.services import cases as services

    _detail, document = services.stored_document(_store(), case_id, _now(now), kind)
    if format is Format.json:
        emit_json(document.to_dict())
        return
    for note in document.notes:
        echo(f"注: {note}", err=True)
    echo(core.document_text(document), nl=False)


@case_app.command("log")
@handles_errors_naming(kind="EVENT")
def log(
    case_id: IdArg,
    event: Annotated[
        Event,
        typer.Argument(help="called, emailed, visited, letter_sent, answered, note"),
    ],
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            help="called: reached（話せた）, absent（不在）／ answered: accepted, refused, come_in, call_back, considering",
        ),
    ] = None,
    with_whom: Annotated[
        str | None, typer.Option("--with", help="話した相手（例: 佐藤様）")
    ] = None,
    said: Annotated[str | None, typer.Option("--said", help="言われたこと、話したこと")] = None,
    note: Annotated[str | None, typer.Option("--note", help="メモ")] = None,
    at: Annotated[
        str | None,
        typer.Option("--at", help="いつのことか（例: 2026-11-26T10:05）。既定は現在時刻"),
    ] = None,
    callback: Annotated[
        str | None,
        typer.Option(
            "--callback", help="戻られる時刻（例: 17:00 や 2026-11-27T10:00）。不在・かけ直しのとき"
        ),
    ] = None,
    visit_at: Annotated[
        str | None,
        typer.Option("--visit-at", help="訪問の日時（come_in のとき。例: 2026-12-03T14:00）"),
    ] = None,
    answer_by: Annotated[
        str | None, typer.Option("--answer-by", help="返事をいただける日（considering のとき）")
    ] = None,
    format: FormatOpt = Format.text,
) -> None:
    """経過を記録する。例: naitei case log ID called --outcome absent --with 佐藤様 --callback 17:00"""
    from naitei.services import cases as services
    from naitei.services import text

    now = _now(None)
    moment = _now(at, "at") if at else now
    expected, option = _expected(moment, callback=callback, visit_at=visit_at, answer_by=answer_by)
    logged = services.log_event(
        _store(),
        case_id,
        event.value,
        at=moment,
        now=now,
        outcome=outcome,
        with_whom=with_whom,
        said=said,
        note=note,
        expected_at=expected,
        expected_option=option,
    )
    if format is Format.json:
        emit_json(logged.to_dict())
    else:
        echo(text.logged_text(logged.event, logged.case), nl=False)


def _expected(
    moment: Any, *, callback: str | None, visit_at: str | None, answer_by: str | None
) -> tuple[Any, str]:
    """The moment an event names and the option that named it, from whichever of --callback,
    --visit-at, --answer-by was given (at most one; none: None, answer_by). A bare time (17:00)
    is on the day of the event."""
    import datetime as dt

    from naitei.calendar import JST
    from naitei.errors import InputError

    given = [
        (o, v)
        for o, v in (("callback", callback), ("visit_at", visit_at), ("answer_by", answer_by))
        if v
    ]
    if len(given) > 1:
        raise InputError(f"{option_name(given[0][0])} と一緒には指定できません", field=given[1][0])
    if not given:
        return None, "answer_by"
    option, value = given[0]
    if option == "callback" and len(value) <= 5 and ":" in value:
        try:
            clock = dt.time.fromisoformat(value.zfill(5))
        except ValueError:
            raise InputError(
                f"'{value}' は時刻の形ではありません（例: 17:00）", field=option
            ) from None
        return dt.datetime.combine(moment.astimezone(JST).date(), clock, JST), option
    if option == "answer_by":
        from naitei.compose.after_facts import parse_date

        day = parse_date(value, option)
        assert day is not None
        return dt.datetime.combine(day, dt.time(0), JST), option
    from naitei.compose.after_facts import parse_moment

    return parse_moment(value, option), option


@case_app.command("due")
@handles_errors
def due(
    now: NowOpt = None,
    format: FormatOpt = Format.text,
    ics: Annotated[
        Path | None, typer.Option("--ics", help="予定をカレンダー（.ics）にも書き出す")
    ] = None,
    notify: Annotated[
        bool,
        typer.Option(
            "--notify",
            help="今日すること（と一週間の予定）を、自分の SMTP 設定で自分宛てにメールする",
        ),
    ] = False,
) -> None:
    """すべてのケースの次にすることを、早い順に。例: naitei case due --ics due.ics
    毎朝の通知（cron や systemd タイマーから）: naitei case due --notify"""
    from naitei.services import cases as services
    from naitei.services import text

    moment = _now(now)
    store = _store()
    cases = services.due_cases(store)
    if notify:
        from naitei.services.notify import notify_due

        echo(notify_due(cases, moment))
        return
    if ics is not None:
        from naitei.fsutil import atomic_write

        atomic_write(ics, services.due_calendar(store, moment))
    if format is Format.json:
        emit_json([case.to_dict() for case in cases])
        return
    echo(text.due_text(cases, moment), nl=False)
    if ics is not None:
        echo(f"カレンダーを書き出しました: {ics}")


@case_app.command("ics")
@handles_errors
def ics(
    case_id: IdArg,
    out: Annotated[Path, typer.Option("--out", help="書き出す .ics（既定は plan.ics）")] = Path(
        "plan.ics"
    ),
    now: NowOpt = None,
) -> None:
    """記録に合わせてカレンダー（.ics）を作り直す。前日の夜と 30 分前に通知が鳴ります。
    例: naitei case ics ID --out plan.ics"""
    from naitei.fsutil import atomic_write
    from naitei.services.reminders import case_calendar

    moment = _now(now)
    atomic_write(out, case_calendar(_store(), case_id, moment))
    echo(f"カレンダーを書き出しました: {out}（読み込み直すと、前の予定が置き換わります）")


@case_app.command("export")
@handles_errors
def export(
    out: Annotated[
        Path | None, typer.Option("--out", help="書き出すファイル（既定は標準出力）")
    ] = None,
    now: NowOpt = None,
) -> None:
    """すべてのケースと記録を JSON に書き出す（バックアップや引っ越しに）。"""
    from naitei.services import cases as services
    from naitei.services.cases import unimportable

    data = services.export_all(_store(), _now(now))
    for case_id, problem in unimportable(data):
        echo(
            f"注意: ケース {case_id} は記録の一部が壊れているため、書き出したファイルを取り込むときに"
            f"断られます（{problem}）。naitei case delete {case_id} で削除できます。",
            err=True,
        )
    body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        from naitei.chars import json_safe

        echo(json_safe(body), nl=False)
        return
    from naitei.fsutil import atomic_write

    atomic_write(out, body.encode("utf-8"))  # a private (0600) file: it holds personal data
    echo(f"書き出しました: {out}（ケース {len(data['cases'])} 件）")


@case_app.command("import")
@handles_errors
def import_(
    file: Annotated[
        Path, typer.Argument(help="naitei case export で書き出した JSON（- で標準入力）")
    ],
    now: NowOpt = None,
    format: FormatOpt = Format.text,
) -> None:
    """書き出した JSON を取り込む。同じファイルを二度取り込んでも変わりません。"""
    from naitei.services import cases as services

    data = _read_json(file)
    result = services.import_all(_store(), data, file.name, _now(now))
    if format is Format.json:
        emit_json(result.to_dict())
        return
    echo(
        f"取り込みました: ケース {result.cases_added} 件、記録 {result.events_added} 件"
        f"（変更のなかったケース {result.unchanged} 件）"
    )


MAX_IMPORT_BYTES = 256_000_000  # an export of 20,000 cases is about 120 MB


def _read_json(file: Path) -> Any:
    from naitei.errors import InputError, os_reason

    try:
        if str(file) == "-":
            raw = sys.stdin.buffer.read(MAX_IMPORT_BYTES + 1)
        else:
            with file.open("rb") as handle:
                raw = handle.read(MAX_IMPORT_BYTES + 1)
        if len(raw) > MAX_IMPORT_BYTES:
            raise InputError(f"{file}: 大きすぎます（{MAX_IMPORT_BYTES // 1_000_000} MB まで）")
        return json.loads(raw.decode("utf-8"))
    except OSError as error:
        raise InputError(f"{file}: ファイルを読めません（{os_reason(error)}）") from None
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(f"{file}: JSON として読めません") from None
    except RecursionError:
        raise InputError(f"{file}: 入れ子が深すぎます") from None


@case_app.command("delete")
@handles_errors
def delete(
    case_id: IdArg,
    yes: Annotated[bool, typer.Option("--yes", help="確認せずに削除する")] = False,
    format: FormatOpt = Format.text,
) -> None:
    """ケースとその記録を完全に削除する（元に戻せません）。"""
    from naitei.errors import InputError
    from naitei.services import cases as services

    store = _store()
    detail = services.get_case(store, case_id)
    if not yes:
        if not sys.stdin.isatty():
            raise InputError(
                "確認ができないため、削除しませんでした。削除してよい場合は --yes を付けてください"
            )
        question = (
            f"{detail.summary.company} のケース（ID {case_id}、記録 {len(detail.events)} 件）を"
            "完全に削除します。元に戻せません。よろしいですか？"
        )
        if not confirm(question):
            echo("削除しませんでした。")
            return

    def waiting() -> None:
        echo(
            "ほかの処理がデータベースを読み込み中のため、一時ファイル（-wal）に残った内容の"
            f"消去を待っています（最長 {ERASE_WAIT_CLI} 秒）…",
            err=True,
        )

    result = services.delete_case(store, case_id, wait=ERASE_WAIT_CLI, waiting=waiting)
    if format is Format.json:
        emit_json(
            {
                "id": case_id,
                "events": result.events,
                "wal_cleared": result.wal_cleared,
                "erasure": result.erasure,
            }
        )
        return
    echo(f"ケース {case_id} と、その記録 {result.events} 件を削除しました。")
    if result.wal_cleared is False:
        echo(
            "ただし、ほかの処理がまだデータベースを読み込んでいるため、一時ファイル"
            f"（{store.where}-wal）には削除した内容が残っています。その処理が読み込みを終えたあと、"
            "次に naitei を使ったとき（naitei serve が動いていれば、読み込みが終わりしだい）に"
            "消去されます。",
            err=True,
        )


@db_app.command("upgrade")
@handles_errors
def upgrade() -> None:
    """データベースを、この naitei の形に更新する（初めて使うときは自動で行われます）。"""
    from naitei.services import cases as services

    before, after, where = services.upgrade_database()
    if before == after:
        echo(f"データベースはすでに最新の形です（版 {after}）: {where}")
    else:
        echo(f"データベースを更新しました（版 {before or 'なし'} → {after}）: {where}")


@db_app.command("backup")
@handles_errors
def backup(
    file: Annotated[
        Path, typer.Argument(help="バックアップの書き出し先（既存のファイルは上書きしません）")
    ],
) -> None:
    """データベースのバックアップを作り、壊れていないことを確かめる（SQLite）。"""
    from naitei.services.cases import backup as make_backup

    result = make_backup(_store(), file)
    echo(
        f"バックアップを書き出しました: {result.path}（ケース {result.cases} 件、"
        f"整合性の検査: {result.integrity}）"
    )
