"""The console script's entry: ``naitei check FILE …`` starts without Typer, everything else
goes to the Typer app (naitei.cli.app).

One `naitei check FILE` is run by editors and scripts once per file, so its start-up counts:
importing Typer (and building the app of every command) took about as long as checking a
draft. `main` reads a check command line itself when it is one of the plain forms (known
options with their values, one FILE) and otherwise hands the whole command line to the Typer
app, which parses it, shows help and reports every mistake. Both run the same
naitei.cli.check_run.run, so a command line gives the same output and exit code either way.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

# --option → (parameter of naitei.cli.check_run.run, takes a value)
_OPTIONS = {
    "--kind": ("kind", True),
    "--purpose": ("purpose", True),
    "--case": ("case", True),
    "--company": ("company", True),
    "--format": ("output_format", True),
    "--fix": ("fix", False),
    "--no-backup": ("no_backup", False),
    "--service-name": ("service_name", True),
    "--now": ("now", True),
}


def check_arguments(args: list[str]) -> dict[str, Any] | None:
    """The keyword arguments of `run` for the arguments after ``check``, or None when the
    command line is not one of the plain forms (help, an unknown option, a missing or
    dash-led value, no FILE or two…): the Typer app then parses and answers it."""
    values: dict[str, Any] = {}
    files: list[str] = []
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        if arg == "-" or not arg.startswith("-"):
            files.append(arg)
            continue
        name, equals, inline = arg.partition("=")
        if name not in _OPTIONS:
            return None
        key, takes_value = _OPTIONS[name]
        if not takes_value:
            if equals:
                return None
            values[key] = True
            continue
        if equals:
            value = inline
        elif rest:
            value = rest.pop(0)
        else:
            return None
        if not value or value.startswith("-"):
            return None
        values[key] = value
    if len(files) != 1:
        return None
    values["file"] = files[0]
    return _converted(values)


def _converted(values: dict[str, Any]) -> dict[str, Any] | None:
    """--company as an int and --case as a path, as the Typer app converts them; None where it
    would refuse the value (it then says why)."""
    if "company" in values:
        try:
            values["company"] = int(values["company"])
        except ValueError:
            return None
    if "case" in values:
        path = Path(values["case"])
        if path.exists() and not os.access(path, os.R_OK):
            return None  # the Typer app's path check reports it
        values["case"] = path
    return values


def main() -> None:
    """The console script ``naitei``."""
    args = sys.argv[1:]
    arguments = check_arguments(args[1:]) if args[:1] == ["check"] else None
    if arguments is None:
        from naitei.cli.app import main as typer_main

        typer_main()
        return
    # One short process: the cyclic garbage collector would only rescan the imported modules
    # (a few milliseconds), and tearing the interpreter down after the report is printed
    # frees memory the system takes back anyway (about 10 ms).
    gc.disable()
    from naitei import precompiled

    precompiled.cache_dataclasses()  # before the checker's modules define their dataclasses
    from naitei.cli.check_run import run

    try:
        code = run(**arguments)
    except Exception as error:  # the last line of defence, as in naitei.cli.app.main
        if os.environ.get("NAITEI_DEBUG") == "1":
            raise
        from naitei.cli.common import internal_error

        raise internal_error(error) from None
    precompiled.save()  # os._exit skips atexit: keep what this run compiled for the next one
    _exit(code)


def _exit(code: int) -> NoReturn:
    """End the process now, once everything printed has reached its stream."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):  # the reader has gone: nothing more to say
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
