"""Throughput of the checker against bare SudachiPy tokenization, on the corpus texts.

    .venv/bin/python benchmarks/checker_speed.py [--rounds 40] [--no-cli] [--json]

Same texts (every draft of tests/fixtures/drafts/), same process, after a warm-up. Rounds
alternate the three runs so that a slower moment of the machine hits all of them alike:
- bare: `tokenizer.tokenize(text)` with a default `Dictionary(dict="core").tokenizer(SplitMode.C)`,
  the morphemes never read — the lower bound of any use of SudachiPy;
- bare + surfaces: the same, reading every morpheme's surface (what the simplest real use does);
- naitei: `check_text(text, kind, purpose, context)`, everything included.
The figure is characters per second from the fastest round of each; the ratio is
naitei's time over bare's, in wall time and in CPU time of the measuring thread
(``time.thread_time``: on a machine shared with other jobs, the time the check itself took),
each as the best round and as the median of the rounds' ratios; the load average is printed
beside them. ``--breakdown`` adds, from one more pass, the CPU time the check spends inside
SudachiPy (the sentences it tokenizes) and in the rules' Python. With the command registered,
it also times `naitei check FILE` per file (a new process each time, as an editor or a script
would run it).
"""

from __future__ import annotations

import argparse
import json
import os
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
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for run in runs.values():
        run()  # warm-up: dictionary, tokenizers, data files, caches
    load_before = os.getloadavg()[0]
    for _ in range(rounds):
        for name, run in runs.items():
            start, start_cpu = time.perf_counter(), time.thread_time()
            run()
            cpu[name].append(time.thread_time() - start_cpu)
            times[name].append(time.perf_counter() - start)
    chars = sum(len(text) for text in texts)
    best = {name: min(values) for name, values in times.items()}
    ratios = [n / b for n, b in zip(times["naitei"], times["bare"], strict=True)]
    cpu_ratios = [n / b for n, b in zip(cpu["naitei"], cpu["bare"], strict=True)]
    return {
        "cpu_ratio": min(cpu["naitei"]) / min(cpu["bare"]),
        "cpu_ratio_median": statistics.median(cpu_ratios),
        "load": (load_before + os.getloadavg()[0]) / 2,
        "drafts": len(texts),
        "chars": chars,
        "bare": chars / best["bare"],
        "surfaces": chars / best["surfaces"],
        "naitei": chars / best["naitei"],
        "ratio": best["naitei"] / best["bare"],
        "ratio_median": statistics.median(ratios),
        "ratio_surfaces": best["naitei"] / best["surfaces"],
    }


def breakdown(passes: int = 5) -> dict[str, float]:
    """CPU time of one pass (the fastest of ``passes``): bare tokenization, the whole check, and
    the part of the check spent building ``Tokens`` (SudachiPy plus the offsets and
    part-of-speech ids read from its morphemes), with how many pieces and characters it
    tokenized. Measured apart from the timed rounds: the wrapper costs a little."""
    from naitei.check import tokenizer as module

    drafts = load_drafts()
    items = [(d.text, d.kind, d.purpose, context_for(d)) for d in drafts]
    texts = [text for text, *_ in items]
    bare_tokenizer = Dictionary(dict="core").tokenizer(SplitMode.C)
    real = module.Tokens.__init__
    spent = [0.0, 0, 0]

    def timed(self: Any, text: str, start: int = 0, end: int | None = None) -> None:
        begin = time.thread_time()
        real(self, text, start, end)
        spent[0] += time.thread_time() - begin
        spent[1] += 1
        spent[2] += (len(text) if end is None else end) - start

    best: dict[str, float] = {}
    module.Tokens.__init__ = timed  # type: ignore[method-assign]
    try:
        for _ in range(passes + 1):  # the first pass warms up
            begin = time.thread_time()
            for text in texts:
                bare_tokenizer.tokenize(text)
            bare = time.thread_time() - begin
            spent[:] = [0.0, 0, 0]
            begin = time.thread_time()
            for text, kind, purpose, context in items:
                check_text(text, kind, purpose, context)  # type: ignore[arg-type]
            check = time.thread_time() - begin
            if not best or check < best["check_ms"] / 1000:
                best = {
                    "check_ms": check * 1000,
                    "tokenize_ms": spent[0] * 1000,
                    "sentences": spent[1],
                    "tokenized_chars": spent[2],
                }
            best["bare_ms"] = min(best.get("bare_ms", bare * 1000), bare * 1000)
    finally:
        module.Tokens.__init__ = real  # type: ignore[method-assign]
    best["chars"] = sum(map(len, texts))
    return best


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
        f"| the same, CPU time of the checking thread | | {figures['cpu_ratio']:.2f}×"
        f" (median of rounds {figures['cpu_ratio_median']:.2f}×) |",
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
    parser.add_argument(
        "--breakdown", action="store_true", help="CPU time inside SudachiPy and in the rules"
    )
    args = parser.parse_args(argv)
    measured = measure(args.rounds, cli=not args.no_cli)
    if args.breakdown:
        measured["breakdown"] = breakdown()
    if args.json:
        print(json.dumps(measured))
        return 0
    figures, cli = measured["in_process"], measured["cli"]
    print(f"{figures['drafts']:.0f} drafts, {figures['chars']:,.0f} characters; {machine()}")
    print(f"load average during the rounds: {figures['load']:.1f}")
    print(report(figures, cli))
    if args.breakdown:
        parts = measured["breakdown"]
        print(
            f"one pass, CPU time: bare tokenization {parts['bare_ms']:.1f} ms; check"
            f" {parts['check_ms']:.1f} ms = SudachiPy on {parts['sentences']} pieces"
            f" ({parts['tokenized_chars']:,} of {parts['chars']:,} characters)"
            f" {parts['tokenize_ms']:.1f} ms + the rest {parts['check_ms'] - parts['tokenize_ms']:.1f}"
            f" ms ({parts['tokenize_ms'] / parts['bare_ms']:.2f}× and"
            f" {(parts['check_ms'] - parts['tokenize_ms']) / parts['bare_ms']:.2f}× of bare)"
        )
    if cli is None and not args.no_cli:
        print("(`naitei check` is not registered yet: no CLI timing)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
