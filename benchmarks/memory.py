"""Peak resident memory of naitei's commands and of `naitei serve` after serving requests.

    .venv/bin/python benchmarks/memory.py [--requests 300] [--json]

- a command's peak: maximum resident set size from GNU time (%M), median of 5 runs, for
  `python -c pass`, `naitei --help`, `naitei assess examples/new-grad.toml` and
  `naitei check DRAFT --kind email` (the 620-character email draft of load.py);
- `naitei serve`: started on a temporary SQLite database, then REQUESTS requests of each
  kind (assess, check, a case write, the case list) one after another; VmHWM (the peak
  resident set) and VmRSS from /proc/PID/status, before and after.
Writes benchmarks/results/memory.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, publish, realistic_draft
from load import NAITEI, NOW, bodies, get, post, start_naitei

RUNS = 5
TIME = "/usr/bin/time"


def peak_kib(argv: list[str], allowed: tuple[int, ...] = (0, 1)) -> int:
    """The peak resident set of one run of a command, in KiB, as GNU time reports it.

    Not os.wait4 on our own child: a child forked from this process starts with this
    process's resident pages, and Linux keeps that high-water mark across exec. GNU time is
    a small C program, so its child starts small."""
    with tempfile.NamedTemporaryFile("r") as out:
        result = subprocess.run(
            [ensure_time(), "-f", "%M", "-o", out.name, *argv], capture_output=True, cwd=ROOT
        )
        if result.returncode not in allowed:  # check: 1 means findings
            raise RuntimeError(f"{argv} exited with {result.returncode}")
        return int(out.read().split()[-1])


def ensure_time() -> str:
    if not Path(TIME).exists():
        print("GNU time is missing: apt-get install -y time (Debian's package)")
        subprocess.run(["apt-get", "install", "-y", "time"], check=True)
    return TIME


def median_peak_mib(argv: list[str]) -> float:
    return statistics.median(peak_kib(argv) for _ in range(RUNS)) / 1024


def status_mib(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def serve_after_load(requests: int) -> dict[str, Any]:
    payloads = bodies()
    folder = Path(tempfile.mkdtemp(prefix="naitei-memory-"))
    try:
        with start_naitei(folder / "naitei.db") as server:
            started = status_mib(server.pid)
            for path, name in [("/api/assess", "assess"), ("/api/check", "check")]:
                for _ in range(requests):
                    post(server.port, path, payloads[name])
            for index in range(requests):
                post(server.port, "/api/cases", payloads["cases"].replace("LOADTEST", str(index)))
            for _ in range(requests):
                get(server.port, "/api/cases")
            after = status_mib(server.pid)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"started_rss": started["VmRSS"], "peak": after["VmHWM"], "rss": after["VmRSS"]}


def measure(requests: int) -> dict[str, Any]:
    """The peaks in MiB, and the commands that produced them."""
    python = sys.executable
    naitei = str(NAITEI)
    folder = Path(tempfile.mkdtemp(prefix="naitei-memory-"))
    try:
        draft = folder / "draft.txt"
        draft.write_text(realistic_draft().text, encoding="utf-8")
        commands = {
            "python": [python, "-c", "pass"],
            "help": [naitei, "--help"],
            "assess": [
                naitei,
                "assess",
                "examples/new-grad.toml",
                "--now",
                NOW,
                "--format",
                "json",
            ],
            "check": [naitei, "check", str(draft), "--kind", "email"],
        }
        peaks = {name: median_peak_mib(argv) for name, argv in commands.items()}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {
        "machine": machine(),
        "commands": peaks,
        "serve": serve_after_load(requests),
        "requests": requests,
    }


def report(figures: dict[str, Any]) -> str:
    peaks, serve = figures["commands"], figures["serve"]
    base = peaks["python"]
    rows = [
        ("`python -c pass`", peaks["python"]),
        ("`naitei --help`", peaks["help"]),
        ("`naitei assess examples/new-grad.toml --format json`", peaks["assess"]),
        ("`naitei check draft.txt --kind email` (620 characters)", peaks["check"]),
    ]
    lines = [f"| {name} | {mib:.0f} MiB | {mib / base:.1f}× |" for name, mib in rows]
    n = figures["requests"]
    lines.append(
        f"| `naitei serve` after {n} requests each of assess, check, a case write and the"
        f" case list | {serve['peak']:.0f} MiB (resident at start {serve['started_rss']:.0f},"
        f" at the end {serve['rss']:.0f}) | {serve['peak'] / base:.1f}× |"
    )
    table = "\n".join(lines)
    return f"""# Peak memory

Command: `.venv/bin/python benchmarks/memory.py` (commands: `/usr/bin/time -f %M`, median of
{RUNS} runs; the server: VmHWM from /proc/PID/status)
Machine: {figures["machine"]}

| process | peak resident memory | vs `python -c pass` |
| --- | ---: | ---: |
{table}

The checker's share is SudachiPy's core dictionary, mapped into memory on the first check;
the server keeps it (and the database connections) for the next requests.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    publish("memory", measure(options.requests), report, as_json=options.json)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
