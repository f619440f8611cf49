"""The command-line face: the Typer app (`app.py`), one module per command group, and
`common.py`, the one place that writes to the terminal.

`naitei.cli:main` is the console script. It imports nothing heavy itself: a plain
`naitei check FILE` runs without Typer (`fast.py`); everything else goes to the Typer app in
`naitei.cli.app` (also reachable here as `naitei.cli.app`, the module).
"""

from __future__ import annotations


def main() -> None:
    """Run naitei: `naitei check FILE` without Typer, every other command line through Typer."""
    from naitei.cli.fast import main as start

    start()
