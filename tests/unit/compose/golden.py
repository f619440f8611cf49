"""The golden documents: every document of every golden case, as files (the spec, read by people).

Regenerate after a deliberate change of wording with:

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/unit/compose/test_golden.py

and read the diff before committing it.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

from naitei.calendar import JST
from naitei.case import Case, DeclineCase, load_case
from naitei.compose import draft
from naitei.services import document_text

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
CASES = FIXTURES / "golden_cases"
GOLDEN = FIXTURES / "golden"
DEFAULT_NOW = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
NOW = {
    "g7-letter-study-paperwork": dt.datetime(2026, 12, 18, 8, 0, tzinfo=JST),
    "g8-visit-undisclosed": dt.datetime(2027, 3, 2, 12, 10, tzinfo=JST),
}
# Cases of the independent review of issue 12 (tests/fixtures/review_cases), at their own moment.
NOW |= {
    name: moment
    for name, moment in tomllib.loads((FIXTURES / "review_cases" / "now.toml").read_text("utf-8"))[
        "now"
    ].items()
    if (CASES / f"{name}.toml").exists()
}

# The strict reader of words21 (tests/fixtures/golden_cases/x*): at the moment it read them.
NOW |= {
    name: dt.datetime(2026, 12, 3, 19, 0, tzinfo=JST)
    for name in ("x01-bank", "x04-iryohojin", "x07-gakkouhojin", "x10-zaidan", "x13-silent")
}

# The independent reader of round 2 (tests/fixtures/golden_cases/w*): at the moment it read them.
NOW |= {
    name: dt.datetime(2026, 12, 2, 20, 0, tzinfo=JST)
    for name in (
        "w01-bank-casual-reason",
        "w02-shinkin-result-reason",
        "w03-hospital-school",
        "w04-city-go-elsewhere",
        "w05-pref-own-regret",
        "w07-university-school",
        "w12-first-choice-lost",
    )
}


def case_names() -> list[str]:
    return sorted(path.stem for path in CASES.glob("*.toml"))


def load(name: str) -> tuple[Case, dt.datetime]:
    return load_case(CASES / f"{name}.toml"), NOW.get(name, DEFAULT_NOW)


def documents(name: str) -> dict[str, str]:
    """File name -> text for every document of a golden case."""
    case, now = load(name)
    if isinstance(case, DeclineCase):
        out = {}
        for index in range(1, len(case.companies) + 1):
            email = draft("decline-email", case, now, company=index)
            out[f"{index}-decline-email.txt"] = document_text(email)
            out[f"{index}-decline-phone.md"] = draft("decline-phone", case, now, company=index).text
        return out
    return {
        "phone.md": draft("phone", case, now).text,
        "visit.md": draft("visit", case, now).text,
        "email.txt": document_text(draft("email", case, now)),
        "email-unreached.txt": document_text(draft("email", case, now, after_call=False)),
        "letter.txt": draft("letter", case, now).text,
    }


def compare_with_golden(folder: Path, generated: dict[str, str]) -> None:
    """Assert that `generated` (file name -> text) equals the files of `folder`; with
    UPDATE_GOLDEN=1, write them there first (stale files removed)."""
    if os.environ.get("UPDATE_GOLDEN") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            stale.unlink()
        for file_name, text in generated.items():
            (folder / file_name).write_text(text, encoding="utf-8")
    expected = {path.name: path.read_text(encoding="utf-8") for path in folder.iterdir()}
    assert sorted(expected) == sorted(generated)
    for file_name, text in generated.items():
        assert text == expected[file_name], (
            f"{folder.name}/{file_name} differs from its golden file"
        )
