"""In-process time to build the whole withdrawal kit (assessment, plan, five documents) and to
write its files (including letter.pdf and the .eml messages).

    .venv/bin/python benchmarks/kit.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, median_ms, time_call, write_result

from naitei.calendar import JST
from naitei.case import WithdrawalCase, load_case
from naitei.compose.kit import withdrawal_kit
from naitei.export.kit import kit_files

NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)


def main() -> None:
    rows = []
    for name in ("new-grad", "mid-career-agent", "school-recommendation"):
        case = load_case(ROOT / "examples" / f"{name}.toml")
        assert isinstance(case, WithdrawalCase)
        texts = median_ms(time_call(lambda c=case: withdrawal_kit(c, NOW), 300))
        kit = withdrawal_kit(case, NOW)
        files = median_ms(time_call(lambda c=case, k=kit: kit_files(k, c, NOW), 20))
        vertical = median_ms(
            time_call(lambda c=case, k=kit: kit_files(k, c, NOW, vertical=True), 20)
        )
        rows.append(f"| {name} | {texts:.1f} ms | {files:.0f} ms | {vertical:.0f} ms |")
    table = "\n".join(
        [
            "| example | kit as values (assess, plan, 5 documents) | all 12 files (横書き PDF) | all files (縦書き PDF) |",
            "| --- | ---: | ---: | ---: |",
            *rows,
        ]
    )
    text = (
        f"Command: `.venv/bin/python benchmarks/kit.py` (medians of 300 and 20 runs)\n"
        f"Machine: {machine()}\n\n{table}\n"
    )
    print(text)
    write_result("kit", text)


if __name__ == "__main__":
    main()
