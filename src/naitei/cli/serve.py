"""``naitei serve``: the local web app. Imports only typer and the standard library at the
top (cli/app.py imports this module at start-up); FastAPI and uvicorn load inside the command.

The server requires its key (naitei.web.auth): the URL printed at start carries it once, and
`naitei serve --print-token [--port N]` shows the key of the server running on that port (it
is kept for the server's lifetime in a private file of the data folder, serve-PORT.json).
Any address other than loopback needs TLS (--tls-cert, --tls-key) or --insecure-lan."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from naitei.cli.common import echo, handles_errors
from naitei.vocabulary import LOCAL_HOSTS

INSECURE = (
    "警告: {host} で、暗号化せずに待ち受けます（--insecure-lan）。同じネットワークのほかの人は、"
    "鍵の付いたアドレスや、あなたのケース（その中の事情）を、通信の途中で読み取れるおそれが"
    "あります。信頼できるネットワークだけで使い、終わったら Ctrl+C で止めてください。"
)
TLS_WARNING = (
    "注意: {host} で待ち受けます。同じネットワークのほかの機器からも接続できます"
    "（鍵のない接続には応えません）。自分のパソコンだけで使うときは --host を付けずに起動してください。"
)
NEEDS_TLS = (
    "--host {host}: このパソコンの外からも接続できるアドレスでは、通信を暗号化しないと、鍵と"
    "ケースの中身がネットワーク上で読み取られるおそれがあります。--tls-cert と --tls-key で"
    "証明書を指定するか、危険を承知のうえで --insecure-lan を付けてください"
)


@handles_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="待ち受けるアドレス（既定: 127.0.0.1、このパソコンだけ）")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="ポート番号")] = 8000,
    tls_cert: Annotated[
        Path | None, typer.Option("--tls-cert", help="HTTPS の証明書（PEM）。--tls-key と一緒に")
    ] = None,
    tls_key: Annotated[Path | None, typer.Option("--tls-key", help="HTTPS の秘密鍵（PEM）")] = None,
    insecure_lan: Annotated[
        bool,
        typer.Option(
            "--insecure-lan",
            help="127.0.0.1 以外のアドレスで、暗号化せずに待ち受ける（通信の途中で読み取られる危険があります）",
        ),
    ] = False,
    org: Annotated[
        bool,
        typer.Option(
            "--org", help="組織モード（PostgreSQL、複数の利用者）で起動する。--config と一緒に"
        ),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="組織モードのアプリのワーカー数")
    ] = 1,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config", help="組織モードの設定ファイル（TOML）。NAITEI_ORG_* でも指定できます"
        ),
    ] = None,
    print_token: Annotated[
        bool,
        typer.Option(
            "--print-token",
            help="このポートで動いている naitei serve の鍵を表示する（スクリプトの Authorization: Bearer 用）",
        ),
    ] = False,
) -> None:
    """Web アプリを起動する（表示される、鍵の付いたアドレスをブラウザで開きます）。例: naitei serve"""
    if print_token:
        echo(_running_token(port))
        return
    from naitei.errors import InputError

    if org:
        from naitei.cli.org import serve_org

        serve_org(config, host, port, workers)
        return
    if workers != 1 or config is not None:
        raise InputError("--workers と --config は --org と一緒に指定してください")
    tls = _tls_files(tls_cert, tls_key)
    if host not in LOCAL_HOSTS and tls is None and not insecure_lan:
        raise InputError(NEEDS_TLS.format(host=host))
    _run(host, port, tls, insecure_lan)


def _tls_files(cert: Path | None, key: Path | None) -> tuple[Path, Path] | None:
    from naitei.errors import InputError

    if cert is None and key is None:
        return None
    if cert is None or key is None:
        raise InputError("--tls-cert と --tls-key は一緒に指定してください")
    for field, path in (("tls_cert", cert), ("tls_key", key)):
        if not path.is_file():
            raise InputError(f"ファイルが見つかりません: {path}", field=field)
    return cert, key


def _run(host: str, port: int, tls: tuple[Path, Path] | None, insecure_lan: bool) -> None:
    import uvicorn

    from naitei.web import Settings, create_app
    from naitei.web.limits import server_options

    if host not in LOCAL_HOSTS:
        echo((TLS_WARNING if tls else INSECURE).format(host=host), err=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations log every plugin
    logging.getLogger("uvicorn.access").addFilter(_hide_tokens)
    settings = Settings(host=host, port=port, tls=tls is not None)
    app = create_app(settings)
    scheme = "https" if tls else "http"
    shown = f"[{host}]" if ":" in host else host
    address = f"{scheme}://{shown}:{port}/"
    with _runtime_file(port, address, settings.token):
        echo(f"naitei を {address} で起動します。終了するには Ctrl+C を押します。")
        echo("次のアドレスをブラウザで開いてください（鍵が付いています。人に見せないでください）:")
        echo(f"  {address}?token={settings.token}")
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            access_log=True,
            ssl_certfile=str(tls[0]) if tls else None,
            ssl_keyfile=str(tls[1]) if tls else None,
            **server_options(),
        )


_TOKEN = re.compile(r"([?&]token=)[^&\s\"]*")


def _hide_tokens(record: logging.LogRecord) -> bool:
    """The access log never shows the key of a `?token=` address."""
    if isinstance(record.args, tuple):
        record.args = tuple(
            _TOKEN.sub(r"\1…", arg) if isinstance(arg, str) else arg for arg in record.args
        )
    return True


def _runtime_path(port: int) -> Path:
    from naitei.services.cases import private_data_dir

    return private_data_dir() / f"serve-{port}.json"


@contextlib.contextmanager
def _runtime_file(port: int, address: str, token: str) -> Iterator[None]:
    """The key of the running server, for `--print-token`: a private file (0600, in the 0700
    data folder) that lives as long as the server."""
    from naitei.fsutil import atomic_write

    path = _runtime_path(port)
    data = {"pid": os.getpid(), "port": port, "url": address, "token": token}
    atomic_write(path, json.dumps(data).encode("utf-8"))  # mkstemp: created 0600
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            path.unlink()


def _running_token(port: int) -> str:
    from naitei.errors import InputError

    path = _runtime_path(port)
    missing = InputError(
        f"ポート {port} で動いている naitei serve が見つかりません"
        "（同じユーザーで起動した naitei serve の鍵だけを表示できます）",
        field="print_token",
    )
    try:
        data: Any = json.loads(path.read_bytes()[:10_000])
    except (OSError, ValueError):
        raise missing from None
    if not isinstance(data, dict) or not _alive(data.get("pid")):
        raise missing
    return str(data.get("token", ""))


def _alive(pid: Any) -> bool:
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
