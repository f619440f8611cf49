"""In-process time to build the whole withdrawal kit (assessment, plan, five documents) and to
write its files (including letter.pdf and the .eml messages).

    .venv/bin/python benchmarks/kit.py [--json]
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, median_ms, publish, result_text, time_call

from naitei.calendar import JST
from naitei.case import WithdrawalCase, load_case
from naitei.compose.kit import withdrawal_kit
from naitei.export.kit import kit_files

# The target this figure is held to, in the README's table (performance.py).
GOAL = "the kit in milliseconds (DESIGN)"

NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)


EXAMPLES = ("new-grad", "mid-career-agent", "school-recommendation")


def measure() -> dict[str, dict[str, float]]:
    """Per example, medians in milliseconds: the kit as values, its files, with the 縦書き PDF."""
    figures = {}
    for name in EXAMPLES:
        case = load_case(ROOT / "examples" / f"{name}.toml")
        assert isinstance(case, WithdrawalCase)
        texts = median_ms(time_call(lambda c=case: withdrawal_kit(c, NOW), 300))
        kit = withdrawal_kit(case, NOW)
        files = median_ms(time_call(lambda c=case, k=kit: kit_files(k, c, NOW), 20))
        vertical = median_ms(
            time_call(lambda c=case, k=kit: kit_files(k, c, NOW, vertical=True), 20)
        )
        figures[name] = {"texts_ms": texts, "files_ms": files, "vertical_ms": vertical}
    return figures


def report(figures: Any) -> str:
    rows = [
        f"| {name} | {f['texts_ms']:.1f} ms | {f['files_ms']:.0f} ms | {f['vertical_ms']:.0f} ms |"
        for name, f in figures.items()
    ]
    table = "\n".join(
        [
            "| example | kit as values (assess, plan, 5 documents) | all 12 files (横書き PDF) | all files (縦書き PDF) |",
            "| --- | ---: | ---: | ---: |",
            *rows,
        ]
    )
    command = "Command: `.venv/bin/python benchmarks/kit.py` (medians of 300 and 20 runs)"
    return result_text(command, table)


if __name__ == "__main__":
    publish("kit", measure(), report, as_json="--json" in sys.argv[1:])
