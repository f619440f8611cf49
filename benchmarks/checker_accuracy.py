"""Accuracy of `naitei check` on the annotated corpus (tests/fixtures/drafts/).

Run: .venv/bin/python benchmarks/checker_accuracy.py [-v]

Prints recall and precision over error- and warning-severity findings — for the drafts
written while the rules were tuned, for those written after the rules (`written =
"after-rules"`), and for all — the findings on clean drafts, and per rule the expected items and the misses (with -v, every miss and
every false positive). The same figures are asserted by tests/unit/check/test_corpus.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from corpus_eval import load_drafts, score


def main(argv: list[str]) -> int:
    drafts = load_drafts()
    for written in ("with-rules", "after-rules"):
        group = [draft for draft in drafts if draft.written == written]
        part = score(group)
        print(
            f"{written}: {len(group)} drafts ({sum(d.clean for d in group)} clean), "
            f"{part.expected} expected, recall {part.recall:.3f}, precision {part.precision:.3f}"
        )
    result = score(drafts)
    clean = sum(draft.clean for draft in drafts)
    print(f"drafts: {len(drafts)} ({clean} clean)")
    print(f"expected items: {result.expected}, matched: {result.matched}")
    print(f"findings (error+warning): {result.findings}, true positives: {result.true_positives}")
    print(f"recall:    {result.recall:.3f}")
    print(f"precision: {result.precision:.3f}")
    print(f"error/warning findings on clean drafts: {len(result.clean_findings)}")
    print("\nper rule: expected / missed")
    for rule, count in sorted(result.expected_rules.items()):
        print(f"  {rule:26} {count:3} {result.missed_rules[rule]:3}")
    if "-v" in argv:
        for draft_id, item, shown in result.misses:
            print(f"MISS {draft_id}: {item.rule} {shown!r}")
        for draft_id, finding in result.false_positives:
            print(
                f"FP   {draft_id}: {finding.rule} {finding.line}:{finding.column} {finding.message[:60]}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
