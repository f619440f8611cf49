"""Every command and every option of the CLI is documented, as datasette's test_docs.py does
for its commands and settings: the command tree is walked, so a new command or option fails
here until the README or docs/*.md describe it.

A command is documented where `naitei <command>` is written; an option where a paragraph (or
a table row) names the command and the option together."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer

from naitei.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks() -> list[str]:
    """Paragraphs of the docs; a table's rows each count as one."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in DOCS)
    found: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip().splitlines()
        table = bool(lines) and all(line.lstrip().startswith("|") for line in lines)
        found += lines if table else [block]
    return found


def commands(command: Any = None, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    command = command or typer.main.get_command(app)
    if path:
        yield "naitei " + " ".join(path), command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from commands(sub, (*path, name))


def options() -> Iterator[tuple[str, str]]:
    for name, command in commands():
        for param in command.params:
            flags = [f for f in (*param.opts, *param.secondary_opts) if f.startswith("--")]
            if param.param_type_name == "option" and flags and "--help" not in flags:
                yield name, flags[0]


BLOCKS = blocks()
COMMANDS = [name for name, _ in commands()]


def mentions(block: str, word: str) -> bool:
    return re.search(re.escape(word) + r"(?![\w-])", block) is not None


def test_the_tree_is_walked() -> None:
    assert {"naitei check", "naitei case log", "naitei db backup"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_documented(name: str) -> None:
    assert any(mentions(block, name) for block in BLOCKS), f"{name} is not in README.md or docs/"


@pytest.mark.parametrize(("name", "flag"), list(options()), ids=lambda value: str(value))
def test_every_option_is_documented_with_its_command(name: str, flag: str) -> None:
    assert any(mentions(block, name) and mentions(block, flag) for block in BLOCKS), (
        f"{name} {flag}: no paragraph or table row of README.md or docs/ names both"
    )
