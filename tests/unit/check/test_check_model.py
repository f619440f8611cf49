"""The checker's values: Finding, Fix and Report build their JSON objects directly (for
speed on a long draft); those objects must stay exactly the generic shape of their fields
(naitei.shape.dump), which the OpenAPI schema also describes."""

from __future__ import annotations

import dataclasses
import gc
import json

import pytest

from naitei.check import check_text, engine
from naitei.check.model import Finding, Fix
from naitei.shape import dump

DRAFT = (
    "株式会社みなと精機\n人事部 佐藤様\n\nお世話になっております。\n"
    "御社の説明会で、佐藤様がおっしゃられたお話、了解しました。ちょっと見れる資料！\n"
)


def test_report_json_is_the_generic_shape_of_its_fields() -> None:
    for kind in ("email", "phone"):
        report = check_text(DRAFT, kind, "auto")
        assert any(f.fix is not None for f in report.findings)
        assert any(f.fix is None for f in report.findings)
        fast = report.to_dict()
        assert json.dumps(fast, ensure_ascii=False) == json.dumps(
            dump(report),
            ensure_ascii=False,  # dump: the generic walk, never to_dict
        )
        assert list(fast) == ["kind", "findings", "counts", "purpose", "purpose_inferred"]
        assert fast["purpose_inferred"] is True


def test_fix_and_finding_match_dump() -> None:
    fix = Fix(3, 5, "貴社")
    assert fix.range == (3, 5)
    assert fix.to_dict() == {"range": [3, 5], "start": 3, "end": 5, "text": "貴社"}
    finding = Finding("ryokai", "error", 3, 5, 1, 4, "m", "貴社", fix)
    assert finding.to_dict() == {**dump(finding), "fix": fix.to_dict()}
    assert Finding("ryokai", "error", 3, 5, 1, 4, "m", None).to_dict()["fix"] is None


def test_values_stay_frozen_hashable_and_replaceable() -> None:
    fix = Fix(start=3, end=5, text="貴社")
    finding = Finding(
        rule="ryokai",
        severity="error",
        start=3,
        end=5,
        line=1,
        column=4,
        message="m",
        suggestion="貴社",
        fix=fix,
    )
    assert finding == Finding("ryokai", "error", 3, 5, 1, 4, "m", "貴社", Fix(3, 5, "貴社"))
    assert len({fix, Fix(3, 5, "貴社")}) == 1
    moved = dataclasses.replace(fix, start=4)
    assert moved.range == (4, 5)
    assert dataclasses.replace(finding, message="n").message == "n"
    try:
        finding.rule = "x"  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:
        raise AssertionError("Finding must stay frozen")


def test_a_check_pauses_the_collector_and_leaves_it_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    real = engine._checks

    def observed(active: frozenset[str]) -> tuple[object, ...]:
        def look(doc: object, rules: frozenset[str]) -> list[Finding]:
            seen.append(gc.isenabled())  # the collector's state while the rules run
            return []

        return (look, *real(active))

    long = "御社の資料を拝見しました。\n" * 2_000
    monkeypatch.setattr(engine, "_checks", observed)
    assert gc.isenabled()
    report = check_text(long, "email")
    assert "onsha-in-writing" in {f.rule for f in report.findings}  # the real rules ran too
    check_text("御社の資料を拝見しました。", "email")
    assert seen == [False, False] and gc.isenabled()  # paused for a short text too, then resumed
    gc.disable()
    try:
        check_text(long, "email")
        assert not gc.isenabled()  # a collector paused by someone else stays paused
    finally:
        gc.enable()
