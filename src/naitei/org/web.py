"""The plumbing of `naitei serve --org` (the app itself: org/app.py, routes: org/routes.py).

Only /signin…, /passkey/signin/…, /healthz, /readyz, the manifest, the service worker and the
static app shell answer without a session. Every POST must come from the configured origin
(Origin header) and, once signed in, carry the session's CSRF token (form field `csrf` or
header X-CSRF-Token). Routes are in org/routes.py; this module holds the plumbing.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from naitei.errors import ExternalError, InputError, NotFoundError
from naitei.org.accounts import Forbidden
from naitei.org.cases import NeedsReauth
from naitei.org.config import OrgConfig
from naitei.org.sessions import RateLimited, Session, load

HERE = Path(__file__).resolve().parent
WEB_STATIC = HERE.parent / "web" / "static"
PUBLIC = ("/signin", "/passkey/signin/", "/healthz", "/readyz", "/static/", "/assets/",
          "/manifest.webmanifest", "/sw.js")  # fmt: skip
access = logging.getLogger("naitei.org.access")
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self';"
    " img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
    " form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # no-referrer would make form posts send Origin: null
    "Cache-Control": "no-store",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class Unauthenticated(Exception):
    """No live session: a page redirects to /signin, the JSON API answers 401."""


def cookie_name(config: OrgConfig) -> str:
    return "__Host-naitei" if config.secure_cookies else "naitei_session"


def set_session_cookie(response: Response, config: OrgConfig, token: str) -> None:
    response.set_cookie(
        cookie_name(config), token, httponly=True, secure=config.secure_cookies, samesite="lax",
        path="/", max_age=config.session_absolute_seconds,
    )  # fmt: skip


def address(request: Request) -> str:
    return request.client.host if request.client else ""


def session_of(request: Request) -> Session:
    session: Session | None = request.state.session
    if session is None:
        raise Unauthenticated
    return session


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates: Jinja2Templates = request.app.state.templates
    config: OrgConfig = request.app.state.config
    values = {"org_name": config.name, "session": request.state.session, "message": "", "link": "",
              "error": ""} | context  # fmt: skip
    return templates.TemplateResponse(request, name, values, status_code=status)


def templates() -> Jinja2Templates:
    from naitei.web.templating import make_templates

    web = make_templates()  # the local app's filters, globals and _macros.html (the case form)
    env = web.env
    env.loader = jinja2.ChoiceLoader(
        [
            jinja2.PackageLoader("naitei.org", "templates"),
            jinja2.PackageLoader("naitei.web", "templates"),
        ]
    )
    return web


async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Session, origin check, CSRF, security headers and one structured log line per request."""
    from starlette.concurrency import run_in_threadpool

    started = time.perf_counter()
    config: OrgConfig = request.app.state.config
    token = request.cookies.get(cookie_name(config), "")
    request.state.session = (
        await run_in_threadpool(load, request.app.state.engine, config, token) if token else None
    )
    response = await _checked(request, call_next, config)
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if config.secure_cookies:
        response.headers["Strict-Transport-Security"] = "max-age=63072000"
    route = request.scope.get("route")
    session = request.state.session
    access.info(json.dumps({
        "method": request.method, "route": getattr(route, "path", "-"), "status": response.status_code,
        "user": session.user_id if session else None, "ms": round((time.perf_counter() - started) * 1000, 1),
    }))  # fmt: skip
    return response


async def _checked(
    request: Request, call_next: Callable[[Request], Awaitable[Response]], config: OrgConfig
) -> Response:
    path = request.url.path
    if request.method not in ("GET", "HEAD"):
        origin = request.headers.get("origin")
        if origin == "null":  # an opaque origin: only a same-origin fetch metadata vouches for it
            origin = (
                config.origin if request.headers.get("sec-fetch-site") == "same-origin" else origin
            )
        if origin is not None and origin != config.origin:
            return _plain(403, "他のサイトからの送信は受け付けません")
    if request.state.session is None and not path.startswith(PUBLIC) and path != "/":
        if path.startswith(("/api/", "/passkey/")) or request.method != "GET":
            return _plain(401, "サインインしてください")
        return RedirectResponse("/signin", status_code=303)
    return await call_next(request)


class CsrfFailure(Exception):
    """A signed-in POST without the session's CSRF token (403)."""


async def csrf_checked(request: Request) -> None:
    """Router dependency: every signed-in POST carries the session's CSRF token. (A dependency,
    not middleware: FastAPI has parsed the form already and the route reads the same one.)"""
    if request.method in ("GET", "HEAD") or request.state.session is None:
        return
    if request.url.path.startswith(("/signin", "/passkey/signin/")):
        return  # sign-in itself (origin-checked): it replaces the session anyway
    if not await _csrf_ok(request):
        raise CsrfFailure


async def _csrf_ok(request: Request) -> bool:
    import hmac

    expected = request.state.session.csrf
    sent = request.headers.get("x-csrf-token")
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()  # cached by Starlette: the route reads the same form
        value = form.get("csrf")
        sent = value if isinstance(value, str) else None
    return sent is not None and hmac.compare_digest(sent, expected)


def _plain(status: int, message: str) -> Response:
    return JSONResponse({"detail": message}, status_code=status, headers=HEADERS)


def install_errors(app: FastAPI) -> None:
    def page(status: int, title: str) -> Callable[[Request, Exception], Response]:
        def handler(request: Request, error: Exception) -> Response:
            if request.url.path.startswith(("/api/", "/passkey/")):
                return JSONResponse({"detail": str(error) or title}, status_code=status)
            return render(request, "page.html", status, title=title, error=str(error), link="/")

        return handler

    app.add_exception_handler(NotFoundError, page(404, "見つかりません"))
    app.add_exception_handler(Forbidden, page(403, "権限がありません"))
    app.add_exception_handler(RateLimited, page(429, "しばらくしてからもう一度お試しください"))
    app.add_exception_handler(ExternalError, page(503, "ただいま処理できません"))

    def reauth(request: Request, error: Exception) -> Response:
        return RedirectResponse(
            f"/reauth?next={request.url.path.rsplit('/', 1)[0]}", status_code=303
        )

    app.add_exception_handler(NeedsReauth, reauth)
    app.add_exception_handler(InputError, page(400, "入力を確かめてください"))

    def signin(request: Request, error: Exception) -> Response:
        return _plain(401, "サインインしてください")

    app.add_exception_handler(Unauthenticated, signin)

    def csrf(request: Request, error: Exception) -> Response:
        return _plain(403, "フォームの有効期限が切れました。ページを開き直してください")

    app.add_exception_handler(CsrfFailure, csrf)
