"""Another account on the same machine (issue 14): it could `curl -H 'Host: 127.0.0.1:PORT'`
the export of every case. The real `naitei serve` runs here as this user; another Unix user
(nobody, through setpriv) gets 401 for every page, download and API call — a forged Host
included — and cannot read the key: `naitei serve --print-token` fails for it, and the
runtime file is private. The owner gets in with the printed address or the Bearer key."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.cases import EXAMPLES
from tests.support.net import free_port, wait_for_port

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
OTHER = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, str, Path]]:
    """`naitei serve` on a free port with one case; (port, printed URL, data folder)."""
    if shutil.which("setpriv") is None or shutil.which("curl") is None:
        pytest.fail("setpriv and curl are needed (util-linux, curl)", pytrace=False)
    folder = tmp_path_factory.mktemp("served")
    folder.chmod(0o755)  # the other user may walk into the temporary folder, not the data
    data = folder / "data"
    env = os.environ | {
        "NAITEI_DATA_DIR": str(data),
        "NAITEI_DATABASE_URL": f"sqlite:///{folder / 'naitei.db'}",
    }
    added = subprocess.run(
        [sys.executable, "-m", "naitei", "case", "add", str(EXAMPLES / "new-grad.toml")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "ケースを登録しました" in added.stdout
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "naitei", "serve", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        url = _printed_url(process)
        wait_for_port(port)  # uvicorn binds right after printing
        yield port, url, data
    finally:
        process.terminate()
        process.wait(timeout=15)


def _printed_url(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        found = re.search(r"(http://127\.0\.0\.1:\d+/\?token=\S+)", line)
        if found:
            return found[1]
    raise AssertionError("naitei serve printed no address")


def curl(*args: str, user: list[str] | None = None) -> tuple[str, str]:
    """(status code, body) of one curl run, as this user or as `user`."""
    result = subprocess.run(
        [*(user or []), "curl", "-s", "-o", "-", "-w", "\n%{http_code}", *args],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    body, _, status = result.stdout.rpartition("\n")
    return status, body


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/cases"),
        ("POST", "/cases/export"),
        ("GET", "/cases"),
        ("GET", "/openapi.json"),
        ("GET", "/"),
    ],
)
@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}"])
def test_another_user_gets_nothing(
    served: tuple[int, str, Path], method: str, path: str, host: str
) -> None:
    port, _url, _data = served
    status, body = curl(
        "-X", method, "-H", f"Host: {host.format(port=port)}", f"http://127.0.0.1:{port}{path}",
        user=OTHER,
    )  # fmt: skip
    assert status == "401", body
    assert "みなと精機" not in body and "山田" not in body


def test_another_user_cannot_read_the_key(served: tuple[int, str, Path]) -> None:
    port, url, data = served
    token = url.split("token=")[1]
    result = subprocess.run(
        [*OTHER, sys.executable, "-m", "naitei", "serve", "--print-token", "--port", str(port)],
        capture_output=True, text=True, env=os.environ | {"NAITEI_DATA_DIR": str(data)},
    )  # fmt: skip
    assert result.returncode != 0 and token not in result.stdout + result.stderr
    runtime = data / f"serve-{port}.json"
    assert runtime.stat().st_mode & 0o077 == 0 and data.stat().st_mode & 0o077 == 0
    status, _ = curl("-H", "Authorization: Bearer guessed", f"http://127.0.0.1:{port}/api/cases",
                     user=OTHER)  # fmt: skip
    assert status == "401"


def test_the_owner_gets_in_with_the_printed_address_or_the_bearer_key(
    served: tuple[int, str, Path],
) -> None:
    port, url, data = served
    printed = subprocess.run(
        [sys.executable, "-m", "naitei", "serve", "--print-token", "--port", str(port)],
        capture_output=True, text=True, env=os.environ | {"NAITEI_DATA_DIR": str(data)},
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    token = printed.stdout.strip()
    assert url.endswith(f"token={token}")
    status, body = curl(
        "-H", f"Authorization: Bearer {token}", f"http://127.0.0.1:{port}/api/cases"
    )
    assert status == "200" and "株式会社みなと精機" in body
    status, headers = curl("-D", "-", "-o", "/dev/null", url)
    assert status == "303"
    assert re.search(
        r"(?i)set-cookie: naitei_session_\d+=[0-9a-f]{64}; Path=/; HttpOnly; SameSite=Strict",
        headers,
    )
