"""``naitei serve``: the local web app. Imports only typer and the standard library at the
top (cli.py imports this module at start-up); FastAPI and uvicorn load inside the command."""

from __future__ import annotations

from typing import Annotated

import typer

from naitei.cli_common import handles_errors

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
WARNING = (
    "警告: {host} で待ち受けます。同じネットワークのほかの人や機器からも、このアプリ"
    "（あなたのケースと、その中の事情）に接続できるおそれがあります。"
    "自分のパソコンだけで使うときは --host を付けずに起動してください。"
)


@handles_errors
def serve(
    host: Annotated[
        str, typer.Option("--host", help="待ち受けるアドレス（既定: 127.0.0.1、このパソコンだけ）")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="ポート番号")] = 8000,
) -> None:
    """Web アプリを起動する（ブラウザで http://127.0.0.1:8000/ を開きます）。例: naitei serve"""
    import logging  # here, not at the top: 2 ms of every naitei command's start-up

    import uvicorn

    from naitei.web import Settings, create_app

    if host not in LOCAL_HOSTS:
        typer.echo(WARNING.format(host=host), err=True)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)  # migrations log every plugin
    app = create_app(Settings(host=host, port=port))
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"naitei を http://{shown}:{port}/ で起動します。終了するには Ctrl+C を押します。")
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        server_header=False,
        proxy_headers=False,
        access_log=True,
    )
