"""Resource limits of the local server, so that no client can exhaust it.

- Bodies: a write's body is read here, while it streams, and refused (413) at the first byte
  past MAX_BODY — chunked bodies too, which carry no Content-Length — or (408) when it has not
  all arrived within BODY_TIMEOUT. The application then reads it from memory.
- Headers: a connection must deliver a complete request head within HEADER_TIMEOUT of opening
  (or of the previous response on a kept-alive connection), else it is closed; at most
  MAX_CONNECTIONS are open at once: past that, a new connection closes the one that has waited
  longest for its request head (a slow-loris one), or itself when every other one is busy
  with a request — so many slow connections cannot keep a real request out.
benchmarks/attacks.py measures the server's peak memory under these attacks.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import Any

from starlette.types import Message, Receive
from uvicorn.protocols.http.h11_impl import H11Protocol

MAX_BODY = 2_000_000  # bytes: a case, a draft or a form is far smaller
BODY_TIMEOUT = 30.0  # seconds for a whole body
HEADER_TIMEOUT = 10.0  # seconds for a request head
MAX_CONNECTIONS = 500
KEEP_ALIVE = 5  # seconds an idle kept-alive connection stays open


class TooLarge(Exception):
    """The body went past MAX_BODY."""


class TooSlow(Exception):
    """The body did not arrive within BODY_TIMEOUT."""


class Disconnected(Exception):
    """The client went away before sending its whole body."""


async def read_body(receive: Receive) -> bytes:
    """The whole body, read chunk by chunk and never kept past MAX_BODY bytes."""
    chunks: list[bytes] = []
    size = 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise Disconnected
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > MAX_BODY:
                    raise TooLarge
                chunks.append(chunk)
                if not message.get("more_body", False):
                    return b"".join(chunks)
    except TimeoutError:
        raise TooSlow from None


def replay(body: bytes, receive: Receive) -> Receive:
    """A receive that gives the application the body already read, then the client's events."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


_TURNS = itertools.count()


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with a deadline for every request head and a connection cap."""

    _head_timer: asyncio.TimerHandle | None = None
    # The turn at which this connection began to wait for a head (None while it has one):
    # a counter, not the loop's clock, whose resolution (uvloop: 1 ms, one reading per
    # iteration) gives the same time to every connection accepted together.
    waiting_turn: int | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > MAX_CONNECTIONS and not self._evict_the_slowest():
            transport.close()
            return
        self._await_head()

    def _evict_the_slowest(self) -> bool:
        """Close the connection that has waited longest for a request head (True), if any."""
        waiting = [
            other
            for other in self.connections
            if isinstance(other, GuardedH11Protocol)
            and other is not self
            and other.waiting_turn is not None
            and not other.transport.is_closing()
        ]
        if not waiting:
            return False
        slowest = min(waiting, key=lambda other: other.waiting_turn or 0)
        slowest.transport.close()
        return True

    def _await_head(self) -> None:
        self._stop_waiting()
        self.waiting_turn = next(_TURNS)
        self._head_timer = self.loop.call_later(HEADER_TIMEOUT, self._head_too_slow)

    def _stop_waiting(self) -> None:
        self.waiting_turn = None
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.cycle is None or self.cycle.response_complete:  # still no request head
            self.transport.close()

    def handle_events(self) -> None:
        before = self.cycle
        super().handle_events()
        if self.cycle is not before:  # a complete request head arrived
            self._stop_waiting()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._await_head()  # the next request's head must come in time too

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_waiting()
        super().connection_lost(exc)


def server_options() -> dict[str, Any]:
    """uvicorn.run options of `naitei serve` (and of the tests' real servers): the guarded
    protocol and its keep-alive, no Server header, and X-Forwarded-* never trusted."""
    return {
        "http": GuardedH11Protocol,
        "timeout_keep_alive": KEEP_ALIVE,
        "server_header": False,
        "proxy_headers": False,
    }
