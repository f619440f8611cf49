"""What reviewing the user's own words costs: reading a case file with and without free-text
answers (the first one in a process loads SudachiPy), and one answer analysed and restyled.

    .venv/bin/python benchmarks/words.py [--json]
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, median_ms, publish, result_text, time_call, time_command

RUNS = 10
NEW_GRAD = ROOT / "examples" / "new-grad.toml"
FIRST_LOAD = (
    "import sys, time; from pathlib import Path; from naitei.case import load_case; "
    "t = time.perf_counter(); load_case(Path(sys.argv[1])); "
    "print(time.perf_counter() - t)"
)
ANSWERS = [
    "在庫管理を研究しました。",
    "入社予定の企業が採用を取りやめ、内定が取り消しになった",
    "父の介護が必要になり、転居を伴う就職が難しくなったため",
]


def without_free_text(folder: Path) -> Path:
    text = NEW_GRAD.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(reason_detail|why_detail) = .*$", r'\1 = ""', text)
    text = re.sub(r"(?m)^strengths = .*$", "strengths = []", text)
    path = folder / "plain.toml"
    path.write_text(text, encoding="utf-8")
    return path


def first_load_ms(path: Path, runs: int) -> float:
    """Median time of the first load_case in a fresh process (SudachiPy loaded if needed)."""
    import subprocess

    times = []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", FIRST_LOAD, str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        times.append(float(done.stdout))
    return median_ms(times)


def measure(runs: int = RUNS) -> dict[str, float]:
    from naitei.compose.restyle import as_cause, as_noun, as_sentences
    from naitei.compose.words import analyse

    with tempfile.TemporaryDirectory() as folder:
        plain = without_free_text(Path(folder))
        assess = [sys.executable, "-m", "naitei", "assess"]
        now = ["--now", "2026-11-25T21:00:00+09:00", "--format", "json"]
        figures = {
            "load_plain_ms": first_load_ms(plain, runs),
            "load_words_ms": first_load_ms(NEW_GRAD, runs),
            "assess_plain_ms": median_ms(time_command([*assess, str(plain), *now], runs)),
            "assess_words_ms": median_ms(time_command([*assess, str(NEW_GRAD), *now], runs)),
        }

    def one_answer() -> None:
        for text in ANSWERS:
            analyse.cache_clear()
            answer = analyse(text)
            as_noun(answer), as_cause(answer), as_sentences(answer)

    figures["answer_us"] = median_ms(time_call(one_answer, 300)) * 1000 / len(ANSWERS)
    return figures


def report(figures: Any) -> str:
    rows = [
        ("first `load_case`, no free text (structure only)", f"{figures['load_plain_ms']:.0f} ms"),
        (
            "first `load_case`, examples/new-grad.toml (answers reviewed)",
            f"{figures['load_words_ms']:.0f} ms",
        ),
        ("`naitei assess`, no free text", f"{figures['assess_plain_ms']:.0f} ms"),
        ("`naitei assess examples/new-grad.toml`", f"{figures['assess_words_ms']:.0f} ms"),
        ("one answer analysed and put in all three slots (warm)", f"{figures['answer_us']:.0f} µs"),
    ]
    table = "\n".join(
        ["| measure | median |", "| --- | ---: |", *(f"| {a} | {b} |" for a, b in rows)]
    )
    command = f"Command: `.venv/bin/python benchmarks/words.py` ({RUNS} runs each, medians)"
    return result_text(command, table)


if __name__ == "__main__":
    publish("words", measure(), report, as_json="--json" in sys.argv[1:])
