"""Shared test helpers live in tests/support/: a test module never imports another test module
or a conftest.py (pytest loads those itself; importing one runs it twice under two names)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_nothing_imports_a_test_module_or_a_conftest() -> None:
    sources = [
        p for folder in ("tests", "benchmarks", "scripts") for p in (ROOT / folder).rglob("*.py")
    ]
    offenders = sorted(
        f"{path.relative_to(ROOT)}: {name}"
        for path in sources
        for name in imported(path)
        if name.startswith("tests.")
        and any(part.startswith("test_") or part == "conftest" for part in name.split(".")[1:])
    )
    assert offenders == []


def test_support_holds_no_tests() -> None:
    assert not list((ROOT / "tests" / "support").glob("test_*.py"))
