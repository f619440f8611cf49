"""`naitei check FILE` starts without Typer (naitei.cli.fast): it reads the plain command lines
itself, hands every other one to the Typer app, and answers exactly as the app does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from naitei.cli.fast import check_arguments
from tests.support import check_samples as samples
from tests.support.cases import EXAMPLES

TYPER_APP = "import sys; from naitei.cli.app import main; sys.argv[0] = 'naitei'; main()"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["a.txt"], {"file": "a.txt"}),
        (["-", "--kind", "letter"], {"file": "-", "kind": "letter"}),
        (
            ["--kind=phone", "a.txt", "--format", "json", "--fix", "--no-backup"],
            {
                "file": "a.txt",
                "kind": "phone",
                "output_format": "json",
                "fix": True,
                "no_backup": True,
            },
        ),
        (["a.txt", "--company", "2", "--company", "3"], {"file": "a.txt", "company": 3}),
        (["a.txt", "--case", "c.toml"], {"file": "a.txt", "case": Path("c.toml")}),
        (
            ["a.txt", "--now", "2026-12-03T19:00:00+09:00"],
            {"file": "a.txt", "now": "2026-12-03T19:00:00+09:00"},
        ),
    ],
)
def test_plain_command_lines_are_read_as_the_app_reads_them(
    args: list[str], expected: dict[str, object]
) -> None:
    assert check_arguments(args) == expected


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--help"],
        ["a.txt", "b.txt"],
        ["a.txt", "--kind"],
        ["a.txt", "--kind", "--fix"],
        ["a.txt", "--kind="],
        ["a.txt", "--fix=yes"],
        ["a.txt", "--company", "two"],
        ["a.txt", "--colour", "red"],
        ["a.txt", "-k", "email"],
        ["--", "a.txt"],
    ],
)
def test_every_other_command_line_goes_to_the_typer_app(args: list[str]) -> None:
    assert check_arguments(args) is None


def _both(args: list[str], stdin: str = "", cwd: Path | None = None) -> list[tuple[int, str, str]]:
    runs = []
    for argv in ([sys.executable, "-m", "naitei"], [sys.executable, "-c", TYPER_APP]):
        done = subprocess.run(
            [*argv, "check", *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            cwd=cwd,
        )
        runs.append((done.returncode, done.stdout, done.stderr))
    return runs


@pytest.mark.parametrize(
    "args",
    [
        ["bad.txt"],
        ["good.txt", "--format", "json"],
        ["bad.txt", "--format=textlint", "--kind", "letter", "--purpose", "decline"],
        ["bad.txt", "--case", str(EXAMPLES / "new-grad.toml")],
        ["missing.txt"],
        ["good.txt", "--kind", "fax"],
        ["good.txt", "--company", "0", "--case", str(EXAMPLES / "new-grad.toml")],
        ["-"],
    ],
)
def test_the_fast_start_answers_as_the_typer_app(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "good.txt").write_text(samples.EMAIL_WITHDRAW, encoding="utf-8")
    bad = samples.EMAIL_WITHDRAW.replace("貴社", "御社")
    (tmp_path / "bad.txt").write_text(bad, encoding="utf-8")
    fast, app = _both(args, stdin=bad, cwd=tmp_path)
    assert fast == app
    assert fast[0] in (0, 1, 2)


def test_the_fast_start_imports_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(samples.EMAIL_WITHDRAW, encoding="utf-8")
    probe = (
        "import sys\n"
        f"sys.argv = ['naitei', 'check', {str(draft)!r}, '--kind', 'email']\n"
        "from naitei.cli import fast as cli_fast\n"
        "cli_fast._exit = lambda code: None  # stay alive to list the modules\n"
        "cli_fast.main()\n"
        "heavy = {'typer', 'click', 'pydantic', 'pydantic_core', 'rich'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120
    )
    assert done.stderr.strip().splitlines()[-1] == "[]"
