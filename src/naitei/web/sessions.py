"""Server-side wizard sessions, so that the browser's Back, Forward and Reload work.

Every step of the withdrawal wizard and of the decline form is a GET page; a POST stores the
answers here and answers 303 See Other (Post/Redirect/Get). The browser's history then holds
only GET addresses: Back shows the previous step as it was answered, Reload of the result shows
the same plan (its `now` is kept with the answers), and nothing asks to resend a form.

The answers never go into a URL. They live in this process's memory under a random id that
the browser holds in a cookie (HttpOnly, SameSite=Strict, Path=/, no Max-Age: gone when the
browser session ends); a session unused for `TTL` is forgotten, and at most `LIMIT` are kept
(the oldest goes first). `forget` erases one at once. A phone that discards the tab keeps the
cookie, so the wizard reopens where it was.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from naitei.services import parse_now

COOKIE = "naitei_wizard"
TTL = 12 * 60 * 60  # seconds a session is kept after its last use
LIMIT = 64  # sessions kept at most (one user on loopback needs one or two)


@dataclass
class Flow:
    """One flow's state: the answers, the step reached, the problems to show, the result."""

    values: dict[str, str] = field(default_factory=dict)
    reached: int = 1  # the furthest step the user may open
    errors: dict[str, list[str]] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # per flow: count, result's now …


@dataclass
class Session:
    flows: dict[str, Flow] = field(default_factory=dict)
    used: float = field(default_factory=time.monotonic)

    def flow(self, name: str) -> Flow:
        return self.flows.setdefault(name, Flow())


class Sessions:
    """The sessions of one app (thread-safe: routes run in a thread pool)."""

    def __init__(self, ttl: float = TTL, limit: int = LIMIT) -> None:
        self._items: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()
        self.ttl, self.limit = ttl, limit

    def __len__(self) -> int:
        return len(self._items)

    def get(self, request: Request) -> tuple[str, Session]:
        """The request's session, or a new one (the caller sets the cookie with `keep`)."""
        key = request.cookies.get(COOKIE, "")
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            session = self._items.get(key)
            if session is None:
                key, session = secrets.token_urlsafe(24), Session()
                self._items[key] = session
                while len(self._items) > self.limit:
                    self._items.popitem(last=False)
            session.used = now
            self._items.move_to_end(key)
            return key, session

    def forget(self, request: Request) -> None:
        with self._lock:
            self._items.pop(request.cookies.get(COOKIE, ""), None)

    def _expire(self, now: float) -> None:
        while self._items:
            key, oldest = next(iter(self._items.items()))
            if now - oldest.used <= self.ttl:
                return
            del self._items[key]


def keep(response: Response, key: str, request: Request) -> Response:
    """The response with the session cookie (sent again only when it changed)."""
    if request.cookies.get(COOKIE) != key:
        secure = request.url.scheme == "https"
        response.set_cookie(COOKIE, key, path="/", httponly=True, samesite="strict", secure=secure)
    return response


def sessions_of(request: Request) -> Sessions:
    found: Sessions = request.app.state.sessions
    return found


def kept_flow(request: Request, name: str) -> tuple[str, Flow, dt.datetime | None]:
    """A wizard's kept answers and, once they were sent for a result, the moment they were sent
    (None before): the result is made for that moment, so a Reload shows the same."""
    key, session = sessions_of(request).get(request)
    flow = session.flow(name)
    made = flow.extra.get("now")
    return key, flow, parse_now(made, "now") if made else None
