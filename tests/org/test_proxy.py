"""HTTPS for phones (slow): Caddy from Debian terminating TLS (`tls internal`, a certificate
authority Caddy makes in the test's folder) in front of `naitei serve --org`, on loopback.
The app, configured with an https base URL, answers through the proxy with HSTS and issues
`__Host-` session cookies marked Secure."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from pathlib import Path

import httpx
import pytest

from tests.support.net import free_port
from tests.support.org import write_config
from tests.support.org_stack import clean_env, process, wait_http
from tests.support.pg import Cluster
from tests.support.smtpd import smtp_server

pytestmark = pytest.mark.slow
CADDY = "/usr/bin/caddy"
HINT = "Caddy がありません: bash scripts/test が apt-get install -y caddy を行います"

CADDYFILE = """{{
\tadmin 127.0.0.1:{admin}
\tstorage file_system {folder}/data
\tskip_install_trust
\tlocal_certs
\thttp_port {http}
\thttps_port {https}
\tauto_https disable_redirects
}}
https://localhost:{https} {{
\tbind 127.0.0.1
\ttls internal
\treverse_proxy 127.0.0.1:{upstream}
}}
"""


def test_the_app_behind_caddy_over_https(pg_cluster: Cluster, tmp_path: Path) -> None:
    from tests.support.cli import naitei

    if not Path(CADDY).exists():
        pytest.fail(HINT, pytrace=False)
    https, upstream = free_port(), free_port()
    name = f"p{secrets.token_hex(5)}"
    url = pg_cluster.create_database(name).replace("+psycopg", "")
    config = write_config(tmp_path / "org.toml", url, base_url=f"https://localhost:{https}")
    caddy_dir = tmp_path / "caddy"
    caddy_dir.mkdir()
    caddyfile = caddy_dir / "Caddyfile"
    caddyfile.write_text(CADDYFILE.format(admin=free_port(), folder=caddy_dir, http=free_port(),
                                          https=https, upstream=upstream), encoding="utf-8")  # fmt: skip
    env = clean_env()
    caddy_env = {
        **os.environ,
        "HOME": str(caddy_dir),
        "XDG_DATA_HOME": str(caddy_dir),
        "XDG_CONFIG_HOME": str(caddy_dir),
    }
    try:
        assert (
            naitei(
                "org", "init", "--config", str(config), "--admin-email", "a@example.ac.jp", env=env
            ).returncode
            == 0
        )
        serve = [
            "serve",
            "--org",
            "--host",
            "127.0.0.1",
            "--port",
            str(upstream),
            "--config",
            str(config),
        ]
        with (
            smtp_server() as smtp,
            process(serve, env | {"NAITEI_ORG_SMTP_PORT": str(smtp.port)}, tmp_path / "serve.log"),
        ):
            wait_http(f"http://127.0.0.1:{upstream}/healthz")
            caddy = subprocess.Popen([CADDY, "run", "--config", str(caddyfile), "--adapter", "caddyfile"],
                                     env=caddy_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            try:
                root = caddy_dir / "data" / "pki" / "authorities" / "local" / "root.crt"
                _wait_file(root)
                _check(f"https://localhost:{https}", root, url)
            finally:
                caddy.terminate()
                caddy.wait(timeout=20)
    finally:
        pg_cluster.drop_database(name)
        shutil.rmtree(caddy_dir, ignore_errors=True)


def _wait_file(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, "Caddy made no certificate authority"
        time.sleep(0.1)


def _check(base: str, root: Path, database: str) -> None:
    import re

    import psycopg

    deadline = time.monotonic() + 30
    with httpx.Client(verify=str(root), base_url=base) as client:
        while True:
            try:
                health = client.get("/healthz")
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline
                time.sleep(0.2)
        assert health.text == "ok" and "max-age" in health.headers["strict-transport-security"]
        client.post(
            "/signin/link-request", data={"email": "a@example.ac.jp"}, headers={"Origin": base}
        )
        signin = client.get("/signin")
        assert signin.status_code == 200 and signin.url.scheme == "https"
        refused = client.post("/signin/link-request", data={"email": "a@example.ac.jp"},
                              headers={"Origin": base.replace("https", "http")})  # fmt: skip
        assert refused.status_code == 403
        with psycopg.connect(database) as connection:
            body = connection.execute(
                "SELECT body FROM org_outbox ORDER BY id DESC LIMIT 1"
            ).fetchone()
        assert body is not None
        token = re.search(r"/signin/link#(\S+)", body[0])
        assert token and body[0].count(base) == 1  # the link points at the public https address
        answer = client.post("/signin/link", data={"token": token[1]}, headers={"Origin": base})
        cookie = (
            answer.history[0].headers["set-cookie"]
            if answer.history
            else answer.headers["set-cookie"]
        )
        assert cookie.startswith("__Host-naitei=") and "Secure" in cookie and "HttpOnly" in cookie
        assert client.get("/").status_code == 200 and "管理" in client.get("/").text
