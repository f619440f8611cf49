"""Errors carry their field (issue 15): no raise puts a field, an option or a key at the head
of its message for a face to parse back out. The faces name a field their own way (the CLI as
its option, cli/common.py; the web as a form input or the JSON's "field")."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src" / "naitei"
# `field: ...`, `--option: ...`, `[table].key: ...`, `imap.host: ...` at the head of a message
HEAD = re.compile(r"^(--)?[A-Za-z_\[][A-Za-z0-9_.\-\[\]]*: ")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+(?![\w=-])")  # not pg_dump --format=custom
ERRORS = frozenset({"InputError", "NotFoundError"})


def raises() -> list[tuple[str, int, str, bool]]:
    """(file, line, the message's literal text, whether it is given a field) of every error."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or getattr(node.func, "id", None) not in ERRORS:
                continue
            head = _literal(node.args[0]) if node.args else ""
            fielded = any(k.arg == "field" for k in node.keywords)
            found.append((str(path.relative_to(SRC)), node.lineno, head, fielded))
    return found


def _literal(node: ast.expr) -> str:
    """The message's literal text; what an f-string fills in is left out, and a message that
    starts with a filled-in value (a path, a company) has no literal head."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        if not isinstance(node.values[0], ast.Constant):
            return ""
        return "{}".join(v.value if isinstance(v, ast.Constant) else "" for v in node.values)
    return ""


def test_the_scan_sees_the_errors() -> None:
    assert len(raises()) > 100


def test_no_message_starts_with_its_field() -> None:
    wrong = [f"{file}:{line}: {head[:40]}" for file, line, head, _ in raises() if HEAD.match(head)]
    assert not wrong, "give the field as InputError(message, field=...):\n" + "\n".join(wrong)


def test_the_core_names_no_option_of_the_cli() -> None:
    """Messages raised outside the faces (cli/, org/) name fields, never `--option`s."""
    wrong = [
        f"{file}:{line}: {head[:60]}"
        for file, line, head, _ in raises()
        if not file.startswith(("cli/", "org/")) and FLAG.search(head)
    ]
    assert not wrong, "\n".join(wrong)
