"""Run the real `naitei` command in a subprocess (no input unless given)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def naitei(
    *args: str, input: str | None = None, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "naitei", *args],
        input=input if input is not None else "",
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def cli_env(url: str, **extra: str) -> dict[str, str]:
    """The environment for `naitei` in a subprocess: this database, never the real home."""
    return {**os.environ, "NAITEI_DATABASE_URL": url, **extra}
