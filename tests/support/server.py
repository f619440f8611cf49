"""A real uvicorn server in a thread, on 127.0.0.1 and a free port, for browser tests and
the screenshot script."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from naitei.web import Settings, create_app
from tests.support.cases import NOW
from tests.support.net import free_port


@contextlib.contextmanager
def running(make_app: Callable[[Settings], FastAPI], settings: Settings) -> Iterator[str]:
    """Serve `make_app(settings)` until the block ends (with the limits of `naitei serve`);
    yields the base URL. Requests need the settings' token (naitei.web.auth)."""
    from naitei.web.limits import server_options

    app = make_app(settings)
    config = uvicorn.Config(
        app, host=settings.host, port=settings.port, log_level="warning", **server_options()
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{settings.host}:{settings.port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def serving(database: Path, token: str) -> Iterator[str]:
    """naitei's web app on a SQLite file, with the tests' fixed clock (NOW), on a free port
    (see `running`); yields the base URL."""
    settings = Settings(
        port=free_port(), database_url=f"sqlite:///{database}", clock=lambda: NOW, token=token
    )
    with running(create_app, settings) as base:
        yield base
