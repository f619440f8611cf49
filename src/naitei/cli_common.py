"""What every CLI module shares: mapping naitei's typed errors to exit codes, and JSON output.
Imports only typer and the standard library, so the CLI starts fast."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import typer

if TYPE_CHECKING:
    from naitei.case import Case

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Map naitei's typed errors to a message on stderr and the exit code of CONTRACTS §2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from naitei.errors import NaiteiError

        try:
            return command(*args, **kwargs)
        except NaiteiError as error:
            typer.echo(f"エラー: {error}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


def emit_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def load_case(path: Path) -> Case:
    """Read a case file (exit 2 on a problem) and warn, on stderr, about what its free-text
    answers tell the company (「第一志望」…): the user may still send it."""
    from naitei.case import load_case as load
    from naitei.compose.review import case_warnings

    case = load(path)
    for warning in case_warnings(case, path.name):
        typer.echo(f"注意: {warning}", err=True)
    return case


def echo_notes(notes: list[str]) -> None:
    """Notes for the person at the terminal (宛先を銀行として書いています…), on stderr so that
    a document printed on stdout stays clean to copy or redirect."""
    for note in notes:
        typer.echo(f"注: {note}", err=True)
