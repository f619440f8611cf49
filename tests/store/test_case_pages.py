"""The case list in pages (issue 14): `GET /cases` took 12 s at 20,000 cases. The store reads a
page at a time with the total, sorted on an index; the web and the API show the total and
link the pages. (The figure at 20,000 cases is in benchmarks/scale.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import inspect

from naitei.services import cases as services
from naitei.store.engine import Store
from tests.support.cases import NOW, make_case


def add(store: Store, count: int) -> list[str]:
    return [services.add_case(store, make_case(), NOW)[0].id for _ in range(count)]


def test_pages_cover_the_list_once_in_order(store: Store) -> None:
    add(store, 7)
    everything = [case.id for case in services.list_cases(store)]
    pages = [services.case_page(store, offset=offset, limit=3) for offset in (0, 3, 6)]
    assert [page.total for page in pages] == [7, 7, 7]
    assert [case.id for page in pages for case in page.cases] == everything
    assert [len(page.cases) for page in pages] == [3, 3, 1]
    assert services.case_page(store, offset=9, limit=3).cases == []


def test_the_list_and_the_due_list_are_indexed(store: Store) -> None:
    with store.engine.connect() as connection:
        indexes = {
            tuple(index["column_names"]) for index in inspect(connection).get_indexes("cases")
        }
        events = {
            tuple(index["column_names"]) for index in inspect(connection).get_indexes("events")
        }
    assert ("created_at", "due_at", "company", "id") in indexes  # the list's order
    assert ("due_at", "created_at", "id") in indexes  # what is due, soonest first
    assert ("purpose", "company") in indexes  # the decline cases of a file's companies
    assert ("case_id", "at", "seq") in events  # a case's timeline, in logged order


def test_the_sqlite_list_query_uses_the_index(tmp_path: Path) -> None:
    store = services.open_store(f"sqlite:///{tmp_path / 'naitei.db'}")
    try:
        with store.engine.connect() as connection:
            from naitei.store.repository import list_query

            compiled = list_query(0, 50).compile(connection, compile_kwargs={"literal_binds": True})
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").fetchall()
        text = " ".join(str(row) for row in plan)
        assert "ix_cases_list" in text and "TEMP B-TREE" not in text, text
    finally:
        store.dispose()


@pytest.fixture
def many(tmp_path: Path) -> object:
    from tests.support.web import make_client

    with make_client(tmp_path) as client:
        add(client.app.state.store.get(), 120)
        yield client


def test_the_web_list_shows_one_page_and_the_total(many: object) -> None:
    client = many
    first = client.get("/cases")  # type: ignore[attr-defined]
    assert first.status_code == 200
    assert "全 120 件" in first.text and "1〜50 件目" in first.text
    assert first.text.count('class="case-item"') == 50
    assert 'href="/cases?page=2"' in first.text
    last = client.get("/cases?page=3")  # type: ignore[attr-defined]
    assert last.text.count('class="case-item"') == 20 and "101〜120 件目" in last.text
    assert 'href="/cases?page=2"' in last.text and "page=4" not in last.text
    for page in ("0", "-1", "x", "99999999999999999999"):
        assert client.get(f"/cases?page={page}").status_code in (200, 422)  # type: ignore[attr-defined]


def test_the_api_pages_with_the_total_and_links(many: object) -> None:
    client = many
    first = client.get("/api/cases")  # type: ignore[attr-defined]
    assert first.status_code == 200
    assert len(first.json()) == 100
    assert first.headers["x-total-count"] == "120"
    assert re.search(r'</api/cases\?offset=100&limit=100>; rel="next"', first.headers["link"])
    rest = client.get("/api/cases?offset=100&limit=100")  # type: ignore[attr-defined]
    assert len(rest.json()) == 20 and 'rel="next"' not in rest.headers.get("link", "")
    ids = [case["id"] for case in first.json() + rest.json()]
    assert len(set(ids)) == 120
    assert client.get("/api/cases?limit=501").status_code == 422  # type: ignore[attr-defined]
