"""The outbox of a decline batch (`naitei decline FILE --out DIR [--send]`).

It writes the kit folder all at once, remembers what was sent and sends what is left:
- DIR/sent.json lists every email sent for this decline; it is rewritten (atomically) right
  after each message the server accepts, so a failure or a crash half-way loses nothing;
- when a case store is configured and holds the decline's cases (naitei.store.sends), each
  sent email also becomes an `emailed` event with its Message-ID on the company's case;
- a company counts as sent when either record says so (or its stored case has any `emailed`
  event), so a rerun, tomorrow or after a failure, sends only what is left.
The Message-ID is made from the decline, not the clock (naitei.export.decline).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from naitei.case import DeclineCase
from naitei.compose.decline_kit import CompanyDecline, DeclineKit, send_problems
from naitei.errors import ExternalError, InputError
from naitei.export.decline import FORMAT, decline_id, kit_files, outgoing, summary_files
from naitei.export.eml import to_bytes
from naitei.fsutil import atomic_write, write_directory

if TYPE_CHECKING:
    from naitei.sending import Mailer
    from naitei.store.engine import Store

SENT_FILE = "sent.json"
SENT_FORMAT = "naitei-decline-sent"


@dataclass(frozen=True)
class SentEmail:
    index: int
    company: str
    to: str
    message_id: str
    sent_at: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "company": self.company,
            "to": self.to,
            "message_id": self.message_id,
            "sent_at": self.sent_at,
        }


@dataclass(frozen=True)
class Preview:
    """What would happen to one company: `state` is send, sent, no-address or skipped."""

    company: CompanyDecline
    state: str
    message: Message | None


@dataclass
class SendResult:
    sent: list[SentEmail] = field(default_factory=list)
    failed: CompanyDecline | None = None
    reply: str = ""  # the server's answer to the failed message
    left: list[CompanyDecline] = field(default_factory=list)  # not attempted
    problem: str = ""  # a record that could not be written

    @property
    def complete(self) -> bool:
        return self.failed is None and not self.left and not self.problem


class Outbox:
    """One decline's kit folder and records; use as a context manager (it may open the store)."""

    def __init__(self, case: DeclineCase, kit: DeclineKit, out: Path, now: dt.datetime) -> None:
        self.case, self.kit, self.out, self.now = case, kit, out, now
        self.decline = decline_id(case)
        self.existing = _existing_kit(out, self.decline)
        self.records: dict[int, SentEmail] = _read_sent(out, self.decline) if self.existing else {}
        self.store: Store | None = None
        self.cases: dict[int, str] = {}  # company index -> stored case id
        self.stored: dict[int, set[str | None]] = {}  # company index -> Message-IDs emailed

    def __enter__(self) -> Outbox:
        self.store = _open_store()
        if self.store is not None:
            from naitei.store import sends

            self.cases = sends.match_decline_cases(self.store, self.case)
            emailed = sends.emailed(self.store, self.cases.values())
            self.stored = {index: emailed[case_id] for index, case_id in self.cases.items()}
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.store is not None:
            self.store.dispose()

    def is_sent(self, index: int) -> bool:
        return index in self.records or bool(self.stored.get(index))

    @property
    def sent_indexes(self) -> set[int]:
        return {c.index for c in self.kit.companies if self.is_sent(c.index)}

    def prepare(self) -> bool:
        """Write DIR all at once (True), or bring the summary of an existing one up to date."""
        if self.existing:
            self.write_summary()
            return False
        files = kit_files(self.kit, self.case, self.now, self.sent_indexes)
        if self.records:
            files[SENT_FILE] = self._sent_json()
        write_directory(self.out, files)
        return True

    def write_summary(self) -> None:
        for name, data in summary_files(self.kit, self.case, self.sent_indexes).items():
            atomic_write(self.out / name, data)

    def preview(self, from_address: str, chosen: Sequence[int] | None = None) -> list[Preview]:
        previews = []
        for company in self.kit.companies:
            message = outgoing(self.case, company, self.now, from_address=from_address or None)
            if chosen is not None and company.index not in chosen:
                state = "skipped"
            elif message is None:
                state = "no-address"
            else:
                state = "sent" if self.is_sent(company.index) else "send"
            previews.append(Preview(company, state, message))
        return previews

    def pending(self, chosen: Sequence[int] | None = None) -> list[CompanyDecline]:
        return [p.company for p in self.preview("", chosen) if p.state == "send"]

    def check(self, companies: Sequence[CompanyDecline]) -> None:
        """Refuse to send an email in which the full checker finds an error."""
        problems = send_problems(self.kit, self.case, [c.index for c in companies])
        if problems:
            lines = [
                "メールの点検で誤りが見つかったため、送信しませんでした"
                f"（キットは {self.out} にあります）。辞退ファイルを直してから、もう一度実行してください。",
                *(f"  {problem.describe()}" for problem in problems),
            ]
            raise InputError("\n".join(lines))

    def reconcile(self) -> None:
        """Add the store events of emails sent earlier while the store could not be reached."""
        for index, record in self.records.items():
            if index in self.cases and record.message_id not in self.stored.get(index, set()):
                self._record_in_store(record)

    def send(
        self, mailer: Mailer, from_address: str, companies: list[CompanyDecline]
    ) -> SendResult:
        """Send in order; stop at the first message the server does not take.

        Every message is built (and so checked by the mail builder) before the first is sent."""
        result = SendResult()
        with _locked(self.out):
            self.records.update(_read_sent(self.out, self.decline))  # another run may have sent
            todo = [c for c in companies if not self.is_sent(c.index)]
            messages = [self._message(company, from_address) for company in todo]
            for position, (company, message) in enumerate(zip(todo, messages, strict=True)):
                record = self._send_one(mailer, from_address, company, message, result)
                if record is None or result.problem:
                    result.left = todo[position + 1 :]
                    return result
        return result

    def _message(self, company: CompanyDecline, from_address: str) -> Message:
        message = outgoing(self.case, company, self.now, from_address=from_address)
        if message is None:
            raise InputError(f"{company.index}社目: 宛先のメールアドレスがないため、送れません")
        return message

    def _send_one(
        self,
        mailer: Mailer,
        from_address: str,
        company: CompanyDecline,
        message: Message,
        result: SendResult,
    ) -> SentEmail | None:
        """Send one message and record it; None (and result.failed) when the server refused."""
        from naitei.sending import SendFailure

        to = str(company.email.to_address)
        message_id = str(message["Message-ID"])
        try:
            mailer.send(from_address, to, to_bytes(message), message_id)
        except SendFailure as failure:
            result.failed, result.reply = company, failure.reply
            return None
        now = dt.datetime.now(self.now.tzinfo).isoformat(timespec="seconds")
        record = SentEmail(company.index, company.company, to, message_id, now)
        result.sent.append(record)
        result.problem = self._remember(record)
        return record

    def _remember(self, record: SentEmail) -> str:
        """Record one sent email in DIR, then in the store; a message when a record failed."""
        self.records[record.index] = record
        problems = []
        try:
            atomic_write(self.out / SENT_FILE, self._sent_json())
        except (InputError, ExternalError) as error:
            problems.append(str(error))
        try:
            self._record_in_store(record)
        except (InputError, ExternalError) as error:
            problems.append(str(error))
        return "\n".join(problems)

    def _record_in_store(self, record: SentEmail) -> None:
        case_id = self.cases.get(record.index)
        if self.store is None or case_id is None:
            return
        from naitei.store.sends import record_sent_email

        company = self.kit.companies[record.index - 1]
        record_sent_email(
            self.store,
            case_id,
            record.message_id,
            at=dt.datetime.fromisoformat(record.sent_at),
            now=dt.datetime.fromisoformat(record.sent_at),
            recipient=company.recipient,
            note=f"naitei decline --send で辞退のメールを送信しました（件名：{company.email.subject}）",
        )
        self.stored.setdefault(record.index, set()).add(record.message_id)

    def _sent_json(self) -> bytes:
        data = {
            "format": SENT_FORMAT,
            "version": 1,
            "decline": self.decline,
            "sent": [self.records[index].to_dict() for index in sorted(self.records)],
        }
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _open_store() -> Store | None:
    """The case store when one is configured: NAITEI_DATABASE_URL, or the default file exists."""
    from naitei.store.engine import FILE_NAME, URL_VARIABLE, data_dir

    if not os.environ.get(URL_VARIABLE) and not (data_dir() / FILE_NAME).is_file():
        return None
    from naitei.store.services import open_store

    return open_store()


def _existing_kit(out: Path, decline: str) -> bool:
    """True when `out` already holds this decline's kit; False when it is absent or empty."""
    if not out.exists():
        return False
    if not out.is_dir():
        raise InputError(f"--out: {out} はフォルダではありません")
    if not any(out.iterdir()):
        return False
    summary = _read_json(out / "summary.json")
    if not isinstance(summary, dict) or summary.get("format") != FORMAT:
        raise InputError(
            f"--out: {out} は空ではなく、naitei decline のキットでもありません。"
            "空のフォルダか、まだないフォルダを指定してください"
        )
    if summary.get("decline") != decline:
        sent = _read_sent(out, summary.get("decline"))
        head = (
            f"--out: {out} には、別の（または内容を変えた）辞退ファイルから作ったキットがあります。"
        )
        if not sent:
            raise InputError(
                head + "このフォルダからは、まだ何も送信していません。"
                "フォルダを削除するか、別のフォルダを指定してください"
            )
        done = "、".join(f"{r.index}. {r.company}" for r in sent.values())
        raise InputError(
            head + f"このフォルダから送信済みの会社（{done}）に重ねて送らないよう、"
            "別のフォルダを指定し、--company で残りの会社だけを選んでください"
        )
    return True


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise InputError(
            f"{path}: 読めません（壊れているか、naitei の書いたファイルではありません）"
        ) from None


def _read_sent(out: Path, decline: Any) -> dict[int, SentEmail]:
    """The emails already sent from `out`; an unreadable record stops everything."""
    data = _read_json(out / SENT_FILE)
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
def _locked(folder: Path) -> Iterator[None]:
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
