"""The whole organisation-mode stack for the slow suite: `naitei org init`, `naitei serve
--org --workers 2` and `naitei worker` as real processes (started and stopped by pid) on the
throw-away cluster, aiosmtpd for the mail, and helpers to drive Chromium with a virtual
WebAuthn authenticator over CDP."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.cli import naitei
from tests.support.net import free_port


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NAITEI_ORG_")}
    return env | extra


@contextmanager
def process(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A naitei command in its own session; SIGTERM to its group (uvicorn's workers too)."""
    with log.open("wb") as out:
        started = subprocess.Popen([sys.executable, "-m", "naitei", *args], env=env,
                                   stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            yield started
        finally:
            if started.poll() is None:
                os.killpg(started.pid, signal.SIGTERM)
                try:
                    started.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(started.pid, signal.SIGKILL)
                    started.wait()


def init_org(config: Path) -> None:
    """`naitei org init` as an operator runs it, with the first admin."""
    init = naitei("org", "init", "--config", str(config), "--admin-email", "admin@example.ac.jp",
                  env=clean_env())  # fmt: skip
    assert init.returncode == 0, init.stderr


def wait_http(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


@dataclass
class Stack:
    base_url: str
    config: Path
    env: dict[str, str]
    smtp: Any

    def link_for(self, email: str, after: int, seconds: float = 40) -> str:
        """The newest sign-in (or re-authentication) link mailed to `email`."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for received in reversed(self.smtp.received[after:]):
                if email in received.rcpt_tos:
                    body = received.message.get_content()
                    found = re.search(r"(https?://\S+/(?:signin|reauth)/link#\S+)", body)
                    assert found, body
                    return found[1]
            time.sleep(0.2)
        raise AssertionError(f"no mail for {email}")


@contextmanager
def stack(config: Path, smtp: Any, folder: Path, port: int | None = None) -> Iterator[Stack]:
    port = port or free_port()
    env = clean_env(NAITEI_ORG_BASE_URL=f"http://localhost:{port}", NAITEI_ORG_SMTP_PORT=str(smtp.port),
                    NAITEI_ORG_WORKER_TICK_SECONDS="1")  # fmt: skip
    serve = [
        "serve",
        "--org",
        "--workers",
        "2",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--config",
        str(config),
    ]
    with (
        process(serve, env, folder / "serve.log"),
        process(["worker", "--config", str(config)], env, folder / "worker.log"),
    ):
        wait_http(f"http://127.0.0.1:{port}/readyz")
        yield Stack(f"http://localhost:{port}", config, env, smtp)


def sign_in_by_link(site: Stack, page: Any, email: str) -> None:
    """Ask for a sign-in link on the page and follow the one the stack's SMTP server got."""
    before = len(site.smtp.received)
    page.goto(f"{site.base_url}/signin")
    page.fill("#email", email)
    page.click("form[action='/signin/link-request'] button")
    page.wait_for_selector("text=メールを送りました")
    page.goto(site.link_for(email, before))
    page.click("#link-form button")
    page.wait_for_url(f"{site.base_url}/")


def add_authenticator(context: Any, page: Any) -> tuple[Any, str]:
    """A platform authenticator with user verification (Chromium's virtual one, over CDP)."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    made = cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True, "automaticPresenceSimulation": True}})  # fmt: skip
    return cdp, str(made["authenticatorId"])
