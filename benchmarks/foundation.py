"""CLI start-up of `naitei assess` against a bare `python -c pass`, and in-process
assess + plan time.

    .venv/bin/python benchmarks/foundation.py [--json]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, median_ms, publish, result_text, time_call, time_command

from naitei.assess import assess
from naitei.calendar import JST
from naitei.case import WithdrawalCase, load_case
from naitei.plan import make_plan

# The target this figure is held to, in the README's table (performance.py).
GOAL = "the CLI starts fast (DESIGN)"

NOW = "2026-11-25T21:00:00+09:00"
RUNS = 20


def measure(runs: int = RUNS) -> dict[str, float]:
    """Medians in milliseconds (core: microseconds), as data."""
    python = sys.executable
    case_file = str(ROOT / "examples" / "new-grad.toml")
    bare = median_ms(time_command([python, "-c", "pass"], runs))
    cli = median_ms(
        time_command(
            [python, "-m", "naitei", "assess", case_file, "--now", NOW, "--format", "json"], runs
        )
    )
    helps = median_ms(time_command([python, "-m", "naitei", "--help"], runs))
    case = load_case(Path(case_file))
    assert isinstance(case, WithdrawalCase)
    now = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
    core = median_ms(time_call(lambda: (assess(case, now), make_plan(case, now)), 2000))
    return {"python_ms": bare, "help_ms": helps, "assess_ms": cli, "core_us": core * 1000}


def report(figures: Any) -> str:
    bare, helps, cli = figures["python_ms"], figures["help_ms"], figures["assess_ms"]
    table = "\n".join(
        [
            "| measure | median | ratio |",
            "| --- | ---: | ---: |",
            f"| `python -c pass` | {bare:.0f} ms | 1.0× |",
            f"| `naitei --help` | {helps:.0f} ms | {helps / bare:.1f}× |",
            f"| `naitei assess examples/new-grad.toml --format json` | {cli:.0f} ms | {cli / bare:.1f}× |",
            f"| assess + plan in process (one case) | {figures['core_us']:.0f} µs | |",
        ]
    )
    command = f"Command: `.venv/bin/python benchmarks/foundation.py` ({RUNS} runs each, medians)"
    return result_text(command, table)


if __name__ == "__main__":
    publish("foundation", measure(), report, as_json="--json" in sys.argv[1:])
