"""What every CLI module shares: mapping naitei's typed errors to exit codes, and the one way
text reaches the terminal (`echo`, `confirm`, `emit_json`): whatever comes from a file or the
store is made inert first (naitei.chars.terminal_safe), so no escape sequence, C1 control or
bidirectional override can act on the user's terminal. Imports only the standard library at
load (typer when a function needs it), so the CLI starts fast and `naitei check FILE` can run
without Typer (naitei.cli.fast)."""

from __future__ import annotations

import functools
import json
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from naitei.case import Case

F = TypeVar("F", bound=Callable[..., Any])


def handles_errors(command: F) -> F:
    """Map naitei's typed errors to a message on stderr and the exit code of CONTRACTS §2."""
    return _handles(command, ARGUMENT_FIELDS)


def handles_errors_naming(**arguments: str) -> Callable[[F], F]:
    """`handles_errors` for a command whose arguments name fields their own way
    (`naitei case log ID EVENT`: the field `kind` is its argument EVENT)."""
    return lambda command: _handles(command, {**ARGUMENT_FIELDS, **arguments})


def _handles(command: F, arguments: dict[str, str]) -> F:
    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        import typer

        from naitei.errors import NaiteiError

        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                return command(*args, **kwargs)
        except NaiteiError as error:
            echo(f"エラー: {error_text(error, arguments)}", err=True)
            raise typer.Exit(error.exit_code) from None

    return wrapper  # type: ignore[return-value]


# The core names the field an error is about (naitei.errors.InputError.field); the terminal
# names it as the user typed it: an option (--now) or an argument (KIND). A field the CLI has
# no name for (a case file's [decline].channel, company) is shown as it is.
# A field named here is an option: `visit_at` is --visit-at.
OPTION_FIELDS = frozenset(
    {
        "now", "date", "out", "company", "outcome", "with", "said", "note", "at", "callback",
        "heard_by", "heard_on", "answer_by", "asked_on", "visit_at", "place", "bring",
        "asked_to_visit", "words", "service_name", "service_email", "service_phone", "staff",
        "config", "format", "print_token", "school_consulted", "admin_email", "since", "until", "tls_cert", "tls_key",
    }
)  # fmt: skip
ARGUMENT_FIELDS = {"kind": "KIND"}


def error_text(error: Exception, arguments: dict[str, str] = ARGUMENT_FIELDS) -> str:
    """An error as the terminal shows it: `--now: …` for an error about the --now option."""
    from naitei.errors import CaseError, InputError

    if not isinstance(error, InputError) or isinstance(error, CaseError) or not error.field:
        return str(error)
    field = error.field
    name = option_name(field) if field in OPTION_FIELDS else arguments.get(field, field)
    return f"{name}: {error.message}"


def option_name(field: str) -> str:
    """The option of a core field: `visit_at` -> `--visit-at`."""
    return "--" + field.replace("_", "-")


def _show_warning(message: Warning | str, category: type[Warning], *_args: Any, **_kw: Any) -> None:
    """naitei's own warnings (PrivacyWarning …) go to the user, in their words; others to
    stderr as Python prints them."""
    if category.__module__.startswith("naitei."):
        echo(str(message), err=True)
    else:
        echo(warnings.formatwarning(message, category, "", 0).strip(), err=True)


def internal_error(error: Exception) -> SystemExit:
    """Say that naitei has a bug, without a traceback (NAITEI_DEBUG=1 shows it): the exit to
    raise (code 1)."""
    echo(
        "naitei の内部でエラーが起きました。入力したファイルは変更していません。"
        f"お手数ですが、次の内容とともにご報告ください: {type(error).__name__}",
        err=True,
    )
    return SystemExit(1)


def echo(message: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print for people: the only function of the CLI that writes to the terminal."""
    from naitei.chars import terminal_safe

    safe = terminal_safe(message)
    typer = sys.modules.get("typer")
    if typer is not None:  # the Typer app, or its test runner: its streams, as always
        typer.echo(safe, err=err, nl=nl)
        return
    # naitei.cli.fast runs without Typer: what click.echo does with a str, on the same streams.
    stream = sys.stderr if err else sys.stdout
    stream.write(safe + "\n" if nl else safe)
    stream.flush()


def confirm(question: str, *, err: bool = False) -> bool:
    """Ask a yes/no question (default no), the question made inert like everything printed."""
    import typer

    from naitei.chars import terminal_safe

    return bool(typer.confirm(terminal_safe(question), default=False, err=err))


def emit_json(data: Any) -> None:
    """JSON for programs: the same data, with hidden characters written as \\u escapes."""
    from naitei.chars import json_safe

    echo(json_safe(json.dumps(data, ensure_ascii=False, indent=2)))


def load_case(path: Path) -> Case:
    """Read a case file (exit 2 on a problem) and warn, on stderr, about what its free-text
    answers tell the company (「第一志望」…): the user may still send it."""
    import typer

    from naitei.case import load_case as load
    from naitei.compose.review import case_warnings

    case = load(path)
    for warning in case_warnings(case):
        typer.echo(f"注意: {path.name}: {warning.text()}", err=True)
    return case


def echo_notes(notes: list[str]) -> None:
    """Notes for the person at the terminal (宛先を銀行として書いています…), on stderr so that
    a document printed on stdout stays clean to copy or redirect."""
    for note in notes:
        echo(f"注: {note}", err=True)
