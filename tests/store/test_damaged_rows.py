"""A store holding a bad row (issue 14): one damaged case never hides the others, and `delete`
always works — on SQLite and PostgreSQL, through the services, the command line and the web.

A row becomes bad the way the issue found it (an import made before imports were validated:
a due time in the year 9999, `plan: {}`, an event at 0001-01-01 …) or by hand-written SQL. The
tests write it straight into the table, around every validation."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from naitei.services import cases as services
from naitei.store.engine import Store
from tests.support.cases import NOW, make_case
from tests.support.cli import cli_env, naitei

LATE = dt.datetime(9999, 12, 31, 23, 0)  # stored as UTC: no Japan time exists for it
EARLY = dt.datetime(1, 1, 1, 0, 0)

Damage = Callable[[Store, str], None]


def sql(statement: str, **values: Any) -> Damage:
    def damage(store: Store, case_id: str) -> None:
        with store.session(write=True) as session:
            session.execute(text(statement), {"id": case_id, **values})

    return damage


DAMAGES: list[tuple[str, Damage]] = [
    ("next_due in 9999", sql("UPDATE cases SET due_at = :v WHERE id = :id", v=LATE)),
    ("added in 9999", sql("UPDATE cases SET created_at = :v, updated_at = :v WHERE id = :id", v=LATE)),
    ("plan: {}", sql("UPDATE cases SET plan = :v WHERE id = :id", v="{}")),
    (
        "plan step without a title",
        sql("UPDATE cases SET plan = :v WHERE id = :id", v=json.dumps(
            {"now": "2026-11-25T21:00:00+09:00", "steps": [{"id": "call", "window": 1}]})),
    ),
    ("plan not an object", sql("UPDATE cases SET plan = :v WHERE id = :id", v="[1, 2]")),
    ("case file not valid", sql("UPDATE cases SET data = :v WHERE id = :id", v='{"version": 1}')),
    ("event in 9999", sql("UPDATE events SET at = :v WHERE case_id = :id", v=LATE)),
    ("event in the year 1", sql("UPDATE events SET at = :v WHERE case_id = :id", v=EARLY)),
    ("due step unknown", sql("UPDATE cases SET due_step = 'x', due_title = :v WHERE id = :id",
                             v="\x1b]0;t\x07")),
]  # fmt: skip
IDS = [d[0] for d in DAMAGES]


def damaged_store(store: Store, damage: Damage) -> tuple[str, list[str]]:
    """Three cases with an event each; the middle one damaged. (bad id, good ids)"""
    ids = []
    for _ in range(3):
        case_id = services.add_case(store, make_case(), NOW)[0].id
        services.log_event(store, case_id, "note", note="メモ", at=NOW, now=NOW)
        ids.append(case_id)
    damage(store, ids[1])
    return ids[1], [ids[0], ids[2]]


@pytest.mark.parametrize(("label", "damage"), DAMAGES, ids=IDS)
def test_every_reader_survives_a_bad_row(store: Store, label: str, damage: Damage) -> None:
    bad, good = damaged_store(store, damage)
    listed = services.list_cases(store)
    assert {case.id for case in listed} == {bad, *good}
    assert [case.problem for case in listed if case.id in good] == [None, None]
    assert {case.id for case in services.due_cases(store)} >= set(good)
    assert services.due_calendar(store, NOW).count(b"BEGIN:VEVENT") >= 2
    exported = services.export_all(store, NOW)
    assert {case["id"] for case in exported["cases"]} == {bad, *good}
    detail = services.get_case(store, bad)
    assert detail.summary.id == bad
    services.show_case(store, good[0], NOW)
    services.log_event(store, good[0], "note", note="あと", at=NOW, now=NOW)
    result = services.delete_case(store, bad)
    assert result.case_id == bad
    assert {case.id for case in services.list_cases(store)} == set(good)


@pytest.mark.parametrize(("label", "damage"), DAMAGES, ids=IDS)
def test_a_bad_row_says_what_is_wrong(store: Store, label: str, damage: Damage) -> None:
    bad, _good = damaged_store(store, damage)
    detail = services.get_case(store, bad)
    listed = {case.id: case for case in services.list_cases(store)}
    problem = detail.problem or listed[bad].problem
    assert problem and f"naitei case delete {bad}" in problem


@pytest.mark.parametrize(("label", "damage"), DAMAGES, ids=IDS)
def test_the_command_line_lists_shows_and_deletes_around_a_bad_row(
    cli_database_url: str, label: str, damage: Damage
) -> None:
    store = services.open_store(cli_database_url)
    try:
        bad, good = damaged_store(store, damage)
    finally:
        store.dispose()
    env = cli_env(cli_database_url)
    for args in (["case", "list"], ["case", "list", "--format", "json"], ["case", "due"],
                 ["case", "export"], ["case", "show", good[0]], ["case", "show", bad]):  # fmt: skip
        result = naitei(*args, "--now", NOW.isoformat(), env=env)
        assert result.returncode == 0, (args, result.stderr)
        assert "内部でエラー" not in result.stderr
    shown = naitei("case", "show", bad, "--now", NOW.isoformat(), env=env)
    assert f"naitei case delete {bad}" in shown.stdout
    deleted = naitei("case", "delete", bad, "--yes", env=env)
    assert deleted.returncode == 0, deleted.stderr
    listed = json.loads(naitei("case", "list", "--format", "json", env=env).stdout)
    assert sorted(case["id"] for case in listed) == sorted(good)


@pytest.mark.parametrize(("label", "damage"), DAMAGES, ids=IDS)
def test_the_web_app_lists_shows_and_deletes_around_a_bad_row(
    tmp_path: Path, label: str, damage: Damage
) -> None:
    from tests.support.web import make_client

    with make_client(tmp_path) as client:
        store = client.app.state.store.get()
        bad, good = damaged_store(store, damage)
        for path in ("/cases", "/api/cases", f"/cases/{bad}", f"/api/cases/{bad}",
                     f"/cases/{good[0]}", f"/cases/{bad}/delete", "/"):  # fmt: skip
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        page = client.get(f"/cases/{bad}").text
        assert "記録の一部が読めません" in page
        assert client.post(f"/cases/{bad}/export").status_code == 200
        assert client.post("/cases/export").status_code == 200
        assert client.post(f"/cases/{bad}/delete").status_code == 303
        assert sorted(case["id"] for case in client.get("/api/cases").json()) == sorted(good)
