"""The web app's defences, as one ASGI middleware around everything (static files included).

1. Host allowlist: a request whose Host header is not one of the server's own names with its
   port (127.0.0.1, localhost, [::1], the configured host) is refused with 400. This defeats
   DNS rebinding: a foreign site that points its own name at 127.0.0.1 still sends its name.
2. Cross-origin writes: every POST, PUT, PATCH and DELETE is refused with 403 unless
   - Sec-Fetch-Site, when present, is "same-origin" (not cross-site, same-site or none), and
   - Origin, when present, is one of the app's own origins, or "null" with Sec-Fetch-Site
     "same-origin" (our pages send Referrer-Policy: no-referrer, and with it browsers send
     "Origin: null" on their own form posts; Sec-Fetch-Site cannot be set by a page), and
   - Origin is present whenever Sec-Fetch-Site is (browsers send both on every POST).
   A request with neither header comes from a non-browser client (curl, scripts, tests),
   which no web page can make the user's browser send; it is allowed.
3. A write whose Content-Length is over 2 MB is refused with 413 before it is read.
4. Headers on every response: a strict Content-Security-Policy, nosniff, no referrer, no
   framing; Cache-Control: no-store on everything but the static files.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from naitei.web.settings import Settings

log = logging.getLogger("naitei.web")

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MAX_BODY = 2_000_000  # bytes: a case, a draft or a form is far smaller
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


MESSAGES = {
    "host": "このアドレスからは利用できません（Host ヘッダーが正しくありません）。"
    "http://127.0.0.1 から開いてください。",
    "sec-fetch-site": "ほかのサイトからの送信は受け付けません。",
    "origin": "ほかのサイトからの送信は受け付けません。",
    "origin-missing": "送信元が分からないため、受け付けません。",
    "origin-null": "送信元が分からないため、受け付けません。",
    "too-large": "送られてきた内容が大きすぎます。",
}


class SecurityMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = refusal(scope, self.settings)
        if refused is not None:
            status, reason = refused
            log.warning("refused %s %s: %s", scope.get("method"), scope.get("path"), reason)
            await _plain(send, status, MESSAGES[reason])
            return
        static = str(scope.get("path", "")).startswith("/static/")
        cache = STATIC_CACHE if static else NO_STORE

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _merged(message.get("headers", []), (*HEADERS, cache))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _merged(
    headers: Iterable[tuple[bytes, bytes]], extra: Iterable[tuple[bytes, bytes]]
) -> list[tuple[bytes, bytes]]:
    extra = list(extra)
    names = {name for name, _ in extra}
    return [(k, v) for k, v in headers if k.lower() not in names] + extra


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    headers = [
        (b"content-type", b"text/plain; charset=utf-8"),
        (b"content-length", str(len(body)).encode()),
        *HEADERS,
        NO_STORE,
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
