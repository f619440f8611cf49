"""Writing files so that an error never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from naitei.errors import ExternalError, InputError, os_reason


def read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, read no further than `limit` (a device such as /dev/zero ends too);
    InputError when it is longer. OSError is left to the caller, who knows what the file is."""
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{path}: 大きすぎます（{limit:,} バイトまで）")
    return data


def atomic_write(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.
    Every failure of the file system (full, read-only, out of inodes, no permission) is an
    ExternalError with the reason in Japanese, and no temporary file is left. `mode` sets the
    new file's permissions (the temporary file is 0600 otherwise)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"{path}: 書き込み先のフォルダがありません")
    temp: str | None = None
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            if mode is not None:
                os.fchmod(stream.fileno(), mode)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except OSError as error:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        raise ExternalError(f"{path}: 書き込めませんでした（{os_reason(error)}）") from None


def write_directory(target: Path, files: dict[str, bytes]) -> None:
    """Create `target` holding exactly `files`, all or nothing.

    The files are written into a temporary sibling folder which is renamed into place;
    an existing `target` must be empty or must not exist, and must not be a symbolic link.
    """
    refuse_link(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise InputError(f"{target}: 空でないフォルダ、またはファイルがすでにあります")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise InputError(f"{target}: 親フォルダがありません")
    staging: Path | None = None
    try:
        staging = Path(tempfile.mkdtemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp"))
        for name, data in files.items():
            _write_inside(staging, name, data)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except OSError as error:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise ExternalError(f"{target}: 書き込めませんでした（{os_reason(error)}）") from None


def refuse_link(target: Path) -> None:
    """A kit folder given as a symbolic link would be replaced by the folder (or written
    through to somewhere else): refused, naming where it points."""
    if target.is_symlink():
        raise InputError(
            f"{target} はシンボリックリンク（リンク先: {os.readlink(target)}）です。"
            "リンク先のフォルダを直接指定するか、別のフォルダを指定してください",
            field="out",
        )


def _write_inside(folder: Path, name: str, data: bytes) -> None:
    path = (folder / name).resolve()
    if folder.resolve() not in path.parents:
        raise InputError(f"{name}: フォルダの外には書き込めません")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
