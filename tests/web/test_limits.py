"""Resource limits of the real server (issue 14), over raw sockets to uvicorn with the options of
`naitei serve`: slow request heads are cut off, connections are capped, a chunked body is
refused as soon as it passes 2 MB (not buffered whole), and a body that stalls gets 408.
The time limits are shortened for the test; benchmarks/attacks.py measures memory."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from naitei.web import Settings, create_app, limits
from tests.support.cases import NOW
from tests.support.net import free_port
from tests.support.server import running
from tests.support.web import TOKEN


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(limits, "HEADER_TIMEOUT", 2.0)
    monkeypatch.setattr(limits, "BODY_TIMEOUT", 0.5)
    monkeypatch.setattr(limits, "MAX_CONNECTIONS", 5)
    settings = Settings(
        port=free_port(),
        database_url=f"sqlite:///{tmp_path / 'naitei.db'}",
        clock=lambda: NOW,
        token=TOKEN,
    )
    with running(create_app, settings):
        yield settings.port


def connect(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    return sock


def closed_within(sock: socket.socket, seconds: float) -> bool:
    """True when the server closes the connection (after any answer) within `seconds`."""
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return True


def head(port: int, method: str = "GET", path: str = "/", extra: str = "") -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {TOKEN}\r\n{extra}"
    ).encode()


def check_head(port: int, length: str) -> bytes:
    """The whole head of a POST of JSON to /api/check, its body's length header given."""
    return head(port, "POST", "/api/check", f"Content-Type: application/json\r\n{length}\r\n\r\n")


def test_a_request_head_that_never_ends_is_cut_off(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(head(server))  # no blank line: the head goes on forever
        started = time.monotonic()
        assert closed_within(sock, 5)
        assert time.monotonic() - started < 3


def test_the_next_request_head_on_a_kept_connection_has_a_deadline_too(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(head(server) + b"\r\n")
        assert b"200 OK" in sock.recv(65536)
        sock.sendall(head(server))  # the second head, never finished
        assert closed_within(sock, 5)


def test_past_the_cap_the_slowest_head_makes_room_for_a_real_request(server: int) -> None:
    opened = time.monotonic()
    held = [connect(server) for _ in range(limits.MAX_CONNECTIONS)]
    for sock in held:
        sock.sendall(b"GET / HTTP/1.1\r\n")  # heads that never end
    time.sleep(0.1)
    try:
        with connect(server) as real:
            real.sendall(head(server) + b"\r\n")
            assert real.recv(65536).startswith(b"HTTP/1.1 200")
        # The one that waited longest went, and for that reason: its own head deadline was
        # still to come (a loaded machine may take a moment to close it, never that long).
        assert closed_within(held[0], limits.HEADER_TIMEOUT / 2)
        assert time.monotonic() - opened < limits.HEADER_TIMEOUT
    finally:
        for sock in held:
            sock.close()


def test_a_chunked_body_is_refused_as_it_passes_the_limit(server: int) -> None:
    """300 MB offered in chunks: the server answers 413 and closes long before the end."""
    chunk = b"x" * 65536
    frame = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    with connect(server) as sock:
        sock.sendall(check_head(server, "Transfer-Encoding: chunked"))
        sock.settimeout(5)
        try:
            while sent < 300_000_000:
                sock.sendall(frame)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        answer = b""
        with contextlib.suppress(ConnectionResetError, TimeoutError):
            answer = sock.recv(65536)
    assert sent < 50_000_000, sent
    assert answer == b"" or answer.startswith(b"HTTP/1.1 413"), answer[:100]


def test_a_body_that_stalls_is_408(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(check_head(server, "Content-Length: 100") + b'{"text": ')
        sock.settimeout(5)
        answer = sock.recv(65536)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:100]


def test_the_real_server_wants_its_key(server: int) -> None:
    with connect(server) as sock:
        sock.sendall(f"GET /api/cases HTTP/1.1\r\nHost: 127.0.0.1:{server}\r\n\r\n".encode())
        assert sock.recv(65536).startswith(b"HTTP/1.1 401")
