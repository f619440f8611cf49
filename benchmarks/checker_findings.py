"""Every finding of the checker on the corpus, saved and compared: the guard of speed work.

    .venv/bin/python benchmarks/checker_findings.py --save before.json.gz
    ... change the checker ...
    .venv/bin/python benchmarks/checker_findings.py --compare before.json.gz

Checks every draft of tests/fixtures/drafts/ and every generated document of
tests/fixtures/golden/ as each kind (email, letter, phone, visit) and each purpose (the seven
and auto), with and without the draft's case as context, and records each report in full
(the purpose, whether it was inferred, and every finding with its fix, as JSON). ``--compare``
exits 1 and prints the first differences when any report is not byte-identical to the saved
one. A change meant to alter findings is compared the same way and its differences read.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from _common import ROOT
from corpus_eval import context_for, load_drafts

from naitei.check import KINDS, PURPOSE_CHOICES, CheckContext, check_text

GOLDEN = ROOT / "tests" / "fixtures" / "golden"


def texts() -> Iterator[tuple[str, str, CheckContext | None]]:
    """(name, text, context) for every corpus draft (with and without its case) and golden."""
    for draft in load_drafts():
        yield draft.id, draft.text, None
        context = context_for(draft)
        if context is not None:
            yield f"{draft.id}+case", draft.text, context
    for path in sorted(GOLDEN.glob("*/*")):
        if path.suffix in (".txt", ".md"):
            yield f"golden/{path.parent.name}/{path.name}", path.read_text(encoding="utf-8"), None


def reports() -> dict[str, str]:
    """One JSON line per (text, kind, purpose): the whole report."""
    result = {}
    for name, text, context in texts():
        for kind in KINDS:
            for purpose in PURPOSE_CHOICES:
                report = check_text(text, kind, purpose, context)
                data = {
                    "purpose": report.purpose,
                    "inferred": report.purpose_inferred,
                    "findings": [finding.to_dict() for finding in report.findings],
                }
                key = f"{name} {kind} {purpose}"
                result[key] = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return result


def save(path: Path) -> int:
    data = reports()
    with gzip.open(path, "wt", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, sort_keys=True, indent=0)
    findings = sum(len(json.loads(line)["findings"]) for line in data.values())
    print(f"{len(data)} reports, {findings} findings saved to {path}")
    return 0


def compare(path: Path, shown: int = 10) -> int:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        saved: dict[str, str] = json.load(source)
    now = reports()
    differ = sorted(key for key in saved.keys() | now.keys() if saved.get(key) != now.get(key))
    findings = sum(len(json.loads(line)["findings"]) for line in now.values())
    if not differ:
        print(f"identical: {len(now)} reports, {findings} findings")
        return 0
    print(f"{len(differ)} of {len(now)} reports differ")
    for key in differ[:shown]:
        print(f"- {key}\n  saved: {saved.get(key)}\n  now:   {now.get(key)}")
    return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write every report to this file (.json.gz)")
    group.add_argument("--compare", type=Path, help="compare every report with this file")
    args = parser.parse_args(argv)
    if args.save:
        return save(args.save)
    return compare(args.compare)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
