"""naitei check against textlint with its Japanese rules, on the corpus texts.

    .venv/bin/python benchmarks/checker_textlint.py [--per-file 20] [--json]

Installs (when missing) into benchmarks/.textlint/ (gitignored), with npm:
textlint, textlint-rule-preset-japanese, textlint-rule-no-dropping-the-ra and
@textlint-ja/textlint-rule-no-insert-dropping-sa, all enabled. Writes every draft of
tests/fixtures/drafts/ to a temporary .txt file and reports:
- throughput: textlint over all files in one process (its best case), and one process per
  file (as an editor or a script runs it); naitei in-process and, when the command is
  registered, `naitei check FILE` per file;
- the annotated mistakes each tool catches. naitei: a finding of the same rule whose span
  overlaps the annotated span (document-level items match on the rule). textlint: any
  message whose range overlaps the span — more lenient, as its rules have other names; it
  has no rule for a missing part, so document-level items count as missed;
- the messages each tool gives on the clean drafts (error and warning severity for naitei).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from _common import ROOT, compile_bytecode, machine
from corpus_eval import COUNTED, Draft, context_for, load_drafts

from naitei.check import check_text

# The target this figure is held to, in the README's table (performance.py).
GOAL = "≥ 20× textlint's throughput (issue 4)"

PREFIX = ROOT / "benchmarks" / ".textlint"
TEXTLINT = PREFIX / "node_modules" / ".bin" / "textlint"
PACKAGES = (
    "textlint",
    "textlint-rule-preset-japanese",
    "textlint-rule-no-dropping-the-ra",
    "@textlint-ja/textlint-rule-no-insert-dropping-sa",
)
CONFIG = {
    "rules": {
        "preset-japanese": True,
        "no-dropping-the-ra": True,
        "@textlint-ja/no-insert-dropping-sa": True,
    }
}


def install() -> None:
    if not TEXTLINT.exists():
        PREFIX.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(PREFIX), "--no-audit", "--no-fund", *PACKAGES],
            check=True,
        )
    (PREFIX / ".textlintrc.json").write_text(json.dumps(CONFIG), encoding="utf-8")


def textlint(files: list[Path]) -> list[dict[str, Any]]:
    argv = [str(TEXTLINT), "--config", str(PREFIX / ".textlintrc.json"), "--format", "json"]
    result = subprocess.run([*argv, *map(str, files)], capture_output=True, text=True, cwd=PREFIX)
    if result.returncode not in (0, 1):
        raise RuntimeError(result.stderr)
    results: list[dict[str, Any]] = json.loads(result.stdout)
    return results


def python_index(text: str) -> list[int]:
    """UTF-16 code unit offset → str index (textlint counts like JavaScript)."""
    table = []
    for index, char in enumerate(text):
        table.extend([index] * (2 if ord(char) > 0xFFFF else 1))
    table.append(len(text))
    return table


def caught_by_textlint(draft: Draft, messages: list[dict[str, Any]]) -> list[bool]:
    table = python_index(draft.text)
    spans = []
    for message in messages:
        start, end = message.get("range", [message["index"], message["index"] + 1])
        spans.append((table[min(start, len(table) - 1)], table[min(end, len(table) - 1)]))
    caught = []
    for item in draft.expected:
        if item.start is None or item.end is None:
            caught.append(False)
        else:
            caught.append(any(s < item.end and item.start < max(e, s + 1) for s, e in spans))
    return caught


def caught_by_naitei(draft: Draft) -> tuple[list[bool], int]:
    report = check_text(draft.text, draft.kind, draft.purpose, context_for(draft))  # type: ignore[arg-type]
    findings = [f for f in report.findings if f.severity in COUNTED]
    return [any(item.matches(f) for f in findings) for item in draft.expected], len(findings)


def timings(drafts: list[Draft], files: list[Path], per_file: int) -> dict[str, float]:
    chars = sum(len(d.text) for d in drafts)
    textlint(files[:2])  # warm the disk cache
    start = time.perf_counter()
    textlint(files)
    batch = time.perf_counter() - start
    sample = files[:: max(1, len(files) // per_file)][:per_file]
    sample_chars = sum(len(path.read_text(encoding="utf-8")) for path in sample)
    single = []
    for path in sample:
        start = time.perf_counter()
        textlint([path])
        single.append(time.perf_counter() - start)
    items = [(d.text, d.kind, d.purpose, context_for(d)) for d in drafts]
    for item in items:
        check_text(*item)  # type: ignore[arg-type]
    best = float("inf")
    for _ in range(10):
        start = time.perf_counter()
        for item in items:
            check_text(*item)  # type: ignore[arg-type]
        best = min(best, time.perf_counter() - start)
    return {
        "textlint_batch": chars / batch,
        "textlint_file_ms": statistics.median(single) * 1000,
        "textlint_file": sample_chars / sum(single),
        "naitei": chars / best,
    }


def naitei_cli_per_file(
    files: list[Path], drafts: list[Draft], per_file: int
) -> dict[str, float] | None:
    naitei = ROOT / ".venv" / "bin" / "naitei"
    probe = subprocess.run([str(naitei), "check", "--help"], capture_output=True)
    if not naitei.exists() or probe.returncode != 0:
        return None
    kinds = {d.id: d for d in drafts}
    compile_bytecode()
    sample = files[:: max(1, len(files) // per_file)][:per_file]
    single, chars = [], 0
    for path in sample:
        draft = kinds[path.stem]
        argv = [str(naitei), "check", str(path), "--kind", draft.kind, "--purpose", draft.purpose]
        subprocess.run(argv, capture_output=True)
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True)
        single.append(time.perf_counter() - start)
        chars += len(draft.text)
    return {"ms": statistics.median(single) * 1000, "chars_per_s": chars / sum(single)}


def measure(per_file: int = 20) -> dict[str, Any]:
    """Speed (characters per second, ms per file) and what each tool catches, as data."""
    install()
    drafts = load_drafts()
    folder = Path(tempfile.mkdtemp(prefix="naitei-textlint-"))
    try:
        files = []
        for draft in drafts:
            path = folder / f"{draft.id}.txt"
            path.write_text(draft.text, encoding="utf-8")
            files.append(path)
        results = {Path(r["filePath"]).stem: r["messages"] for r in textlint(files)}
        speed = timings(drafts, files, per_file)
        cli = naitei_cli_per_file(files, drafts, per_file)
    finally:
        shutil.rmtree(folder)
    return {
        "drafts": drafts,
        "results": results,
        "speed": speed,
        "cli": cli,
        "ratio": speed["naitei"] / speed["textlint_batch"],
        "textlint_version": _version("textlint"),
    }


def _version(package: str) -> str:
    path = PREFIX / "node_modules" / package / "package.json"
    try:
        return str(json.loads(path.read_text(encoding="utf-8"))["version"])
    except (OSError, KeyError, ValueError):
        return "?"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-file", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the speed figures as JSON")
    args = parser.parse_args(argv)
    measured = measure(args.per_file)
    if args.json:
        keys = ("speed", "cli", "ratio", "textlint_version")
        print(json.dumps({key: measured[key] for key in keys}))
        return 0
    print_report(measured["drafts"], measured["results"], measured["speed"], measured["cli"])
    return 0


def print_report(
    drafts: list[Draft],
    results: dict[str, list[dict[str, Any]]],
    speed: dict[str, float],
    cli: dict[str, float] | None,
) -> None:
    per_rule: dict[str, Counter[str]] = {}
    clean_textlint = clean_naitei = 0
    for draft in drafts:
        ours, count = caught_by_naitei(draft)
        theirs = caught_by_textlint(draft, results.get(draft.id, []))
        for item, n, t in zip(draft.expected, ours, theirs, strict=True):
            counter = per_rule.setdefault(item.rule, Counter())
            counter["expected"] += 1
            counter["naitei"] += n
            counter["textlint"] += t
        if draft.clean:
            clean_textlint += len(results.get(draft.id, []))
            clean_naitei += count
    total = Counter()
    for counter in per_rule.values():
        total.update(counter)
    print(f"{len(drafts)} drafts; {machine()}")
    print("\n| | naitei | textlint |\n| --- | ---: | ---: |")
    print(
        f"| annotated mistakes caught (of {total['expected']}) | {total['naitei']} | {total['textlint']} |"
    )
    print(
        f"| messages on the {sum(d.clean for d in drafts)} clean drafts | {clean_naitei} | {clean_textlint} |"
    )
    print(
        f"| characters per second, in one process | {speed['naitei']:,.0f} | {speed['textlint_batch']:,.0f} |"
    )
    ratio = speed["naitei"] / speed["textlint_batch"]
    print(f"| throughput ratio (one process) | {ratio:.0f}× | 1× |")
    cli_cell = (
        f"{cli['ms']:.0f} ms ({cli['chars_per_s']:,.0f} chars/s)" if cli else "(not registered)"
    )
    print(
        f"| one command per file, median | {cli_cell} | {speed['textlint_file_ms']:.0f} ms ({speed['textlint_file']:,.0f} chars/s) |"
    )
    print("\n| rule | annotated | naitei | textlint |\n| --- | ---: | ---: | ---: |")
    for rule, counter in sorted(per_rule.items()):
        print(f"| `{rule}` | {counter['expected']} | {counter['naitei']} | {counter['textlint']} |")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
