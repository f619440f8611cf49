"""Errors as pages and as JSON: typed errors name the field, nothing leaks, nothing is a 500
unless naitei has a bug (and then the log carries the exception's type and frames only)."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from naitei.errors import ExternalError, NaiteiError, NotFoundError, Problem
from naitei.validation import validation_message
from naitei.web.deps import render
from naitei.web.problems import problems_of

log = logging.getLogger("naitei.web")

NOT_FOUND = "ケースが見つかりません。削除されたか、アドレスが違う可能性があります。"
TITLES = {
    400: "入力を確かめてください",
    403: "この操作は受け付けられません",
    404: "ページが見つかりません",
    405: "この操作は受け付けられません",
    422: "入力を確かめてください",
    503: "データベースを使えませんでした",
}


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def status_of(error: NaiteiError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, ExternalError):
        return 503
    return 422


def respond(
    request: Request,
    status: int,
    problems: list[Problem],
    headers: Mapping[str, str] | None = None,
) -> Any:
    if is_api(request):
        body = {"detail": [p.to_dict() for p in problems]}
        return JSONResponse(body, status_code=status, headers=headers)
    page = render(
        request,
        "error.html",
        status_code=status,
        title=TITLES.get(status, "エラーが起きました"),
        problems=problems,
    )
    page.headers.update(headers or {})
    return page


async def naitei_error(request: Request, error: Exception) -> Any:
    assert isinstance(error, NaiteiError)
    if isinstance(error, NotFoundError):
        return respond(request, 404, [Problem(None, NOT_FOUND)])
    return respond(request, status_of(error), problems_of(error, "body"))


async def validation_error(request: Request, error: Exception) -> Any:
    assert isinstance(error, RequestValidationError)
    problems = [_validation_problem(item) for item in error.errors()]
    return respond(request, 422, problems)


def _validation_problem(item: Any) -> Problem:
    if item.get("type") == "json_invalid":  # FastAPI's or json_body.parse_json's
        reason = str((item.get("ctx") or {}).get("error", ""))
        return Problem("body", f"JSON として読めません: {reason}")
    loc = [part for part in item.get("loc", ()) if part not in ("body", "query", "path")]
    return Problem(".".join(map(str, loc)) or None, validation_message(item, None, tuple(loc)))


async def http_error(request: Request, error: Exception) -> Any:
    assert isinstance(error, HTTPException)
    title = TITLES.get(error.status_code, "エラーが起きました")
    headers = dict(error.headers or {})
    if error.status_code == 405:  # RFC 9110: Allow lists every method of the resource
        starlette = {method.strip() for method in headers.get("Allow", "").split(",")}
        headers["Allow"] = allowed_methods(request) or ", ".join(sorted(starlette - {""}))
    return respond(request, error.status_code, [Problem(None, title)], headers)


def allowed_methods(request: Request) -> str:
    """The methods of every route at this path (Starlette names only the first route's)."""
    routes: list[BaseRoute] = request.app.state.routes
    methods: set[str] = set()
    for route in routes:
        match, _ = route.matches(request.scope)
        if match != Match.NONE:
            methods |= getattr(route, "methods", None) or set()
    if "GET" in methods:
        methods.add("HEAD")  # naitei.web.security answers HEAD for every GET route
    return ", ".join(sorted(methods))


def install(app: FastAPI) -> None:
    app.add_exception_handler(NaiteiError, naitei_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(HTTPException, http_error)


ERROR_PAGE = (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>エラー — naitei</title><link rel="stylesheet" href="/static/style.css"></head>'
    '<body><main class="page"><h1>申し訳ありません。処理を完了できませんでした</h1>'
    "<p>naitei の不具合の可能性があります。入力した内容は保存されていません。"
    '<a href="/">最初のページ</a>からもう一度お試しください。</p></main></body></html>'
)


class ErrorShield:
    """The last resort: an unexpected exception becomes a calm 500, logged without its message
    (it could quote the user's data)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as error:
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("unexpected %s on %s\n%s", type(error).__name__, scope.get("path"), frames)
            if started or scope["type"] != "http":
                return
            await _send_500(send, str(scope.get("path", "")).startswith("/api/"))


async def _send_500(send: Send, api: bool) -> None:
    if api:
        body = b'{"detail":[{"field":null,"message":"\\u5185\\u90e8\\u30a8\\u30e9\\u30fc"}]}'
        kind = b"application/json"
    else:
        body, kind = ERROR_PAGE.encode("utf-8"), b"text/html; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 500, "headers": headers})
    await send({"type": "http.response.body", "body": body})
