"""The kit folder of a decline batch (`naitei decline --out DIR`): whether DIR already holds
this decline's kit, its record of the emails sent (sent.json), the folder lock while sending,
and the temporary files an interrupted write left behind."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from naitei.errors import InputError
from naitei.export.decline import FORMAT
from naitei.fsutil import read_capped, refuse_link
from naitei.shape import Shaped

SENT_FILE = "sent.json"
SENT_FORMAT = "naitei-decline-sent"
_MAX_RECORD_BYTES = 10_000_000  # summary.json and sent.json of twenty companies: a few KB
WRITTEN = ("sent.json", "summary.json", "summary.md", "summary.csv")  # rewritten in place


@dataclass(frozen=True)
class SentEmail(Shaped):
    index: int
    company: str
    to: str
    message_id: str
    sent_at: str


def existing_kit(out: Path, decline: str) -> bool:
    """True when `out` already holds this decline's kit; False when it is absent or empty."""
    refuse_link(out)
    if not out.exists():
        return False
    if not out.is_dir():
        raise InputError(f"{out} はフォルダではありません", field="out")
    if not any(out.iterdir()):
        return False
    summary = read_json(out / "summary.json")
    if not isinstance(summary, dict) or summary.get("format") != FORMAT:
        raise InputError(
            f"{out} は空ではなく、naitei decline のキットでもありません。"
            "空のフォルダか、まだないフォルダを指定してください",
            field="out",
        )
    if summary.get("decline") != decline:
        sent = read_sent(out, summary.get("decline"))
        head = f"{out} には、別の（または内容を変えた）辞退ファイルから作ったキットがあります。"
        if not sent:
            raise InputError(
                head + "このフォルダからは、まだ何も送信していません。"
                "フォルダを削除するか、別のフォルダを指定してください",
                field="out",
            )
        done = "、".join(f"{r.index}. {r.company}" for r in sent.values())
        raise InputError(
            head + f"このフォルダから送信済みの会社（{done}）に重ねて送らないよう、"
            "別のフォルダを指定し、送る会社（company）を残りの会社だけにしてください",
            field="out",
        )
    return True


def read_json(path: Path) -> Any:
    try:
        return json.loads(read_capped(path, _MAX_RECORD_BYTES).decode("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(
            f"{path}: 読めません（壊れているか、naitei の書いたファイルではありません）"
        ) from None


def read_sent(out: Path, decline: Any) -> dict[int, SentEmail]:
    """The emails already sent from `out`; an unreadable record stops everything."""
    data = read_json(out / SENT_FILE)
    if data is None:
        return {}
    records = _sent_records(data, decline)
    if records is None:
        raise InputError(
            f"{out / SENT_FILE}: 送信の記録を読めないため、重ねて送らないよう止めました。"
            "ファイルを元に戻してから、もう一度実行してください"
        )
    return {record.index: record for record in records}


def _sent_records(data: Any, decline: Any) -> list[SentEmail] | None:
    if not isinstance(data, dict) or data.get("format") != SENT_FORMAT:
        return None
    items = data.get("sent")
    if data.get("decline") != decline or not isinstance(items, list):
        return None
    records = []
    for item in items:
        try:
            record = SentEmail(**item)
        except TypeError:
            return None
        if not isinstance(record.index, int) or not isinstance(record.message_id, str):
            return None
        records.append(record)
    return records


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on DIR while sending, so two runs cannot send the same batch."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks on folders
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputError(
                f"{folder}: ほかの naitei decline --send がこのフォルダで送信中です"
            ) from None
        yield
    finally:
        os.close(handle)


def clean_temporary(folder: Path) -> list[str]:
    """Remove what an interrupted rewrite of a record left (.sent.json.XXXX.tmp holds the
    recipients' addresses); call with the folder locked. The names removed."""
    removed = []
    for name in WRITTEN:
        for temp in folder.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                temp.unlink()
                removed.append(temp.name)
    return removed
