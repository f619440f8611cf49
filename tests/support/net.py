"""Ports on 127.0.0.1 for the real servers the tests start."""

from __future__ import annotations

import socket
import time


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int, *, seconds: float = 60.0) -> None:
    """Return once something accepts connections on 127.0.0.1:`port`: a server may print its
    address before it binds, and a loaded machine makes that gap long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1.0):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing listens on 127.0.0.1:{port}") from None
            time.sleep(0.05)
