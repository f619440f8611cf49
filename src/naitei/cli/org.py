"""`naitei org …`, `naitei audit …` and `naitei worker`: organisation mode's commands.
Imports only typer at the top; naitei.org loads inside the commands."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from naitei.cli.common import echo, handles_errors

if TYPE_CHECKING:
    from naitei.org.config import OrgConfig

org_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)
audit_app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)

ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="組織モードの設定ファイル（TOML）。NAITEI_ORG_* の環境変数でも指定できます"
    ),
]


def load(config: Path | None) -> OrgConfig:
    from naitei.org.config import load_config

    return load_config(config)


@org_app.command("init")
@handles_errors
def init(
    admin_email: Annotated[str, typer.Option("--admin-email", help="最初の管理者のメールアドレス")],
    config: ConfigOpt = None,
) -> None:
    """組織モードを始める: PostgreSQL にスキーマを作り、最初の管理者と鍵を用意する。例: naitei org init --config org.toml --admin-email admin@example.ac.jp"""
    from naitei.org.accounts import create_first_admin, normal_email
    from naitei.org.db import make_engine
    from naitei.org.keys import KeyRing
    from naitei.org.roles import login_name, provision_login
    from naitei.org.schema import upgrade

    settings = load(config)
    normal_email(admin_email, "admin_email")
    login_name(settings)  # a bad database_url fails before anything is written
    ring = KeyRing(settings.key_dir)
    engine = make_engine(settings, pool_size=1, admin=True)
    try:
        upgrade(engine)
        login = provision_login(engine, settings)
        if not (settings.key_dir / "current").exists():
            ring.create()
        admin = create_first_admin(engine, admin_email)
    finally:
        engine.dispose()
    echo(f"スキーマを作りました。鍵: {settings.key_dir}")
    if login is None:
        echo(
            "注意: アプリもスキーマの所有者として接続します。admin_database_url に所有者を、"
            "database_url に別のログインを指定することをお勧めします（docs/threat-model.md）",
            err=True,
        )
    else:
        echo(
            f"アプリのログイン {login} を用意しました（所有するものはなく、行レベルセキュリティを迂回できません）"
        )
    echo(
        f"管理者 (id {admin.id}) を登録しました。{settings.base_url}/signin からメールのリンクでサインインしてください。"
    )


@org_app.command("rotate-key")
@handles_errors
def rotate_key(config: ConfigOpt = None) -> None:
    """マスター鍵を新しくし、各ケースの鍵を包み直す（古いマスター鍵は消します）。例: naitei org rotate-key --config org.toml"""
    from naitei.org.keys import KeyRing

    settings = load(config)
    count = KeyRing(settings.key_dir).rotate()
    echo(f"マスター鍵を新しくしました（ケースの鍵 {count} 件を包み直しました）")


@audit_app.command("verify")
@handles_errors
def verify(config: ConfigOpt = None) -> None:
    """監査ログのハッシュの鎖を確かめる（改ざんがあれば終了コード 1）。例: naitei audit verify --config org.toml"""
    from naitei.org.audit import verify as check_chain
    from naitei.org.db import make_engine

    engine = make_engine(load(config), pool_size=1)
    try:
        verdict = check_chain(engine)
    finally:
        engine.dispose()
    if not verdict.ok:
        echo(f"監査ログの鎖が id {verdict.broken_at} で切れています（改ざんか破損）", err=True)
        raise typer.Exit(1)
    echo(f"監査ログ {verdict.rows} 行: 鎖は正しくつながっています")


@audit_app.command("export")
@handles_errors
def export(
    config: ConfigOpt = None,
    account: Annotated[
        int | None, typer.Option("--account", help="このアカウントの操作だけ")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="この日時から（ISO 8601）")] = None,
    until: Annotated[str | None, typer.Option("--until", help="この日時まで（ISO 8601）")] = None,
    reads: Annotated[
        bool, typer.Option("--reads", help="ケースの閲覧と書き出しだけ（漏えいの報告用）")
    ] = False,
) -> None:
    """監査ログを CSV で書き出す。例: naitei audit export --account 12 --reads --since 2026-12-01"""
    from naitei.org.audit import export_csv
    from naitei.org.db import Actor, make_engine

    start, end = _moment(since, "since"), _moment(until, "until")
    engine = make_engine(load(config), pool_size=1)
    try:
        system_admin = Actor(0, "admin")  # the CLI runs with the database owner's rights
        echo(export_csv(engine, system_admin, start, end, account, reads), nl=False)
    finally:
        engine.dispose()


def _moment(value: str | None, field: str) -> datetime | None:
    from datetime import UTC

    from naitei.errors import parsed

    if value is None:
        return None
    message = "日時の形になっていません（例: 2026-12-01T09:00:00+09:00）"
    moment = parsed(datetime.fromisoformat, value, field, message)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def serve_org(config: Path | None, host: str, port: int, workers: int) -> None:
    """`naitei serve --org`: N uvicorn workers (uvloop, httptools) behind a TLS proxy."""
    import os

    import uvicorn

    from naitei.errors import InputError
    from naitei.org.db import make_engine
    from naitei.org.schema import HEAD, current_revision

    settings = load(config)
    engine = make_engine(settings, pool_size=1)
    try:
        revision = current_revision(engine)
    finally:
        engine.dispose()
    if revision != HEAD:
        raise InputError(
            "組織モードのスキーマがありません。先に naitei org init を実行してください",
            field="database_url",
        )
    if config is not None:
        os.environ["NAITEI_ORG_CONFIG"] = str(config.resolve())
    echo(
        f"組織モードを {host}:{port} で起動します（ワーカー {workers}、公開 URL {settings.base_url}）"
    )
    uvicorn.run(
        "naitei.org.app:app_factory",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        proxy_headers=True,
        forwarded_allow_ips="127.0.0.1",
        server_header=False,
        log_level=settings.log_level.lower(),
        access_log=False,  # one structured line per request comes from the app (ids only)
    )


@handles_errors
def worker(config: ConfigOpt = None) -> None:
    """組織モードのジョブを処理する（通知、送信待ちのメール、保存期間を過ぎたケースの消去）。例: naitei worker --config org.toml"""
    import logging

    from naitei.org.jobs import run_worker

    settings = load(config)
    logging.basicConfig(level=settings.log_level, format="%(message)s")
    run_worker(settings)
