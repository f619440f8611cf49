"""Dependencies point inward (STYLE §1) and time is a parameter (STYLE §2)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "naitei"
CORE = [
    "case.py",
    "case_schema.py",
    "chars.py",
    "employers.py",
    "validation.py",
    "assess.py",
    "calendar.py",
    "plan.py",
    "knowledge.py",
    "employers.py",
    "labels.py",
    "employers.py",
    "errors.py",
    "render.py",
    "employers.py",
    "schools.py",
    "compose",
    "check",
    "export",
]
OUTER = (
    "naitei.cli",
    "naitei.web",
    "naitei.store",
    "naitei.services",
    "naitei.interview",
    "naitei.fsutil",
    "naitei.mail",
    "naitei.sending",
    "naitei.outbox",
    "naitei.kit_folder",
)


def core_files() -> list[Path]:
    files: list[Path] = []
    for entry in CORE:
        path = SRC / entry
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return [f for f in files if f.exists()]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_imports_nothing_from_the_faces(path: Path) -> None:
    outward = {name for name in imported_modules(path) if name.startswith(OUTER)}
    assert not outward, f"{path.name} reaches outward: {sorted(outward)}"


@pytest.mark.parametrize("path", core_files(), ids=lambda p: str(p.relative_to(SRC)))
def test_core_never_reads_the_clock(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for call in ("datetime.now(", "date.today(", "time.time(", "datetime.utcnow("):
        assert call not in text, f"{path.name} reads the clock ({call})"


def test_the_core_list_covers_the_package() -> None:
    known = set(CORE) | {
        "cli.py",
        "cli_check.py",
        "cli_check_run.py",
        "cli_fast.py",
        "cli_case.py",
        "cli_common.py",
        "cli_decline.py",
        "cli_send.py",
        "kit_folder.py",
        "outbox.py",
        "cli_serve.py",
        "lsp.py",  # a face: the checker for editors (pygls)
        "services.py",
        "interview.py",
        "fsutil.py",
        "__init__.py",
        "__main__.py",
        "py.typed",
        "data",
        "web",
        "store",
        "mail.py",
        "sending.py",
        "__pycache__",
    }
    unknown = {p.name for p in SRC.iterdir()} - known
    assert not unknown, f"classify these modules as core or face: {sorted(unknown)}"
