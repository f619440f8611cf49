"""The key of the local server (CONTRACTS §8): without it, nothing but the static files.

`naitei serve` makes a random token at start and prints a URL that carries it once, as
Jupyter does: ``http://127.0.0.1:8000/?token=…``. The first page exchanges it for a session
cookie (HttpOnly, SameSite=Strict, Path=/; Secure over TLS) and redirects to the same address
without the token, so it leaves the address bar and the history. Scripts send
``Authorization: Bearer <token>`` (`naitei serve --print-token` shows it). Every other request
— pages, the JSON API, downloads, the schema — is answered 401. The cookie holds an HMAC of the
token, never the token itself; both are compared in constant time.

Why: the data folder is private to its user, but a server on 127.0.0.1 is reachable by every
account of the machine (and, with --host, by the network); the Host allowlist and the
cross-origin checks stop web pages, not other local users or a forged Host header.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import parse_qsl, urlencode

from starlette.types import Scope

from naitei.web.settings import Settings

TOKEN_PARAMETER = "token"


def cookie_name(settings: Settings) -> str:
    """One name per port: browsers send a cookie of 127.0.0.1 to every port of it."""
    return f"naitei_session_{settings.port}"


def session_value(settings: Settings) -> str:
    return hmac.new(settings.token.encode(), b"naitei session", hashlib.sha256).hexdigest()


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return ""


def _cookie(scope: Scope, name: str) -> str | None:
    for part in _header(scope, b"cookie").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return value
    return None


def same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode())


def authenticated(scope: Scope, settings: Settings) -> bool:
    """A session cookie of this server, or its token as a Bearer credential."""
    scheme, _, credential = _header(scope, b"authorization").partition(" ")
    if scheme.lower() == "bearer" and same(credential.strip(), settings.token):
        return True
    cookie = _cookie(scope, cookie_name(settings))
    return cookie is not None and same(cookie, session_value(settings))


def offered_token(scope: Scope) -> tuple[str | None, str]:
    """The token of a `?token=` URL, and the same address without it (to redirect to)."""
    query = scope.get("query_string", b"").decode("latin-1")
    pairs = parse_qsl(query, keep_blank_values=True)
    offered = next((value for key, value in pairs if key == TOKEN_PARAMETER), None)
    rest = urlencode([(key, value) for key, value in pairs if key != TOKEN_PARAMETER])
    path = str(scope.get("path", "/"))
    return offered, f"{path}?{rest}" if rest else path


def set_cookie(settings: Settings) -> bytes:
    secure = "; Secure" if settings.tls else ""
    value = f"{cookie_name(settings)}={session_value(settings)}; Path=/; HttpOnly; SameSite=Strict"
    return (value + secure).encode()
