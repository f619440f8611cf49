"""The web app's defences, as one ASGI middleware around everything (static files included).

1. Host allowlist: a request whose Host header is not one of the server's own names with its
   port (127.0.0.1, localhost, [::1], the configured host) is refused with 400. This defeats
   DNS rebinding: a foreign site that points its own name at 127.0.0.1 still sends its name.
2. The key (naitei.web.auth): every request but the static files carries the session cookie
   or `Authorization: Bearer <token>`, or it is answered 401; a `?token=` address is
   exchanged for the cookie and redirected to the same address without it.
3. Cross-origin writes: every POST, PUT, PATCH and DELETE is refused with 403 unless
   - Sec-Fetch-Site, when present, is "same-origin" (not cross-site, same-site or none), and
   - Origin, when present, is one of the app's own origins, or "null" with Sec-Fetch-Site
     "same-origin" (our pages send Referrer-Policy: no-referrer, and with it browsers send
     "Origin: null" on their own form posts; Sec-Fetch-Site cannot be set by a page), and
   - Origin is present whenever Sec-Fetch-Site is (browsers send both on every POST).
   A request with neither header comes from a non-browser client (curl, scripts, tests),
   which no web page can make the user's browser send; it is allowed.
4. A write whose Content-Length is over 2 MB is refused with 413 before it is read; any other
   body is read here while it streams and refused at its 2,000,001st byte, or with 408 when it
   is too slow (naitei.web.limits).
5. HEAD is answered for every GET route, without the body.
6. Headers on every response: a strict Content-Security-Policy, nosniff, no referrer, no
   framing; Cache-Control: no-store on everything but the static files.
"""

from __future__ import annotations

import html
import json
import logging
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from naitei.web.auth import authenticated, offered_token, same, set_cookie
from naitei.web.limits import MAX_BODY, Disconnected, TooLarge, TooSlow, read_body, replay
from naitei.web.settings import Settings

log = logging.getLogger("naitei.web")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)
NO_STORE = (b"cache-control", b"no-store")
STATIC_CACHE = (b"cache-control", b"no-cache")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def refusal(scope: Scope, settings: Settings) -> tuple[int, str] | None:
    """(status, reason) when the request must be refused, None when it may pass."""
    host = (_header(scope, b"host") or "").lower()
    if host not in settings.allowed_hosts():
        return 400, "host"
    if not str(scope.get("path", "")).startswith("/static/") and not authenticated(scope, settings):
        return 401, "unauthorized"
    if scope.get("method", "GET") not in UNSAFE_METHODS:
        return None
    length = _header(scope, b"content-length") or "0"
    if not length.isdigit() or int(length) > MAX_BODY:
        return 413, "too-large"
    site = _header(scope, b"sec-fetch-site")
    origin = _header(scope, b"origin")
    if site is not None and site != "same-origin":
        return 403, "sec-fetch-site"
    if origin is None:
        return (403, "origin-missing") if site is not None else None
    if origin == "null":
        return None if site == "same-origin" else (403, "origin-null")
    if origin.lower() not in settings.allowed_origins():
        return 403, "origin"
    return None


KEY_HELP = (
    "naitei serve を起動したときに表示されたアドレス（?token= の付いたもの）をブラウザで"
    "開いてください。スクリプトからは Authorization: Bearer で鍵を送ってください"
    "（鍵は、同じユーザーで naitei serve --print-token を実行すると表示されます）。"
)
MESSAGES = {
    "unauthorized": "このページを開くには鍵が必要です。" + KEY_HELP,
    "bad-token": "アドレスの鍵が違います。naitei serve を起動し直したときは、新しく表示された"
    "アドレスを開いてください。",
    "host": "このアドレスからは利用できません（Host ヘッダーが正しくありません）。"
    "http://127.0.0.1 から開いてください。",
    "sec-fetch-site": "ほかのサイトからの送信は受け付けません。",
    "origin": "ほかのサイトからの送信は受け付けません。",
    "origin-missing": "送信元が分からないため、受け付けません。",
    "origin-null": "送信元が分からないため、受け付けません。",
    "too-large": "送られてきた内容が大きすぎます。",
    "too-slow": "送られてくる内容が途中で止まったため、受け付けませんでした。",
}


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        offered, clean = offered_token(scope)
        if offered is not None and scope.get("method") in ("GET", "HEAD"):
            await self._exchange(scope, send, offered, clean)
            return
        refused = refusal(scope, self.settings)
        if refused is not None:
            status, reason = refused
            log.warning("refused %s %s: %s", scope.get("method"), scope.get("path"), reason)
            await _refuse(scope, send, status, reason)
            return
        if scope.get("method") in UNSAFE_METHODS:
            try:
                body = await read_body(receive)
            except Disconnected:
                return
            except (TooLarge, TooSlow) as error:
                reason = "too-large" if isinstance(error, TooLarge) else "too-slow"
                log.warning("refused %s %s: %s", scope.get("method"), scope.get("path"), reason)
                status = 413 if reason == "too-large" else 408
                await _refuse(scope, send, status, reason, close=True)
                return
            receive = replay(body, receive)
        static = str(scope.get("path", "")).startswith("/static/")
        cache = STATIC_CACHE if static else NO_STORE
        head = scope.get("method") == "HEAD"
        if head:  # answered as the GET, without its body (uvicorn sends no body for HEAD either)
            scope = {**scope, "method": "GET"}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _merged(message.get("headers", []), (*HEADERS, cache))
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    async def _exchange(self, scope: Scope, send: Send, offered: str, clean: str) -> None:
        """The address printed at start: its token becomes the session cookie, and the browser
        goes to the same address without it (303). A wrong token is a 401."""
        host = (_header(scope, b"host") or "").lower()
        if host not in self.settings.allowed_hosts():
            await _refuse(scope, send, 400, "host")
            return
        if not same(offered, self.settings.token):
            log.warning("refused %s %s: bad-token", scope.get("method"), scope.get("path"))
            await _refuse(scope, send, 401, "bad-token")
            return
        headers = [
            (b"location", clean.encode("latin-1")),
            (b"set-cookie", set_cookie(self.settings)),
            (b"content-length", b"0"),
            *HEADERS,
            NO_STORE,
        ]
        await send({"type": "http.response.start", "status": 303, "headers": headers})
        await send({"type": "http.response.body", "body": b""})


async def _refuse(
    scope: Scope, send: Send, status: int, reason: str, *, close: bool = False
) -> None:
    """A refusal in the form the client reads: JSON for the API, a page or plain text."""
    message = MESSAGES[reason]
    extra: list[tuple[bytes, bytes]] = [(b"connection", b"close")] if close else []
    if status == 401:
        extra.append((b"www-authenticate", b'Bearer realm="naitei"'))
    path = str(scope.get("path", ""))
    if path.startswith("/api/") or path == "/openapi.json":
        body = json.dumps({"detail": [{"field": None, "message": message}]}).encode()
        await _send(send, status, body, b"application/json", extra)
    elif status == 401:
        page = KEY_PAGE.format(message=html.escape(message)).encode("utf-8")
        await _send(send, status, page, b"text/html; charset=utf-8", extra)
    else:
        await _send(send, status, message.encode("utf-8"), b"text/plain; charset=utf-8", extra)


KEY_PAGE = (
    '<!doctype html><html lang="ja"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>鍵が必要です — naitei</title><link rel="stylesheet" href="/static/style.css">'
    '</head><body><main class="page"><h1>鍵が必要です</h1><p>{message}</p>'
    "<p>naitei は、あなたのケース（事情や理由）を守るため、起動したときの鍵を持つブラウザと"
    "スクリプトにだけ応えます。</p></main></body></html>"
)


def _merged(
    headers: Iterable[tuple[bytes, bytes]], extra: Iterable[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    extra = list(extra)
    names = {name for name, _ in extra}
    return [(k, v) for k, v in headers if k.lower() not in names] + extra


async def _send(
    send: Send, status: int, body: bytes, kind: bytes, extra: list[tuple[bytes, bytes]]
) -> None:
    headers = [
        (b"content-type", kind),
        (b"content-length", str(len(body)).encode()),
        *extra,
        *HEADERS,
        NO_STORE,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
