"""NAITEI_DATA_DIR (issue 14): naitei makes the folder private only when it creates it. An
existing folder is never changed — a 1777 folder kept its sticky bit no longer: one others
can write into is refused, one others can read is used with a warning."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tests.support.cli import naitei


def env_for(folder: Path) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "NAITEI_DATABASE_URL"}
    return base | {"NAITEI_DATA_DIR": str(folder)}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_folder_naitei_creates_is_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "naitei"
    result = naitei("case", "list", env=env_for(folder))
    assert result.returncode == 0, result.stderr
    assert mode(folder) == 0o700
    assert mode(folder / "naitei.db") == 0o600
    assert "注意" not in result.stderr


@pytest.mark.parametrize("permissions", [0o1777, 0o777, 0o775, 0o730])
def test_a_folder_others_can_write_is_refused_and_left_as_it_is(
    tmp_path: Path, permissions: int
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(permissions)
    result = naitei("case", "list", env=env_for(folder))
    assert result.returncode == 2, result.stderr
    assert "NAITEI_DATA_DIR" in result.stderr and "ほかのユーザーも書き込める" in result.stderr
    assert mode(folder) == permissions  # the sticky bit too
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("permissions", [0o755, 0o750, 0o705])
def test_a_folder_others_can_read_is_used_with_a_warning(tmp_path: Path, permissions: int) -> None:
    folder = tmp_path / "readable"
    folder.mkdir()
    folder.chmod(permissions)
    result = naitei("case", "list", env=env_for(folder))
    assert result.returncode == 0, result.stderr
    assert (
        "ほかのユーザーも中を見られる" in result.stderr and f"chmod 700 {folder}" in result.stderr
    )
    assert mode(folder) == permissions
    assert mode(folder / "naitei.db") == 0o600


def test_a_private_existing_folder_is_used_quietly(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir(mode=0o700)
    result = naitei("case", "list", env=env_for(folder))
    assert result.returncode == 0 and result.stderr == ""
    assert mode(folder) == 0o700
