"""Peak memory of naitei under the resource attacks of issue 14, and how each one ends.

    .venv/bin/python benchmarks/attacks.py [--body-mb 300] [--slow 1500] [--json]

- a chunked body of BODY_MB megabytes (no Content-Length) to `POST /api/check` of a running
  `naitei serve`: how many bytes the server read before it answered, what it answered, and
  its peak resident memory (VmHWM) before and after;
- SLOW connections that open and send a request head a few bytes at a time, never finishing
  it: how many the server has closed after its header deadline, whether a normal request is
  still answered meanwhile (and how fast), and the server's peak memory;
- `naitei assess /dev/zero` (an endless file): its exit code and peak memory (GNU time).
Writes benchmarks/results/attacks.md. Before issue 14 the same attacks measured a 1.29 GB
peak for a 300 MB body, 5 GB in 4 s for /dev/zero, and slow connections never closed.
"""

from __future__ import annotations

import argparse
import contextlib
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, publish
from load import KEYS, NAITEI, get, start_naitei
from memory import peak_kib, status_mib

CHUNK = 64 * 1024


def chunked_body(port: int, megabytes: int) -> dict[str, Any]:
    """Offer `megabytes` MB in chunks; stop when the server answers or closes."""
    frame = f"{CHUNK:x}\r\n".encode() + b"x" * CHUNK + b"\r\n"
    head = (
        f"POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Bearer {KEYS[port]}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    sent = 0
    answer = b""
    started = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head)
        with contextlib.suppress(OSError):
            while sent < megabytes * 1_000_000:
                sock.sendall(frame)
                sent += CHUNK
        with contextlib.suppress(OSError):
            answer = sock.recv(4096)
    return {
        "offered_mb": megabytes,
        "sent_mb": sent / 1_000_000,
        "status": answer.split(b"\r\n", 1)[0].decode("latin-1") or "(closed)",
        "seconds": time.perf_counter() - started,
    }


def slow_connections(port: int, count: int, watch: float) -> dict[str, Any]:
    """Open `count` connections that dribble a request head; after `watch` seconds, count
    those the server closed, and time a normal request made in the middle of it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, count + 256)), hard))
    sockets: list[socket.socket] = []
    refused = 0
    for _ in range(count):
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")
            sock.setblocking(False)
            sockets.append(sock)
        except OSError:
            refused += 1
    started = time.perf_counter()
    get(port, "/api/cases")
    normal_ms = (time.perf_counter() - started) * 1000
    deadline = time.monotonic() + watch
    while time.monotonic() < deadline:
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.send(b"x")  # a byte now and then: the head never ends
        time.sleep(1.0)
    closed = sum(1 for sock in sockets if _closed(sock))
    for sock in sockets:
        sock.close()
    return {
        "count": count,
        "opened": len(sockets),
        "refused": refused,
        "closed": closed + refused,
        "watch_s": watch,
        "normal_ms": normal_ms,
    }


def _closed(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True


def endless_file() -> dict[str, Any]:
    argv = [str(NAITEI), "assess", "/dev/zero"]
    exit_code = subprocess.run(argv, capture_output=True, cwd=ROOT, timeout=120).returncode
    return {"exit": exit_code, "peak_mib": peak_kib(argv, allowed=(2,)) / 1024}


def measure(body_mb: int, slow: int, watch: float) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="naitei-attacks-"))
    with start_naitei(folder / "naitei.db") as server:
        get(server.port, "/api/cases")
        start = status_mib(server.pid)
        body = chunked_body(server.port, body_mb)
        after_body = status_mib(server.pid)
        slowloris = slow_connections(server.port, slow, watch)
        after_slow = status_mib(server.pid)
        get(server.port, "/api/cases")  # still answering
    return {
        "machine": machine(),
        "start_rss": start["VmRSS"],
        "body": body | {"peak_mib": after_body["VmHWM"]},
        "slow": slowloris | {"peak_mib": after_slow["VmHWM"]},
        "file": endless_file(),
    }


def report(figures: dict[str, Any]) -> str:
    body, slow, file = figures["body"], figures["slow"], figures["file"]
    return f"""# Resource attacks

Command: `.venv/bin/python benchmarks/attacks.py` — `naitei serve` on a temporary SQLite
database (peak memory: VmHWM from /proc/PID/status; resident at start
{figures["start_rss"]:.0f} MiB); `naitei assess /dev/zero` under GNU time.
Machine: {figures["machine"]}

| attack | how it ended | peak memory | before issue 14 |
| --- | --- | ---: | --- |
| chunked body of {body["offered_mb"]} MB to `POST /api/check` | `{body["status"]}` after {body["sent_mb"]:.1f} MB had been sent ({body["seconds"]:.2f} s) | {body["peak_mib"]:.0f} MiB | buffered whole: 1.29 GB peak |
| {slow["count"]} connections dribbling a request head for {slow["watch_s"]:.0f} s | {slow["closed"]} of {slow["count"]} closed by the server (past the cap of 500 open connections each new one closes the oldest waiting head; the rest at the 10 s deadline); a normal request in the middle of it: answered in {slow["normal_ms"]:.0f} ms | {slow["peak_mib"]:.0f} MiB | never closed |
| `naitei assess /dev/zero` | exit {file["exit"]} (「大きすぎます」) | {file["peak_mib"]:.0f} MiB | 5 GB in 4 s |

The limits are in `src/naitei/web/limits.py` (2 MB per body, read while it streams; 30 s per
body; 10 s per request head; 500 open connections) and in every reader of a file (a case file
is read up to 1 MB, an import up to 256 MB).
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--body-mb", type=int, default=300)
    parser.add_argument("--slow", type=int, default=1500)
    parser.add_argument("--watch", type=float, default=15.0, help="seconds of slow heads")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    figures = measure(options.body_mb, options.slow, options.watch)
    publish("attacks", figures, report, as_json=options.json)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
