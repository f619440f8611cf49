"""The key folder: per-case data keys wrapped by the master key, rotation, shredding, sweep."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from naitei.errors import ExternalError, InputError
from naitei.org.keys import SWEEP_AGE, KeyRing, ShreddedError, seal, unseal


def test_sealed_text_opens_after_rotation_and_never_after_shredding(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.create()
    sealed = seal(ring.new_case_key(5, 1), 5, 1, "体調の事情".encode())
    assert ring.rotate() == 1
    assert ring.version() == 2 and not (tmp_path / "keys" / "master-1.key").exists()
    assert unseal(ring.case_key(5, 1), 5, 1, sealed).decode() == "体調の事情"
    ring.shred(5)
    with pytest.raises(ShreddedError):
        ring.case_key(5, 1)


def test_a_key_cannot_open_another_cases_text(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.create()
    key = ring.new_case_key(1, 1)
    sealed = seal(key, 1, 1, b"x")
    with pytest.raises(ExternalError, match="開けません"):
        unseal(key, 2, 1, sealed)


def test_sweep_removes_only_old_keys_no_row_uses(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.create()
    for case, generation in ((1, 1), (1, 2), (2, 1)):
        ring.new_case_key(case, generation)
    now = os.path.getmtime(ring.cases / "1-1.key") + SWEEP_AGE + 1
    assert ring.sweep({(1, 2)}, now=now) == 2
    assert sorted(p.name for p in ring.cases.iterdir()) == ["1-2.key"]
    ring.new_case_key(3, 1)
    assert ring.sweep({(1, 2)}) == 0  # young: may belong to a case not yet committed


def test_create_refuses_to_overwrite_a_master_key(tmp_path: Path) -> None:
    ring = KeyRing(tmp_path / "keys")
    ring.create()
    with pytest.raises(InputError, match="key_dir"):
        ring.create()
