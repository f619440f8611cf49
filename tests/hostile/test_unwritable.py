"""Output folders that cannot be written (issue 14): a read-only file system, or one with no
inode left. Every writing command ends with exit code 3 and a Japanese reason — never
「内部でエラー」 — and leaves nothing behind. A symbolic link given as a kit folder is refused
with a message that names where it points."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.hostile.disk import run, special_folder
from tests.support.cases import EXAMPLES

NOW = "2026-11-25T21:00:00+09:00"
NEW_GRAD = str(EXAMPLES / "new-grad.toml")
DECLINE = str(EXAMPLES / "decline-three.toml")
REASONS = {"readonly": "読み取り専用の場所です", "inodes": "ディスクの空き"}

# (label, arguments with {out} for the unwritable folder, needs a store)
COMMANDS: list[tuple[str, list[str], bool]] = [
    ("withdraw --out", ["withdraw", NEW_GRAD, "--out", "{out}/kit", "--now", NOW], False),
    ("plan --ics", ["plan", NEW_GRAD, "--ics", "{out}/plan.ics", "--now", NOW], False),
    ("draft --out", ["draft", "email", NEW_GRAD, "--out", "{out}/email.txt", "--now", NOW], False),
    (
        "draft letter --out .pdf",
        ["draft", "letter", NEW_GRAD, "--out", "{out}/letter.pdf", "--now", NOW],
        False,
    ),
    ("decline --out", ["decline", DECLINE, "--out", "{out}/out", "--now", NOW], False),
    ("case export --out", ["case", "export", "--out", "{out}/cases.json"], True),
    ("case due --ics", ["case", "due", "--ics", "{out}/due.ics", "--now", NOW], True),
    ("db backup", ["db", "backup", "{out}/backup.db"], True),
]


@pytest.fixture(scope="module")
def store_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("store")
    folder.chmod(0o755)  # the fallback runs commands as nobody
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{folder / 'naitei.db'}"}
    assert run(["case", "add", NEW_GRAD, "--now", NOW], None, env=env).returncode == 0
    (folder / "naitei.db").chmod(0o666)
    return env


@pytest.mark.parametrize("kind", ["readonly", "inodes"])
@pytest.mark.parametrize(("label", "args", "store"), COMMANDS, ids=[c[0] for c in COMMANDS])
def test_an_unwritable_output_folder_is_exit_3_with_a_reason(
    store_env: dict[str, str], kind: str, label: str, args: list[str], store: bool
) -> None:
    with special_folder(kind) as (folder, preexec):
        before = sorted(p.name for p in folder.iterdir())
        command = [arg.replace("{out}", str(folder)) for arg in args]
        result = run(command, preexec, env=store_env if store else None)
        assert result.returncode == 3, result.stderr
        assert "内部でエラー" not in result.stderr and "Traceback" not in result.stderr
        if preexec is None:
            assert REASONS[kind] in result.stderr, result.stderr
        assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.parametrize(
    "args",
    [
        ["withdraw", NEW_GRAD, "--out", "{link}", "--now", NOW],
        ["decline", DECLINE, "--out", "{link}", "--now", NOW],
    ],
    ids=["withdraw", "decline"],
)
@pytest.mark.parametrize("target_exists", [True, False], ids=["to a folder", "dangling"])
def test_a_symlinked_kit_folder_is_refused_naming_its_target(
    tmp_path: Path, args: list[str], target_exists: bool
) -> None:
    target = tmp_path / "real"
    if target_exists:
        target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    result = run([arg.replace("{link}", str(link)) for arg in args], None)
    assert result.returncode == 2, result.stderr
    assert "シンボリックリンク" in result.stderr and str(target) in result.stderr
    assert link.is_symlink()
    assert not target.exists() or list(target.iterdir()) == []
