"""The command-line face: the Typer app (`app.py`), one module per command group, and
`common.py`, the one place that writes to the terminal.

`naitei.cli:main` is the console script; `naitei.cli.app` holds the Typer app.
"""

from naitei.cli.app import app, main

__all__ = ["app", "main"]
