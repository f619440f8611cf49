"""Throughput of the checker against bare SudachiPy tokenization, on the corpus texts.

    .venv/bin/python benchmarks/checker_speed.py [--rounds 40] [--no-cli] [--json]

Same texts (every draft of tests/fixtures/drafts/), same process, after a warm-up. Rounds
alternate the three runs so that a slower moment of the machine hits all of them alike:
- bare: `tokenizer.tokenize(text)` with a default `Dictionary(dict="core").tokenizer(SplitMode.C)`,
  the morphemes never read — the lower bound of any use of SudachiPy;
- bare + surfaces: the same, reading every morpheme's surface (what the simplest real use does);
- naitei: `check_text(text, kind, purpose, context)`, everything included.
The figure is characters per second from the fastest round of each; the ratio is
naitei's time over bare's. With the command registered, it also times `naitei check FILE`
per file (a new process each time, as an editor or a script would run it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from _common import ROOT, compile_bytecode, machine, median_ms
from corpus_eval import context_for, load_drafts
from sudachipy import Dictionary, SplitMode

from naitei.check import check_text, rule_infos

# The target this figure is held to, in the README's table (performance.py).
GOAL = "within 2× of bare tokenization (issue 4)"


def in_process(rounds: int) -> dict[str, float]:
    drafts = load_drafts()
    items = [(d.text, d.kind, d.purpose, context_for(d)) for d in drafts]
    texts = [text for text, *_ in items]
    tokenizer = Dictionary(dict="core").tokenizer(SplitMode.C)

    def bare() -> None:
        for text in texts:
            tokenizer.tokenize(text)

    def surfaces() -> None:
        for text in texts:
            [m.surface() for m in tokenizer.tokenize(text)]

    def naitei() -> None:
        for text, kind, purpose, context in items:
            check_text(text, kind, purpose, context)  # type: ignore[arg-type]

    runs = {"bare": bare, "surfaces": surfaces, "naitei": naitei}
    times: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm-up: dictionary, tokenizers, data files, caches
    for _ in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    chars = sum(len(text) for text in texts)
    best = {name: min(values) for name, values in times.items()}
    ratios = [n / b for n, b in zip(times["naitei"], times["bare"], strict=True)]
    return {
        "drafts": len(texts),
        "chars": chars,
        "bare": chars / best["bare"],
        "surfaces": chars / best["surfaces"],
        "naitei": chars / best["naitei"],
        "ratio": best["naitei"] / best["bare"],
        "ratio_median": statistics.median(ratios),
        "ratio_surfaces": best["naitei"] / best["surfaces"],
    }


def cli_registered() -> bool:
    naitei = ROOT / ".venv" / "bin" / "naitei"
    if not naitei.exists():
        return False
    import subprocess

    result = subprocess.run([str(naitei), "check", "--help"], capture_output=True, text=True)
    return result.returncode == 0


def cli_per_file(runs: int) -> dict[str, float]:
    """Median wall time of `naitei check FILE` over the corpus files (new process each)."""
    drafts = load_drafts()
    naitei = str(ROOT / ".venv" / "bin" / "naitei")
    compile_bytecode()
    folder = Path(tempfile.mkdtemp(prefix="naitei-check-"))
    try:
        per_file = []
        chars = 0
        for draft in drafts[:: max(1, len(drafts) // 20)]:  # 20 files across the corpus
            path = folder / f"{draft.id}.txt"
            path.write_text(draft.text, encoding="utf-8")
            argv = [naitei, "check", str(path), "--kind", draft.kind, "--purpose", draft.purpose]
            per_file.append(median_ms(_time_any_exit(argv, runs)))
            chars += len(draft.text)
        files = len(per_file)
        total_ms = sum(per_file)
        return {
            "files": files,
            "median_ms": statistics.median(per_file),
            "chars_per_s": chars / (total_ms / 1000),
        }
    finally:
        shutil.rmtree(folder)


def _time_any_exit(argv: list[str], runs: int) -> list[float]:
    """Like time_command, but exit code 1 (errors found) is a normal outcome here."""
    import subprocess

    subprocess.run(argv, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = subprocess.run(argv, capture_output=True)
        times.append(time.perf_counter() - start)
        if result.returncode not in (0, 1):
            raise RuntimeError(result.stderr.decode())
    return times


def report(figures: dict[str, float], cli: dict[str, float] | None) -> str:
    lines = [
        "| run | characters per second | relative to bare tokenization |",
        "| --- | ---: | ---: |",
        f"| SudachiPy tokenize only (bare) | {figures['bare']:,.0f} | 1.00× |",
        f"| SudachiPy tokenize + read surfaces | {figures['surfaces']:,.0f} |"
        f" {figures['bare'] / figures['surfaces']:.2f}× |",
        f"| naitei `check_text` (all {len(rule_infos())} rules) | {figures['naitei']:,.0f} |"
        f" {figures['ratio']:.2f}× (median of rounds {figures['ratio_median']:.2f}×) |",
    ]
    if cli:
        lines.append(
            f"| `naitei check FILE` (new process per file) | {cli['chars_per_s']:,.0f} |"
            f" median {cli['median_ms']:.0f} ms per file |"
        )
    return "\n".join(lines)


def measure(rounds: int = 40, cli: bool = True) -> dict[str, Any]:
    """The in-process figures and (when registered) `naitei check FILE` per file, as data."""
    figures: dict[str, Any] = {"in_process": in_process(rounds), "cli": None}
    if cli and cli_registered():
        figures["cli"] = cli_per_file(runs=5)
    return figures


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--no-cli", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    measured = measure(args.rounds, cli=not args.no_cli)
    if args.json:
        print(json.dumps(measured))
        return 0
    figures, cli = measured["in_process"], measured["cli"]
    print(f"{figures['drafts']:.0f} drafts, {figures['chars']:,.0f} characters; {machine()}")
    print(report(figures, cli))
    if cli is None and not args.no_cli:
        print("(`naitei check` is not registered yet: no CLI timing)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
