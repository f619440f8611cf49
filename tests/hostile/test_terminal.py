"""Terminal escape injection (issue 14): nothing from the store or a file reaches the terminal
able to act on it — no ESC sequence (window title, clear screen, OSC 52 clipboard), no C1
control, no bidirectional override — in text, tables, JSON and error messages alike.

The store rows are written the way a database from an older naitei (before imports were
validated) or a hand-edited one could hold them: straight through SQLAlchemy."""

from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

from naitei.services import cases as services
from naitei.store.models import CaseRow, EventRow
from tests.support.cases import EXAMPLES, NOW, make_case

# Window title, clear screen, the clipboard (OSC 52), C1 CSI, a right-to-left override.
PAYLOADS = [
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x1b]52;c;cm0gLXJmIH4=\x07",
    "\x9b31m",
    "\u202e",
]
# The payloads' active parts (Rich's own styling, ESC [1m and ESC [0m, may remain).
ACTIVE = ["\x1b]", "\x1b[2J", "\x1b[H", "\x1b[31m", "\x07", "\x9b", "\u202e"]


def assert_inert(output: str) -> None:
    for char in ACTIVE:
        assert char not in output, repr(output[:300])


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, str], str]:
    """A database whose only case carries every payload in its company, plan, due step and
    events (as a store written before imports were validated could)."""
    path = tmp_path_factory.mktemp("terminal") / "naitei.db"
    store = services.open_store(f"sqlite:///{path}")
    try:
        case_id = services.add_case(store, make_case(), NOW)[0].id
        event_id = services.log_event(store, case_id, "note", note="メモ", at=NOW, now=NOW)
        payload = "".join(PAYLOADS)
        with store.session(write=True) as session:
            row = session.get(CaseRow, case_id)
            assert row is not None
            plan = copy.deepcopy(row.plan)
            for step in plan["steps"]:
                step["title"] += payload
                step["detail"] += payload
            row.plan = plan
            row.company += payload
            row.due_title = (row.due_title or "") + payload
            event = session.get(EventRow, event_id.event.id)
            assert event is not None
            event.note = f"メモ{payload}"
            event.with_whom = f"佐藤{payload}"
    finally:
        store.dispose()
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{path}"}
    return env, case_id


@pytest.mark.parametrize(
    "args",
    [
        ["case", "show", "{id}"],
        ["case", "show", "{id}", "--format", "json"],
        ["case", "list"],
        ["case", "list", "--format", "json"],
        ["case", "due"],
        ["case", "due", "--format", "json"],
        ["case", "export"],
    ],
    ids=lambda args: " ".join(args[1:]),
)
def test_stored_text_reaches_the_terminal_inert(
    hostile_store: tuple[dict[str, str], str], args: list[str]
) -> None:
    env, case_id = hostile_store
    now = [] if args[1] == "export" else ["--now", NOW.isoformat()]
    status, output = on_terminal([*[arg.format(id=case_id) for arg in args], *now], env)
    assert status == 0, output
    assert "pwned" in output or "31m" in output  # the text is shown, made inert
    assert_inert(output)


def on_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run naitei with a pseudo-terminal as its stdout and stderr (click strips some escape
    sequences when the output is not a terminal, so a pipe would hide the defect)."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "naitei", *args],
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=follower,
        env=env | {"COLUMNS": "200", "TERM": "xterm"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other side closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


def test_a_draft_with_escape_sequences_is_checked_and_shown_inert(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("株式会社サンプル\n人事部 佐藤様\n\n御社" + "".join(PAYLOADS) + "\n", "utf-8")
    for style in ("text", "json", "textlint"):
        status, output = on_terminal(
            ["check", str(draft), "--kind", "email", "--format", style], dict(os.environ)
        )
        assert status == 1, output
        assert_inert(output)


def test_a_file_name_with_escape_sequences_is_shown_inert(tmp_path: Path) -> None:
    hostile = tmp_path / "case\x1b]0;pwned\x07.toml"
    hostile.write_text("version = 1\npurpose = 'fax'\n", encoding="utf-8")
    status, output = on_terminal(["assess", str(hostile)], dict(os.environ))
    assert status == 2
    assert "pwned" in output
    assert_inert(output)


def test_a_decline_dry_run_shows_its_messages_inert(tmp_path: Path) -> None:
    text = (EXAMPLES / "decline-three.toml").read_text(encoding="utf-8")
    case = tmp_path / "decline\x9b2J.toml"
    case.write_text(text, encoding="utf-8")
    status, output = on_terminal(
        ["decline", str(case), "--out", str(tmp_path / "out\x1b]0;pwned\x07")], dict(os.environ)
    )
    assert status == 0, output
    assert_inert(output)


def test_only_the_one_output_function_writes_to_the_terminal() -> None:
    """(The case list's Rich table prints Text cells made inert cell by cell.)"""
    import re

    source = Path(__file__).resolve().parents[2] / "src" / "naitei"
    writers = re.compile(r"typer\.(?:echo|confirm|prompt)\(|(?<![.\w])print\(|sys\.stdout\.write\(")
    offenders = [
        f"{path.relative_to(source)}: {match.group()}"
        for path in source.rglob("*.py")
        if path.relative_to(source).as_posix() != "cli/common.py"
        for match in writers.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
