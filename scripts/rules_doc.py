"""Write the module column of docs/rules.md's rule table from the checker's registry.

Run: python scripts/rules_doc.py          (rewrites the table in place)
     python scripts/rules_doc.py --check  (exit 1 when the table is out of date)

The table's rows are written by hand (id, severity, where the rule applies); the last column,
the module whose code produces the rule, comes from naitei.check.rules.MODULES so that it
cannot go stale. A rule no module produces says so.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from naitei.check.rules import MODULES

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"
HEADER = "| id | severity | applies to |"
ROW = re.compile(r"^\| `([a-z-]+)` \| (error|warning|info) \| ([^|]+) \|")


def modules() -> dict[str, str]:
    """Rule id → the file of the module that produces it."""
    found = {}
    for module in MODULES:
        name = module.__name__.rsplit(".", 1)[1]
        for rule in module.RULES:
            found[rule] = f"`check/rules/{name}.py`"
    return found


def with_modules(text: str) -> str:
    """docs/rules.md with the rule table's module column written from the registry."""
    where = modules()
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(HEADER))
    lines[start] = f"{HEADER} module |"
    lines[start + 1] = "| --- | --- | --- | --- |"
    index = start + 2
    while index < len(lines) and (match := ROW.match(lines[index])):
        rule, severity, applies = match[1], match[2], match[3].strip()
        lines[index] = f"| `{rule}` | {severity} | {applies} | {where.get(rule, '(none)')} |"
        index += 1
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = DOCS.read_text(encoding="utf-8")
    written = with_modules(text)
    if "--check" in argv:
        if written != text:
            print("docs/rules.md: the module column is out of date; run scripts/rules_doc.py")
            return 1
        return 0
    DOCS.write_text(written, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
