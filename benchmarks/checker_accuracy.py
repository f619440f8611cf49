"""Accuracy of `naitei check` on the annotated corpus (tests/fixtures/drafts/).

Run: .venv/bin/python benchmarks/checker_accuracy.py [-v] [--later] [--only PREFIX]

Prints recall and precision over error- and warning-severity findings — for the drafts
written while the rules were tuned, for those written after the rules (`written =
"after-rules"`), and for all — the findings on clean drafts, and per rule the expected items,
the misses, the findings and the false positives (with -v, every miss and every false
positive). --later scores only the drafts written after the rules (after-rules and blind:
the 40 `blind-*` drafts were written by a helper who had not read the corpus). The same figures are
asserted by tests/unit/check/test_corpus.py. --only PREFIX scores the drafts whose id starts
with PREFIX (--only blind14- : the 20 drafts of misses14).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from corpus_eval import load_drafts, score


def main(argv: list[str]) -> int:
    drafts = load_drafts()
    if "--later" in argv:
        drafts = [draft for draft in drafts if draft.written in ("after-rules", "blind")]
    if "--only" in argv:
        prefix = argv[argv.index("--only") + 1]
        drafts = [draft for draft in drafts if draft.id.startswith(prefix)]
    for written in ("with-rules", "after-rules", "blind"):
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
    print("\nper rule: expected, missed, recall | findings, false, precision")
    for rule in sorted(set(result.expected_rules) | set(result.found_rules)):
        expected, missed = result.expected_rules[rule], result.missed_rules[rule]
        found, false = result.found_rules[rule], result.false_rules[rule]
        recall = (expected - missed) / expected if expected else 1.0
        precision = (found - false) / found if found else 1.0
        print(
            f"  {rule:26} {expected:3} {missed:3} {recall:6.3f} | {found:3} {false:3} {precision:6.3f}"
        )
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
