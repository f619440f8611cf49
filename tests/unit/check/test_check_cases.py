"""Every checker rule's sentences as data: what it must catch and what it must leave alone.

The cases live in cases/*.toml, one file a family of rules (contexts.toml names the case
contexts they use). One case is one check: the findings of ``rule`` on ``text`` are exactly the
spans of ``finds`` (an empty list: the rule stays silent) and, where given, their suggestions
(``fixes``; false: none), the text once their fixes are applied (``fixed``) and their
``severity``. A case that names a rule, kind, purpose or context that does not exist is
refused, so a misspelt rule can never pass as a silent one."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from naitei.case import load_case
from naitei.check import KINDS, PURPOSES, CheckContext, check_text, rule_infos
from naitei.check.fix import apply

CASES = Path(__file__).with_name("cases")
GOLDEN_CASES = Path(__file__).resolve().parents[2] / "fixtures" / "golden_cases"


@dataclass(frozen=True)
class Case:
    id: str
    rule: str
    text: str
    finds: tuple[str, ...]
    fixes: tuple[str | None, ...] | None
    fixed: str | None
    severity: str | None
    kind: str
    purpose: str
    context: str | None


FIELDS = (set(Case.__dataclass_fields__) - {"id"}) | {"note"}  # what a case may say


def context_fields(name: str, table: dict[str, Any]) -> CheckContext:
    if "golden_case" in table:
        return CheckContext.from_case(load_case(GOLDEN_CASES / f"{table['golden_case']}.toml"))
    unknown = set(table) - set(CheckContext.__dataclass_fields__)
    assert not unknown, f"contexts.toml: {name}: unknown fields {sorted(unknown)}"
    return CheckContext(**{k: tuple(v) if isinstance(v, list) else v for k, v in table.items()})


CONTEXTS = {
    name: context_fields(name, table)
    for name, table in tomllib.loads((CASES / "contexts.toml").read_text("utf-8")).items()
}


def read_case(where: str, raw: dict[str, Any]) -> Case:
    unknown = set(raw) - FIELDS
    assert not unknown, f"{where}: unknown fields {sorted(unknown)}"
    assert raw["rule"] in rule_infos(), f"{where}: no rule {raw['rule']!r}"
    assert raw.get("kind", "email") in KINDS, f"{where}: kind {raw.get('kind')!r}"
    assert raw.get("purpose", "withdraw") in PURPOSES, f"{where}: purpose {raw.get('purpose')!r}"
    assert raw.get("context") in (None, *CONTEXTS), f"{where}: context {raw.get('context')!r}"
    assert raw.get("severity") in (None, "error", "warning", "info"), f"{where}: severity"
    finds = tuple(raw["finds"])
    fixes = raw.get("fixes")
    if fixes is not None:
        assert len(fixes) == len(finds), f"{where}: one fix a find"
        assert all(f is False or isinstance(f, str) for f in fixes), f"{where}: fixes"
    outcome = "finds" if finds else "clean"
    return Case(
        id=f"{where}-{raw['rule']}-{outcome}",
        rule=raw["rule"],
        text=raw["text"],
        finds=finds,
        fixes=None if fixes is None else tuple(None if f is False else f for f in fixes),
        fixed=raw.get("fixed"),
        severity=raw.get("severity"),
        kind=raw.get("kind", "email"),
        purpose=raw.get("purpose", "withdraw"),
        context=raw.get("context"),
    )


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CASES.glob("*.toml")):
        if path.name == "contexts.toml":
            continue
        raws = tomllib.loads(path.read_text("utf-8"))["case"]
        cases += [read_case(f"{path.stem}#{n}", raw) for n, raw in enumerate(raws, 1)]
    return cases


ALL = load_cases()


@pytest.mark.parametrize("case", ALL, ids=[case.id for case in ALL])
def test_case(case: Case) -> None:
    context = CONTEXTS[case.context] if case.context else None
    report = check_text(case.text, case.kind, case.purpose, context)  # type: ignore[arg-type]
    hits = [f for f in report.findings if f.rule == case.rule]
    assert [case.text[f.start : f.end] for f in hits] == list(case.finds)
    if case.fixes is not None:
        assert [f.suggestion for f in hits] == list(case.fixes)
    if case.fixed is not None:
        fixes = [f.fix for f in hits if f.fix is not None]
        assert len(fixes) == len(hits), "every finding carries a fix"
        assert apply(case.text, sorted(fixes, key=lambda fix: fix.start)) == case.fixed
    if case.severity is not None:
        assert {f.severity for f in hits} == {case.severity}
