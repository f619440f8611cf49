"""The use cases of the case store. Each one is one transaction (STYLE §6).

The CLI and the web app call these; they take validated values and a `now`, and return
plain values (naitei.store.views). Logs carry case and event ids, never names or reasons.
What a face holds or catches of the store (the Store handle, DamagedCaseError), and the
backup, are named here too, so that a face imports the services and never the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import URL

from naitei.assess import Assessment, assess
from naitei.calendar import JST
from naitei.case import Case, WithdrawalCase, parse_case
from naitei.compose.model import Document
from naitei.errors import CaseError, InputError, Problem
from naitei.plan import Channel, Plan, Step, calendar_for, make_plan
from naitei.shape import Shaped, meta
from naitei.store.backup import backup as backup
from naitei.store.engine import Store as Store
from naitei.store.engine import database_url, log, parse_url
from naitei.store.engine import private_data_dir as private_data_dir
from naitei.store.health import DamagedCaseError as DamagedCaseError
from naitei.store.health import (
    data_problems,
    describe,
    event_problems,
    readable_plan,
    summary_problems,
)
from naitei.store.migrate import current_revision, ensure_schema, upgrade
from naitei.store.models import CaseRow, new_id
from naitei.store.repository import CaseRepository
from naitei.store.shapes import clean_text, one_line
from naitei.store.status import add_event, company_of, refresh, set_state
from naitei.store.transfer import (
    ImportCase,
    ImportEvent,
    case_row,
    event_row,
    export_case,
    export_file,
    parse_import,
)
from naitei.store.transfer import unimportable as unimportable
from naitei.store.views import (
    CaseDetail,
    CasePage,
    Deleted,
    Imported,
    Logged,
)

# CaseSummary and EventView: also the faces' types (naitei.web.openapi documents them).
from naitei.store.views import CaseSummary as CaseSummary
from naitei.store.views import EventView as EventView
from naitei.timeline import (
    initial_state,
    outcome_problem,
    rule_book,
)
from naitei.vocabulary import EVENT_KINDS

MAX_SHORT = 200
MAX_LONG = 4000


def open_store(url: URL | str | None = None) -> Store:
    """The store at `url` (default: NAITEI_DATABASE_URL or the data folder), migrated to HEAD."""
    resolved = database_url() if url is None else _url(url)
    store = Store(resolved)
    try:
        ensure_schema(store)
    except BaseException:
        store.dispose()
        raise
    return store


def _url(url: URL | str) -> URL:
    return parse_url(url) if isinstance(url, str) else url


def upgrade_database(url: URL | str | None = None) -> tuple[str | None, str | None, str]:
    """`naitei db upgrade`: (revision before, revision after, where the database is)."""
    resolved = database_url() if url is None else _url(url)
    store = Store(resolved)
    try:
        before = current_revision(store)
        upgrade(store)
        return before, current_revision(store), store.where
    finally:
        store.dispose()


def add_case(store: Store, case: Case, now: dt.datetime) -> list[CaseSummary]:
    """Store a case file: one case, or one case per company of a decline file."""
    from naitei.services import check_clock

    check_clock(case, now)
    plan = make_plan(case, now)
    rows = [_new_row(data, steps, now) for data, steps in _split(case, plan)]
    if len(rows) > 1:
        batch = new_id()
        for row in rows:
            row.batch_id = batch
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        for row in rows:
            repo.add(row)
        added = [CaseSummary.of(row) for row in rows]
    log.info("cases added: %s", " ".join(row.id for row in added))
    return added


def _split(case: Case, plan: Plan) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(case data, plan) per stored case; a decline file gives one per company."""
    data = case.model_dump(mode="json", exclude_none=True)
    if isinstance(case, WithdrawalCase):
        return [(data, plan.to_dict())]
    parts = []
    for index, company in enumerate(case.companies):
        steps = [s.to_dict() for s in plan.steps if s.company in (None, company.name)]
        one = {**data, "companies": [data["companies"][index]]}
        parts.append((one, {"now": plan.now.isoformat(), "steps": steps}))
    return parts


def _new_row(data: dict[str, Any], plan: dict[str, Any], now: dt.datetime) -> CaseRow:
    row = CaseRow(
        id=new_id(),
        purpose=data["purpose"],
        company=company_of(parse_case(data, wording=False)).name,
        data=data,
        plan=plan,
        created_at=now,
        updated_at=now,
    )
    set_state(row, initial_state(plan))
    return row


def list_cases(store: Store) -> list[CaseSummary]:
    """Every case, in the list's order."""
    with store.session(write=False) as session:
        return [CaseSummary.of(row) for row in CaseRepository(session).page(0, None)]


def case_page(store: Store, *, offset: int, limit: int) -> CasePage:
    """One page of the list and the number of cases in all (one read transaction)."""
    with store.session(write=False) as session:
        repo = CaseRepository(session)
        cases = [CaseSummary.of(row) for row in repo.page(offset, limit)]
        return CasePage(cases, repo.count(), offset, limit)


def due_cases(store: Store) -> list[CaseSummary]:
    """Every case with something due, soonest first (a damaged due time is not a due time)."""
    with store.session(write=False) as session:
        summaries = [CaseSummary.of(row) for row in CaseRepository(session).due(summaries=True)]
    return [summary for summary in summaries if summary.next_due is not None]


def due_calendar(store: Store, now: dt.datetime) -> bytes:
    """Everything due, as an .ics calendar (one event per case, in its call window); a
    damaged case is left out (the list says what is wrong with it)."""
    from naitei.export.ics import plan_to_ics

    with store.session(write=False) as session:
        rows = CaseRepository(session).due()
        steps = [_due_step(row) for row in rows if _schedulable(row)]
    return plan_to_ics(Plan(now=now, steps=tuple(steps)), identity="naitei case due")


def _schedulable(row: CaseRow) -> bool:
    return not (summary_problems(row) or data_problems(row) or readable_plan(row)[1])


def _due_step(row: CaseRow) -> Step:
    assert row.due_at is not None and row.due_step is not None
    case = parse_case(row.data, f"case {row.id}", wording=False)
    window = calendar_for(company_of(case)).next_window(row.due_at)
    title = row.due_title or ""
    return Step(
        id=f"{row.id}-{row.due_step}",
        title=title if row.company in title else f"{row.company}: {title}",
        detail=f"naitei case show {row.id} で、これまでの経過を確かめられます。",
        channel=_due_channel(row),
        window=window,
    )


def _due_channel(row: CaseRow) -> Channel | None:
    kind = rule_book().due.get(row.due_step or "")
    if kind is not None:
        return kind.channel
    steps: list[dict[str, Any]] = row.plan.get("steps", [])
    channel = next((s.get("channel") for s in steps if s.get("id") == row.due_step), None)
    return channel if channel in ("phone", "email", "visit", "letter") else None


def get_case(store: Store, case_id: str) -> CaseDetail:
    """One case with its events; a damaged one with what can be read and what is wrong."""
    with store.session(write=False) as session:
        repo = CaseRepository(session)
        row = repo.require(case_id)
        events = list(repo.events(case_id))
        plan, plan_problems = readable_plan(row)
        problems = [
            *summary_problems(row),
            *data_problems(row),
            *plan_problems,
            *event_problems(events),
        ]
        return CaseDetail(
            CaseSummary.of(row),
            row.data,
            plan,
            [EventView.of(event) for event in events],
            problem=describe(case_id, problems),
        )


@dataclass(frozen=True)
class ShownCase(Shaped):
    """One case as `naitei case show` and GET /api/cases/ID show it: its record and events,
    its case file (None when the stored one is damaged), the assessment as of now (a
    withdrawal), and the document its timeline needs next ({kind, title, facts, also})."""

    detail: CaseDetail = field(metadata=meta(inline=True))
    case: Case | None = field(metadata=meta(hidden=True))
    assessment: Assessment | None = field(
        metadata=meta(doc="撤回のケースで、辞退が now より前のとき")
    )
    next_document: dict[str, Any] | None = field(
        metadata=meta(
            doc="記録から決まる次の文書: {kind, title, facts, also}（naitei case draft ID）"
        )
    )


def show_case(store: Store, case_id: str, now: dt.datetime) -> ShownCase:
    """One case with everything the faces show of it as of `now`."""
    from naitei.services.next_document import next_document

    detail = get_case(store, case_id)
    try:
        case = parse_case(detail.data, f"case {case_id}", wording=False)
    except CaseError:
        return ShownCase(detail, None, None, None)
    assessment = None
    if isinstance(case, WithdrawalCase) and case.decline.declined_at <= now:
        assessment = assess(case, now)
    return ShownCase(detail, case, assessment, next_document(detail, now))


def usable_case(shown: ShownCase) -> Case:
    """A shown case's case file; DamagedCaseError, saying what is wrong and how to delete the
    case, when the stored one cannot be read."""
    if shown.case is None:
        fallback = f"{shown.detail.summary.id}: 保存されたケースが読めません"
        raise DamagedCaseError(shown.detail.problem or fallback)
    return shown.case


def stored_document(
    store: Store, case_id: str, now: dt.datetime, kind: str | None = None
) -> tuple[CaseDetail, Document]:
    """The next document of a stored case (or the document `kind`), with the facts its
    timeline knows (`naitei case draft`, the case's document page)."""
    from naitei.services.next_document import case_document

    shown = show_case(store, case_id, now)
    return shown.detail, case_document(shown.detail, usable_case(shown), now, kind)


def log_event(
    store: Store,
    case_id: str,
    kind: str,
    *,
    at: dt.datetime,
    now: dt.datetime,
    outcome: str | None = None,
    with_whom: str | None = None,
    said: str | None = None,
    note: str | None = None,
    expected_at: dt.datetime | None = None,
    expected_option: str | None = None,
    message_id: str | None = None,
) -> Logged:
    """Add one event to a case's timeline; the status and what is due follow. `expected_at`
    is the moment the event names (a callback time, a visit, a promised answer): what is due
    next is planned from it on the business calendar."""
    _check_event(kind, outcome, with_whom=with_whom, said=said, note=note)
    _check_expected(kind, outcome, at, expected_at, expected_option)
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        row = repo.require(case_id, lock=True)
        event = add_event(
            repo,
            row,
            now,
            kind=kind,
            outcome=outcome,
            with_whom=with_whom or None,
            said=said or None,
            note=note or None,
            expected_at=expected_at,
            message_id=message_id,
            at=at,
        )
        logged = Logged(EventView.of(event), CaseSummary.of(row))
    log.info("event %s logged on case %s", logged.event.id, case_id)
    return logged


# Which events may name a moment, and what it is (the field: naitei case log's option).
EXPECTED = {
    ("called", "absent"): "callback",
    ("answered", "call_back"): "callback",
    ("answered", "come_in"): "visit_at",
    ("answered", "considering"): "answer_by",
}


def _check_expected(
    kind: str,
    outcome: str | None,
    at: dt.datetime,
    expected: dt.datetime | None,
    given_as: str | None = None,
) -> None:
    """`given_as` names the field the user gave the moment in (for the error's field)."""
    if expected is None:
        return
    option = EXPECTED.get((kind, outcome or ""))
    if option is None:
        allowed = ", ".join(f"{k}（{o}）" for k, o in EXPECTED)
        raise InputError(f"次の記録にだけ付けられます: {allowed}", field=given_as or "callback")
    if expected.astimezone(JST).date() < at.astimezone(JST).date() or (
        option != "answer_by" and expected <= at
    ):
        raise InputError("記録する時刻より前の日時です", field=given_as or option)


def _check_event(kind: str, outcome: str | None, **texts: str | None) -> None:
    if kind not in EVENT_KINDS:
        raise InputError(
            f"'{kind}' は次のいずれかにしてください: {', '.join(EVENT_KINDS)}", field="kind"
        )
    problem = outcome_problem(kind, outcome)
    if problem:
        raise InputError(problem, field="outcome")
    for name, value in texts.items():
        field = "with" if name == "with_whom" else name
        if value is None:
            continue
        limit = MAX_SHORT if name == "with_whom" else MAX_LONG
        if len(value) > limit:
            raise InputError(f"長すぎます（{limit} 文字まで）", field=field)
        try:
            (one_line if name == "with_whom" else clean_text)(value)  # a name: one line
        except ValueError as error:
            raise InputError(str(error), field=field) from None


def export_all(store: Store, now: dt.datetime) -> dict[str, Any]:
    """Every case and event as the versioned export file (naitei.store.transfer)."""
    with store.session(write=False) as session:
        repo = CaseRepository(session)
        cases = [export_case(row, list(repo.events(row.id))) for row in repo.all()]
    log.info("export: %d cases", len(cases))
    return export_file(cases, now)


def export_one(store: Store, case_id: str, now: dt.datetime) -> dict[str, Any]:
    """One case and its events, in the same export file format (importable back)."""
    with store.session(write=False) as session:
        repo = CaseRepository(session)
        row = repo.require(case_id)
        cases = [export_case(row, list(repo.events(row.id)))]
    log.info("export: case %s", case_id)
    return export_file(cases, now)


def import_all(store: Store, data: Any, source: str, now: dt.datetime) -> Imported:
    """Take an export file back. Known cases gain the events they lack; nothing else changes,
    so importing the same file twice changes nothing."""
    parsed = parse_import(data, source)
    for index, item in enumerate(parsed.cases):
        _check_case(item, source, index)
    added = events_added = unchanged = 0
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        known_events = repo.event_ids()
        for item in parsed.cases:
            case_added, new_events = _import_case(repo, item, known_events, now)
            added += case_added
            events_added += new_events
            unchanged += int(not case_added and not new_events)
    log.info("import: %d cases added, %d events added", added, events_added)
    return Imported(added, events_added, unchanged)


def _import_case(
    repo: CaseRepository, item: ImportCase, known_events: set[str], now: dt.datetime
) -> tuple[int, int]:
    """(1 if the case is new, events added). A new case comes in as exported (its status was
    derived from these same events); a known one gains missing events and is recomputed."""
    new_events = [event for event in item.events if event.id not in known_events]
    known_events.update(event.id for event in new_events)
    row = repo.get(item.id)
    is_new = row is None
    if row is None:
        row = case_row(item)
        repo.add(row)
    for event, seq in zip(new_events, _numbers(repo, row.id, new_events, is_new), strict=True):
        repo.add(event_row(row.id, event, seq))
    if is_new or new_events:
        refresh(row, list(repo.events(row.id)))  # the status is derived, never taken on trust
    if new_events and not is_new:
        row.updated_at = now
    return int(is_new), len(new_events)


def _numbers(
    repo: CaseRepository, case_id: str, events: list[ImportEvent], is_new: bool
) -> list[int]:
    """The numbers of imported events: a new case keeps the exported ones (when every event has
    one, all different), so an export imported back is the same; otherwise they follow on."""
    given = [event.seq for event in events]
    if is_new and None not in given and len(set(given)) == len(given):
        return [int(seq) for seq in given if seq is not None]
    first = repo.next_seq(case_id)
    return list(range(first, first + len(events)))


def _check_case(item: ImportCase, source: str, index: int) -> None:
    case = parse_case(item.case, f"{source}: cases[{index}].case", wording=False)
    if case.purpose != item.purpose or company_of(case).name != item.company:
        problem = Problem(f"cases[{index}]", "purpose と company が、case の中身と合いません")
        raise CaseError(source, [problem])


ERASE_WAIT = 2.0  # seconds a deletion waits for readers before the erasure goes on later


def delete_case(
    store: Store,
    case_id: str,
    *,
    wait: float = ERASE_WAIT,
    waiting: Callable[[], None] | None = None,
) -> Deleted:
    """Remove a case and its events for good. SQLite: secure_delete zeroes the records, then
    the WAL is emptied (Store.erase): at once, or — when a reader keeps it for longer than
    `wait` seconds — as soon as the reader ends (wal_cleared False says so)."""
    with store.session(write=True) as session:
        repo = CaseRepository(session)
        events = repo.delete(repo.require(case_id, lock=True))
    cleared = store.erase(wait, waiting) if store.is_sqlite else None
    log.info("case %s deleted (%d events)", case_id, events)
    return Deleted(case_id, events, cleared)
