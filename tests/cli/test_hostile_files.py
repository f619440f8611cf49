"""Hostile files and options through the real CLI (issue 8): each gives a clear message naming
the problem, exit code 2, no traceback, and nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.cases import EXAMPLES
from tests.support.cli import naitei
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "hostile_files.toml"

GOOD = (EXAMPLES / "new-grad.toml").read_text(encoding="utf-8")


def replaced(old: str, new: str) -> Callable[[], bytes]:
    return lambda: GOOD.replace(old, new, 1).encode("utf-8")


CASES: list[tuple[str, Callable[[], bytes], str]] = [
    ("file over 1 MB", lambda: GOOD.encode() + b"# " + b"x" * 1_100_000, "大きすぎます"),
    (
        "1 MB name",
        replaced('name = "山田 太郎"', f'name = "{"山" * 300_000}"'),
        "[applicant].name: 長すぎます",
    ),
    (
        "control character",
        replaced('name = "山田 太郎"', 'name = "山田\\u0007太郎"'),
        "[applicant].name: 改行や制御文字",
    ),
    (
        "line break in a name",
        replaced('name = "山田 太郎"', 'name = "山田\\r\\nBcc: x@example.com"'),
        "[applicant].name: 改行や制御文字",
    ),
    (
        "U+2028 in a company name",
        replaced('name = "株式会社みなと精機"', 'name = "株式会社みなと\\u2028精機"'),
        "[company].name: 改行や制御文字",
    ),
    (
        "raw NUL byte",
        lambda: GOOD.replace("山田 太郎", "山田\x00太郎", 1).encode(),
        "TOML として読めません",
    ),
    (
        "invalid UTF-8",
        lambda: GOOD.encode("utf-8").replace("山田".encode(), b"\xff\xfe", 1),
        "UTF-8 として読めません",
    ),
    ("Shift_JIS file", lambda: GOOD.encode("cp932", errors="replace"), "UTF-8 として読めません"),
    ("deeply nested array", lambda: b"a = " + b"[" * 20_000 + b"]" * 20_000, "入れ子が深すぎます"),
    (
        "thousands of unknown keys",
        lambda: (GOOD + "\n[extra]\n" + "".join(f"k{i} = {i}\n" for i in range(30_000))).encode(),
        "知らない項目です",
    ),
    (
        "a decline from the year 1",
        replaced(
            "declined_at = 2026-11-20T15:00:00+09:00", "declined_at = 0001-01-01T00:00:00+09:00"
        ),
        "[decline].declined_at: 2000年から2099年までの日付",
    ),
    (
        "a start date in 2150",
        replaced("start_date = 2027-04-01", "start_date = 2150-04-01"),
        "[offer].start_date: 2000年から2099年までの日付",
    ),
    (
        "a closed day in 1800",
        replaced("closed_days = [2026-12-28]", "closed_days = [1800-12-28]"),
        "[company].closed_days[1]: 2000年から2099年",
    ),
    # Invisible and format characters (issue 14): refused in names and one-line fields,
    # and in free text, with the field and the character named.
    (
        "zero-width space in a company name",
        replaced('name = "株式会社みなと精機"', 'name = "株式会社みなと\\u200b精機"'),
        "[company].name: 目に見えない文字（U+200B（ゼロ幅スペース））",
    ),
    (
        "right-to-left override in a name",
        replaced('name = "山田 太郎"', 'name = "山田\\u202e郎太"'),
        "[applicant].name: 目に見えない文字（U+202E（書字方向の上書き））",
    ),
    (
        "byte order mark inside a name",
        replaced('name = "山田 太郎"', 'name = "山田\\ufeff太郎"'),
        "[applicant].name: 目に見えない文字（U+FEFF",
    ),
    (
        "soft hyphen in a contact name",
        replaced('contact_name = "佐藤"', 'contact_name = "佐\\u00ad藤"'),
        "[company].contact_name: 目に見えない文字（U+00AD（ソフトハイフン））",
    ),
    (
        "C1 control (CSI) in a department",
        replaced('department = "人事部"', 'department = "人事部\\u009b2J"'),
        "[company].department: 改行や制御文字",
    ),
    (
        "C1 control in free text",
        replaced(
            'reason_detail = "',
            'reason_detail = "\\u0090',
        ),
        "[decline].reason_detail: 制御文字",
    ),
    (
        "zero-width space in free text",
        replaced('why_detail = "', 'why_detail = "みなと\\u200b'),
        "[withdrawal].why_detail: 目に見えない文字（U+200B",
    ),
    ("an empty file", lambda: b"", "version: 必須の項目がありません"),
    ("an array at the top", lambda: b"[[x]]\na = 1\n", "version: 必須の項目がありません"),
]


@pytest.mark.parametrize(("label", "content", "message"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["assess", "plan", "withdraw"])
def test_hostile_case_files(
    tmp_path: Path, label: str, content: Callable[[], bytes], message: str, command: str
) -> None:
    case = tmp_path / "case.toml"
    case.write_bytes(content())
    args = [command, str(case), "--now", "2026-11-25T21:00:00+09:00"]
    if command == "withdraw":
        args += ["--out", str(tmp_path / "kit")]
    if command == "plan":
        args += ["--ics", str(tmp_path / "plan.ics")]
    result = naitei(*args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr) < 5_000  # a short message, even for a huge file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.toml"]


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    case = tmp_path / "case.toml"
    case.write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8"))
    assert naitei("assess", str(case), "--now", "2026-11-25T21:00:00+09:00").returncode == 0


@table(TABLES, "clock", "args", "message")
def test_hostile_clock(args: list[str], message: str) -> None:
    result = naitei("plan", str(EXAMPLES / "new-grad.toml"), *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("case_path", "message"),
    [(".", "ファイルを読めません"), ("/dev/null", "version: 必須の項目がありません")],
)
def test_odd_paths(case_path: str, message: str) -> None:
    result = naitei("assess", case_path)
    assert result.returncode == 2 and message in result.stderr


def test_outputs_into_missing_folders_are_refused(tmp_path: Path) -> None:
    result = naitei(
        "plan", str(EXAMPLES / "new-grad.toml"), "--ics", str(tmp_path / "no" / "x.ics")
    )
    assert result.returncode == 2 and "書き込み先のフォルダがありません" in result.stderr
    result = naitei("withdraw", str(EXAMPLES / "new-grad.toml"), "--out", str(tmp_path / "a" / "b"))
    assert result.returncode == 2 and "親フォルダがありません" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xfe\x00", "UTF-8"),
        ("御社".encode() * 400_000, "大きすぎ"),
    ],
)
def test_hostile_drafts_for_the_checker(data: bytes, message: str) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "naitei", "check", "-", "--kind", "email"],
        input=data,
        capture_output=True,
        timeout=60,
    )
    stderr = result.stderr.decode("utf-8", errors="replace")
    assert result.returncode == 2, stderr
    assert message in stderr
    assert "Traceback" not in stderr


def test_an_event_time_past_the_calendar_is_refused_in_japanese(tmp_path: Path) -> None:
    import os

    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{tmp_path / 'naitei.db'}"}
    added = naitei("case", "add", str(EXAMPLES / "new-grad.toml"), "--format", "json", env=env)
    case_id = added.stdout.split('"')[3]
    for at in ("9999-12-31T23:00:00-10:00", "9999-12-31T23:00:00+00:00"):
        result = naitei("case", "log", case_id, "note", "--note", "x", "--at", at, env=env)
        assert result.returncode == 2, result.stderr
        assert "--at: 2000年から2099年までの日付" in result.stderr


def _limit_memory() -> None:
    import resource

    limit = 1_500_000_000  # bytes of address space: a capped read fits, reading forever does not
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


@pytest.mark.parametrize(
    "args",
    [
        ["assess", "/dev/zero"],
        ["plan", "/dev/zero"],
        ["decline", "/dev/zero", "--out", "{tmp}/out"],
        ["check", "{tmp}/draft.txt", "--case", "/dev/zero"],
        ["case", "add", "/dev/zero"],
        ["case", "import", "/dev/zero"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_endless_input_is_read_with_a_cap(tmp_path: Path, args: list[str]) -> None:
    """`naitei assess /dev/zero` read until memory ran out (5 GB in 4 s): every file is now
    read with a cap, so it is refused at once, within a limited address space."""
    import os
    import subprocess
    import sys

    (tmp_path / "draft.txt").write_text("お世話になっております。\n", encoding="utf-8")
    env = os.environ | {"NAITEI_DATABASE_URL": f"sqlite:///{tmp_path / 'naitei.db'}"}
    result = subprocess.run(
        [sys.executable, "-m", "naitei", *[a.replace("{tmp}", str(tmp_path)) for a in args]],
        capture_output=True,
        text=True,
        env=env,
        preexec_fn=_limit_memory,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "大きすぎ" in result.stderr, result.stderr
