"""The case list at 20,000 cases (issue 14: `GET /cases` took 12 s).

    .venv/bin/python benchmarks/scale.py [--cases 20000] [--runs 5] [--json]

Fills a temporary SQLite database with CASES cases (one added through naitei.services.cases,
the others copies of its row with their own ids and times: the same size on disk), starts
`naitei serve` on it, and times (median of RUNS, after one warm-up) the first and the last
page of `/cases`, the first and the last page of `GET /api/cases`, and `naitei case due`.
Writes benchmarks/results/scale.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, machine, median_ms, publish, time_call
from load import NAITEI, get, start_naitei

PAGE = 50  # naitei.web.routes.cases.PAGE_SIZE
API_PAGE = 100  # naitei.web.routes.api_cases.DEFAULT_LIMIT


def fill(database: Path, count: int) -> None:
    from sqlalchemy import insert, select

    from naitei.calendar import JST
    from naitei.case import load_case
    from naitei.services import cases as services
    from naitei.store.models import CaseRow, new_id

    store = services.open_store(f"sqlite:///{database}")
    try:
        now = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
        first = services.add_case(store, load_case(ROOT / "examples" / "new-grad.toml"), now)[0]
        with store.session(write=True) as session:
            row = session.scalars(select(CaseRow).where(CaseRow.id == first.id)).one()
            template = {c.name: getattr(row, c.name) for c in CaseRow.__table__.columns}
            rows = []
            for index in range(1, count):
                moment = now + dt.timedelta(minutes=index)
                rows.append(template | {"id": new_id(), "created_at": moment, "updated_at": moment})
            for start in range(0, len(rows), 2000):
                session.execute(insert(CaseRow), rows[start : start + 2000])
    finally:
        store.dispose()


def timed(action: Any, runs: int) -> float:
    """The median milliseconds of `runs` calls of `action` (after one warm-up call)."""
    return median_ms(time_call(action, runs))


def measure(count: int, runs: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix="naitei-scale-"))
    try:
        database = folder / "naitei.db"
        fill(database, count)
        last_page = (count + PAGE - 1) // PAGE
        with start_naitei(database) as server:
            port = server.port
            figures = {
                "/cases": timed(lambda: get(port, "/cases"), runs),
                f"/cases?page={last_page}": timed(
                    lambda: get(port, f"/cases?page={last_page}"), runs
                ),
                "/api/cases": timed(lambda: get(port, "/api/cases"), runs),
                f"/api/cases?offset={count - API_PAGE}": timed(
                    lambda: get(port, f"/api/cases?offset={count - API_PAGE}"), runs
                ),
            }
        env = {"NAITEI_DATABASE_URL": f"sqlite:///{database}", "PATH": "/usr/bin:/bin"}
        due = [str(NAITEI), "case", "due", "--now", "2026-11-25T21:00:00+09:00", "--format", "json"]
        figures["naitei case due --format json"] = timed(
            lambda: subprocess.run(due, env=env, capture_output=True, check=True), runs
        )
        size = database.stat().st_size / 1_000_000
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return {"machine": machine(), "cases": count, "runs": runs, "ms": figures, "size_mb": size}


def report(figures: dict[str, Any]) -> str:
    rows = "\n".join(f"| `{what}` | {ms:,.0f} ms |" for what, ms in figures["ms"].items())
    return f"""# The case list at {figures["cases"]:,} cases

Command: `.venv/bin/python benchmarks/scale.py` (median of {figures["runs"]} runs after one
warm-up; `naitei serve` on SQLite, {figures["size_mb"]:.0f} MB of database)
Machine: {figures["machine"]}

| request | time |
| --- | ---: |
{rows}

Before issue 14, `GET /cases` read and rendered every case: 12 s at 20,000 cases. The list
is now read a page at a time (50 on the page, 100 by default in the API) along the index
`ix_cases_list`, without the case files and plans, with `count(*)` for the total.
`naitei case due` still prints everything that is due — here all {figures["cases"]:,} cases —
which is what a terminal command is for; its time is mostly the output.
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    publish("scale", measure(options.cases, options.runs), report, as_json=options.json)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
