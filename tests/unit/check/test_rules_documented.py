"""docs/rules.md documents every checker rule (like datasette's test_docs.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from naitei.check import rule_infos
from naitei.check.rules import implemented_rules
from tests.support.check_samples import CONTRACT

DOCS = Path(__file__).resolve().parents[3] / "docs" / "rules.md"
ALL_RULES = sorted(set(CONTRACT) | set(rule_infos()) | implemented_rules())


def sections() -> dict[str, str]:
    """Rule id → the text of its ### section."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^### ", text, flags=re.M)[1:]
    result = {}
    for part in parts:
        match = re.match(r"`([a-z-]+)`", part)
        if match:
            result[match.group(1)] = part
    return result


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rule_has_a_section_with_severity_and_examples(rule: str) -> None:
    section = sections().get(rule)
    assert section is not None, f"docs/rules.md has no ### `{rule}` section"
    severity = rule_infos()[rule].severity
    assert f"({severity}" in section.splitlines()[0], f"{rule}: severity {severity} not stated"
    assert "Bad" in section and "Good" in section, f"{rule}: needs a bad and a good example"


@pytest.mark.parametrize("rule", ALL_RULES)
def test_rule_is_in_the_summary_table(rule: str) -> None:
    severity = rule_infos()[rule].severity
    assert f"| `{rule}` | {severity} |" in DOCS.read_text(encoding="utf-8")


def test_the_module_column_is_the_registrys() -> None:
    """docs/rules.md names the module of each rule as naitei.check.rules.MODULES does."""
    script = DOCS.parents[1] / "scripts" / "rules_doc.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_section_for_a_rule_that_does_not_exist() -> None:
    assert set(sections()) <= set(ALL_RULES)


def examples(rule: str, label: str) -> list[str]:
    for line in sections()[rule].splitlines():
        if line.startswith(f"- {label}: "):
            return [part.strip() for part in line.split(": ", 1)[1].split("／")]
    return []


# Document-level rules have fragments as examples; these need a case or are placeholders.
UNCHECKED = {"company-name-mismatch", "long-sentence"}
# Rules that need several lines (an addressee block, a date line, a 記 block): their
# examples are fragments, and cases/families.toml checks them on whole texts.
UNCHECKED |= {"ki-without-ijo", "season-mismatch", "other-organisation"}
# A list below its announcement, a signature below the prose: cases/blind.toml checks them.
UNCHECKED |= {"count-mismatch", "name-mismatch"}
# A signature block below the prose (<br> in the docs): test_check_structure checks it.
UNCHECKED |= {"signature-without-contact"}
# Needs a case (the contact's name): tests/unit/check/cases/reader2.toml checks it.
UNCHECKED |= {"addressee-name-mismatch", "decline-date-mismatch"}


@pytest.mark.parametrize(
    "rule",
    [r for r in ALL_RULES if not r.startswith("missing-") and r not in UNCHECKED],
)
def test_documented_examples_behave_as_documented(rule: str) -> None:
    from naitei.check import check_text

    info = rule_infos()[rule]
    kind = sorted(info.kinds)[0]
    # The default purpose, or the one a rule is limited to (messenger-*: purpose messenger).
    purpose = "withdraw" if "withdraw" in info.purposes else sorted(info.purposes)[0]
    for bad in examples(rule, "Bad"):
        found = {f.rule for f in check_text(bad, kind, purpose).findings}  # type: ignore[arg-type]
        assert rule in found, f"{rule}: bad example not flagged: {bad}"
    for good in examples(rule, "Good"):
        found = {f.rule for f in check_text(good, kind, purpose).findings}  # type: ignore[arg-type]
        assert rule not in found, f"{rule}: good example flagged: {good}"
