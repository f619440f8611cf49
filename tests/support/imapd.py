"""A throw-away Dovecot IMAP server on 127.0.0.1 for the tests of `naitei replies` (issue 17):
its own configuration, mail store, user and password under a temporary folder, started in the
foreground (`dovecot -F`) and stopped by its pid. Debian's `dovecot-imapd` must be installed
(`apt-get install -y dovecot-imapd`; scripts/test installs it when missing).

Run as root, the login and internal processes use Dovecot's own users (dovenull, dovecot) and
the mail belongs to the user running the tests; run as another user, every process is that
user (Dovecot allows that when no process must switch users)."""

from __future__ import annotations

import contextlib
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
INSTALL_HINT = "Dovecot is not installed: apt-get install -y dovecot-imapd"
USER = "taro@example.net"
PASSWORD = "correct horse battery staple"


@dataclass
class Imapd:
    port: int
    user: str
    password: str
    folder: Path
    process: subprocess.Popen[bytes]
    tls_port: int = 0  # implicit TLS (imaps), when started with a certificate

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def available() -> bool:
    return Path(DOVECOT).exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _mail_owner() -> tuple[int, int]:
    """Dovecot never keeps mail as root: as root, the mail belongs to its own user."""
    if os.getuid() != 0:
        return os.getuid(), os.getgid()
    entry = pwd.getpwnam("dovecot")
    return entry.pw_uid, entry.pw_gid


def _config(folder: Path, port: int, tls: tuple[Path, Path] | None, tls_port: int) -> str:
    me = pwd.getpwuid(os.getuid()).pw_name
    group = grp.getgrgid(os.getgid()).gr_name
    root = os.getuid() == 0
    uid, gid = _mail_owner()
    internal = "dovecot" if root else me
    login = "dovenull" if root else me
    return f"""
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
info_log_path = {folder}/dovecot.log
protocols = imap
listen = 127.0.0.1
{f"ssl = yes{chr(10)}ssl_cert = <{tls[0]}{chr(10)}ssl_key = <{tls[1]}" if tls else "ssl = no"}
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
first_valid_gid = 0
default_internal_user = {internal}
default_internal_group = {group if not root else "dovecot"}
default_login_user = {login}
mail_location = maildir:{folder}/mail/%n
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-reader {{
    user = {me}
  }}
  unix_listener stats-writer {{
    user = {me}
  }}
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {folder}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={folder}/home/%n
}}
"""


@contextlib.contextmanager
def imap_server(tls: tuple[Path, Path] | None = None) -> Iterator[Imapd]:
    """Dovecot listening on 127.0.0.1 with one user (USER, PASSWORD) and an empty INBOX, in a
    folder of its own under the system's temporary folder (pytest's are private to root, and
    Dovecot's own users must reach it), removed afterwards. With `tls` (certificate, key),
    STARTTLS on the plain port and implicit TLS on `tls_port`."""
    folder = Path(tempfile.mkdtemp(prefix="naitei-imap-"))
    try:
        with _running(folder, tls) as server:
            yield server
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextlib.contextmanager
def _running(folder: Path, tls: tuple[Path, Path] | None) -> Iterator[Imapd]:
    for sub in ("run", "state", "mail", "home"):
        (folder / sub).mkdir(exist_ok=True)
    os.chmod(folder, 0o755)
    uid, gid = _mail_owner()
    for sub in ("mail", "home"):
        os.chown(folder / sub, uid, gid)
    (folder / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n", encoding="utf-8")
    port, tls_port = _free_port(), (_free_port() if tls else 0)
    config = folder / "dovecot.conf"
    config.write_text(_config(folder, port, tls, tls_port), encoding="utf-8")
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(config)], stderr=subprocess.PIPE)
    server = Imapd(port, USER, PASSWORD, folder, process, tls_port)
    try:
        _wait(server)
        yield server
    finally:
        server.stop()


def _can_log_in(server: Imapd) -> bool:
    """Listening is not enough: the auth process must be ready too."""
    import imaplib

    try:
        client = imaplib.IMAP4("127.0.0.1", server.port, timeout=2)
    except OSError:
        return False
    try:
        client.login(server.user, server.password)
        client.logout()
        return True
    except (imaplib.IMAP4.error, OSError):
        return False


def _wait(server: Imapd) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            log = server.folder / "dovecot.log"
            detail = log.read_text(errors="replace") if log.exists() else ""
            stderr = (
                server.process.stderr.read().decode(errors="replace")
                if server.process.stderr
                else ""
            )
            raise RuntimeError(f"dovecot stopped: {stderr}\n{detail}")
        if _can_log_in(server):
            return
        time.sleep(0.1)
    raise RuntimeError("dovecot did not start listening within 20 s")
