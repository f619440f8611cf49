"""Keys of organisation mode, all in the key folder (never in the database):

- `master-N.key`: 32 random bytes, the master key of version N; `current` names the version.
- `cases/C-G.key`: case C's data key of generation G, wrapped (AES-GCM) by a master key; its
  first line names the master version.

Sensitive free text is sealed with the case's data key (AES-GCM, the case id and generation as
associated data) and only the ciphertext goes into PostgreSQL. Erasing a case, or withdrawing
consent, unlinks the key file: every copy of the ciphertext (WAL, dead tuples, dumps, backups)
is unreadable from then on (crypto-shredding).

Crash safety: a new generation's key file is written before the database row that uses it is
committed (an orphan file, swept later, loses nothing); shredding commits the database first
(no ciphertext left that needs the key) and unlinks afterwards; `sweep` removes key files that
no committed row uses any more, so a crash between the two steps cannot keep a key alive.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from naitei.errors import ExternalError, InputError
from naitei.fsutil import atomic_write

_CASE_FILE = re.compile(r"(\d+)-(\d+)\.key")
SWEEP_AGE = 600  # seconds: a key file younger than this may belong to an uncommitted case


class ShreddedError(ExternalError):
    """The case's key is gone: its sensitive text can never be read again."""


@dataclass(frozen=True)
class KeyRing:
    folder: Path

    @property
    def cases(self) -> Path:
        return self.folder / "cases"

    def create(self) -> None:
        """The first master key (`naitei org init`); refuses to overwrite one."""
        if (self.folder / "current").exists():
            raise InputError(
                f"{self.folder} には鍵がすでにあります（上書きしません）", field="key_dir"
            )
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.cases.mkdir(mode=0o700, exist_ok=True)
        self._new_master(1)

    def _new_master(self, version: int) -> None:
        atomic_write(self.folder / f"master-{version}.key", secrets.token_bytes(32), mode=0o600)
        atomic_write(self.folder / "current", f"{version}\n".encode(), mode=0o600)

    def version(self) -> int:
        try:
            return int((self.folder / "current").read_text().strip())
        except (OSError, ValueError):
            raise ExternalError(
                f"key_dir: {self.folder} に鍵がありません（naitei org init で作ります）"
            ) from None

    def _master(self, version: int) -> AESGCM:
        try:
            return AESGCM((self.folder / f"master-{version}.key").read_bytes())
        except (OSError, ValueError):
            raise ExternalError(f"key_dir: マスター鍵 {version} を読めません") from None

    def _path(self, case_id: int, generation: int) -> Path:
        return self.cases / f"{case_id}-{generation}.key"

    def new_case_key(self, case_id: int, generation: int) -> bytes:
        """A fresh data key for (case, generation), written wrapped before any commit uses it."""
        key = AESGCM.generate_key(256)
        version = self.version()
        nonce = secrets.token_bytes(12)
        wrapped = self._master(version).encrypt(nonce, key, _aad(case_id, generation))
        atomic_write(self._path(case_id, generation), f"{version}\n".encode() + nonce + wrapped)
        return key

    def case_key(self, case_id: int, generation: int) -> bytes:
        try:
            blob = self._path(case_id, generation).read_bytes()
        except FileNotFoundError:
            raise ShreddedError("この記録の鍵は消去されています（読み出せません）") from None
        head, _, rest = blob.partition(b"\n")
        try:
            return self._master(int(head)).decrypt(rest[:12], rest[12:], _aad(case_id, generation))
        except (ValueError, InvalidTag):
            raise ExternalError(f"key_dir: ケース {case_id} の鍵を開けません") from None

    def shred(self, case_id: int, generation: int | None = None) -> None:
        """Unlink the case's key file(s): of one generation, or all of them."""
        for path in self._files():
            match = _CASE_FILE.fullmatch(path.name)
            if match and int(match[1]) == case_id and generation in (None, int(match[2])):
                path.unlink(missing_ok=True)
        _sync_dir(self.cases)

    def sweep(self, live: Iterable[tuple[int, int]], now: float | None = None) -> int:
        """Unlink every key file that no committed row uses (older than SWEEP_AGE)."""
        keep, removed = set(live), 0
        moment = time.time() if now is None else now
        for path in self._files():
            match = _CASE_FILE.fullmatch(path.name)
            if not match or (int(match[1]), int(match[2])) in keep:
                continue
            if moment - path.stat().st_mtime >= SWEEP_AGE:
                path.unlink(missing_ok=True)
                removed += 1
        _sync_dir(self.cases)
        return removed

    def rotate(self) -> int:
        """A new master key; every case key rewrapped; then the old master unlinked."""
        old = self.version()
        new = old + 1
        atomic_write(self.folder / f"master-{new}.key", secrets.token_bytes(32), mode=0o600)
        count = 0
        for path in self._files():
            match = _CASE_FILE.fullmatch(path.name)
            if not match:
                continue
            case_id, generation = int(match[1]), int(match[2])
            key = self.case_key(case_id, generation)
            nonce = secrets.token_bytes(12)
            wrapped = self._master(new).encrypt(nonce, key, _aad(case_id, generation))
            atomic_write(path, f"{new}\n".encode() + nonce + wrapped)
            count += 1
        atomic_write(self.folder / "current", f"{new}\n".encode(), mode=0o600)
        for stale in self.folder.glob("master-*.key"):
            if stale.name != f"master-{new}.key":
                stale.unlink()
        return count

    def _files(self) -> list[Path]:
        return sorted(self.cases.glob("*.key")) if self.cases.is_dir() else []


def _aad(case_id: int, generation: int) -> bytes:
    return f"naitei-case:{case_id}:{generation}".encode()


def _sync_dir(folder: Path) -> None:
    if not folder.is_dir():
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def seal(key: bytes, case_id: int, generation: int, plain: bytes) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, plain, _aad(case_id, generation))


def unseal(key: bytes, case_id: int, generation: int, sealed: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:12], sealed[12:], _aad(case_id, generation))
    except InvalidTag:
        raise ExternalError(f"ケース {case_id} の暗号文を開けません") from None
