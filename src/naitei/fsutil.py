"""Writing files so that an error never leaves a half-written one behind."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from naitei.errors import ExternalError, InputError, os_reason


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: 書き込み先のフォルダがありません")
    handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise ExternalError(f"{path}: 書き込めませんでした（{os_reason(error)}）") from None


def write_directory(target: Path, files: dict[str, bytes]) -> None:
    """Create `target` holding exactly `files`, all or nothing.

    The files are written into a temporary sibling folder which is renamed into place;
    an existing `target` must be empty or must not exist.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"{target}: 空でないフォルダ、またはファイルがすでにあります")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{target}: 親フォルダがありません")
    staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
    try:
        for name, data in files.items():
            _write_inside(staging, name, data)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise ExternalError(f"{target}: 書き込めませんでした（{os_reason(error)}）") from None


def _write_inside(folder: Path, name: str, data: bytes) -> None:
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents:
        raise InputError(f"{name}: フォルダの外には書き込めません")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
