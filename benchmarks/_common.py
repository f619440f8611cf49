"""Helpers shared by the benchmark scripts: timing, machine description, a results table."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def compile_bytecode() -> None:
    """Write naitei's bytecode before timing a new process, as pip does when it installs
    naitei: an editable checkout run with PYTHONDONTWRITEBYTECODE=1 would otherwise compile
    every module from source at each start (about 30 ms for `naitei check`)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "src" / "naitei")],
        check=True,
        capture_output=True,
    )


def time_command(argv: Sequence[str], runs: int, cwd: Path = ROOT) -> list[float]:
    """Wall-clock seconds of `runs` executions of a command (after one warm-up run)."""
    subprocess.run(argv, cwd=cwd, capture_output=True, check=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, cwd=cwd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def time_call(function: Callable[[], object], runs: int) -> list[float]:
    function()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def write_result(name: str, text: str) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


# wrk's done(): the run's figures as one line `RESULT {json}`, which the benchmarks parse.
WRK_DONE = r"""done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p90_us": %d, "p99_us": %d, ' ..
    '"non_2xx": %d, "connect": %d, "read": %d, "write": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), e.status, e.connect, e.read, e.write, e.timeout))
  -- then
end
"""


def wrk_done(then: str = "") -> str:
    """The Lua of wrk's done() that prints the RESULT line, then runs `then`."""
    return WRK_DONE.replace("  -- then\n", f"  {then}\n" if then else "")


DRAFT_ID = "email-withdraw-mid-02"  # a clean email draft of 620 characters


def realistic_draft() -> Any:
    """The draft the load and memory figures check (tests/fixtures/drafts/, by DRAFT_ID)."""
    sys.path.insert(0, str(ROOT / "tests" / "unit" / "check"))
    from corpus_eval import load_drafts

    return next(draft for draft in load_drafts() if draft.id == DRAFT_ID)


def result_text(command: str, table: str) -> str:
    """A result file's text: how it was run (`command`), on what machine, then the table."""
    return f"{command}\nMachine: {machine()}\n\n{table}\n"


def publish(name: str, figures: Any, report: Callable[[Any], str], *, as_json: bool) -> None:
    """Print the figures as JSON (for performance.py), or print the report and save it."""
    if as_json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    text = report(figures)
    print(text)
    write_result(name, text)
