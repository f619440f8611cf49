"""A full disk for the fault tests: a tiny tmpfs mounted for the test (root), or — where
mounting is not allowed — the kernel's file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored, so
writes past it fail with EFBIG instead of killing the process). Both are real kernel limits."""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def tiny_disk(size_kb: int) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A folder whose file system holds `size_kb` KiB; the second value is a preexec
    function to limit file sizes instead, when no tmpfs could be mounted."""
    folder = Path(tempfile.mkdtemp(prefix="naitei-tiny-"))
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)],
            capture_output=True,
        ).returncode
        == 0
    )
    try:
        yield folder, None if mounted else limit_files(size_kb * 1024)
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)
        subprocess.run(["rm", "-rf", str(folder)], capture_output=True)


def limit_files(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def fill(folder: Path, leave_kb: int) -> None:
    """Fill the file system of `folder` until about `leave_kb` KiB are left."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize - leave_kb * 1024
    if free > 0:
        (folder / "filler").write_bytes(b"\0" * free)


def run(
    args: list[str],
    preexec: Callable[[], None] | None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "naitei", *args],
        capture_output=True,
        text=True,
        input="",
        preexec_fn=preexec,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@contextmanager
def special_folder(kind: str) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A folder nothing can be written into: "readonly" (a read-only tmpfs) or "inodes" (a
    tmpfs that holds no more files than it has: every new file fails with ENOSPC). Where no
    file system can be mounted, the folder is made read-only (0555) and the command runs as
    nobody; for "inodes", the kernel's file-size limit stands in."""
    folder = Path(tempfile.mkdtemp(prefix=f"naitei-{kind}-"))
    options = "ro,size=64k" if kind == "readonly" else "size=256k,nr_inodes=1"
    mounted = (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True
        ).returncode
        == 0
    )
    preexec: Callable[[], None] | None = None
    if not mounted and kind == "readonly":
        folder.chmod(0o555)
        preexec = as_nobody if os.geteuid() == 0 else None
    elif not mounted:
        preexec = limit_files(0)
    try:
        yield folder, preexec
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], capture_output=True)
        folder.chmod(0o755)
        subprocess.run(["rm", "-rf", str(folder)], capture_output=True)


def as_nobody() -> None:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)
