"""The outbox of a decline batch (`naitei decline FILE --out DIR [--send]`).

It writes the kit folder all at once, remembers what was sent and sends what is left:
- the send ledger of the case store (naitei.store.sends) is the guarantee: each message is
  claimed there under a unique constraint (decline file, company, recipient) before it is
  handed to the SMTP server, and marked sent after the server's 250 — so two runs at once,
  from two folders, send each company once, and a run killed between the hand-over and the
  record leaves "outcome unknown", which no later run resends unless the user says so;
- DIR/sent.json lists every email sent for this decline (rewritten atomically after each);
- when the store holds the decline's cases, each sent email also becomes an `emailed` event
  with its Message-ID on the company's case (an `emailed` event logged by hand counts too);
- a server that refuses one recipient or message for good (5xx) does not stop the others; a
  server in trouble (4xx, a lost connection) stops the batch, and a rerun sends what is left.
The Message-ID is made from the decline, not the clock (naitei.export.decline).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING

from naitei.case import DeclineCase
from naitei.compose.decline_kit import CompanyDecline, DeclineKit, send_problems
from naitei.errors import ExternalError, InputError
from naitei.export.decline import decline_id, kit_files, outgoing, summary_files
from naitei.export.eml import to_bytes
from naitei.fsutil import atomic_write, write_directory
from naitei.services.kit_folder import (
    SENT_FILE,
    SENT_FORMAT,
    SentEmail,
    clean_temporary,
    existing_kit,
    locked,
    read_sent,
)

if TYPE_CHECKING:
    from naitei.mail.sending import Mailer, SendFailure
    from naitei.store.engine import Store
    from naitei.store.sends import SendKey


@dataclass(frozen=True)
class Preview:
    """What would happen to one company: `state` is send, sent, no-address or skipped."""

    company: CompanyDecline
    state: str
    message: Message | None


@dataclass
class SendResult:
    sent: list[SentEmail] = field(default_factory=list)
    failed: CompanyDecline | None = None  # the message at which the batch stopped
    reply: str = ""  # the server's answer to it (or what happened to the connection)
    left: list[CompanyDecline] = field(default_factory=list)  # not attempted
    refused: list[tuple[CompanyDecline, str]] = field(default_factory=list)  # 5xx: not sent
    unknown: list[CompanyDecline] = field(default_factory=list)  # handed over, outcome unknown
    elsewhere: list[CompanyDecline] = field(default_factory=list)  # another run sends or sent it
    problem: str = ""  # a record that could not be written

    @property
    def complete(self) -> bool:
        return (
            self.failed is None
            and not self.left
            and not self.problem
            and not self.refused
            and not self.unknown
        )


class Outbox:
    """One decline's kit folder and records; use as a context manager (it opens the store —
    creating the default database when `sending`: the send ledger lives there)."""

    def __init__(
        self,
        case: DeclineCase,
        kit: DeclineKit,
        out: Path,
        now: dt.datetime,
        *,
        sending: bool = False,
    ) -> None:
        self.case, self.kit, self.out, self.now = case, kit, out, now
        self.sending = sending
        self.decline = decline_id(case)
        self.existing = existing_kit(out, self.decline)
        self.records: dict[int, SentEmail] = read_sent(out, self.decline) if self.existing else {}
        self.store: Store | None = None
        self.cases: dict[int, str] = {}  # company index -> stored case id
        self.stored: dict[int, set[str | None]] = {}  # company index -> Message-IDs emailed
        self.ledger: dict[int, str] = {}  # company index -> "handing" or "sent"

    def __enter__(self) -> Outbox:
        self.store = _open_store(create=self.sending)
        if self.store is not None:
            from naitei.store import sends

            self.cases = sends.match_decline_cases(self.store, self.case)
            emailed = sends.emailed(self.store, self.cases.values())
            self.stored = {index: emailed[case_id] for index, case_id in self.cases.items()}
            self.ledger = sends.ledger_states(self.store, self._keys())
        return self

    def __exit__(self, *exc_info: object) -> None:  # the same on success and on error
        if self.store is not None:
            self.store.dispose()

    def _keys(self) -> dict[int, SendKey]:
        from naitei.store.sends import send_key

        return {
            c.index: send_key(self.decline, c.company, c.email.to_address)
            for c in self.kit.companies
            if c.email.to_address
        }

    def is_sent(self, index: int) -> bool:
        return (
            index in self.records
            or bool(self.stored.get(index))
            or self.ledger.get(index) == "sent"
        )

    def is_unknown(self, index: int) -> bool:
        """Handed to the server by a run that stopped before the answer was recorded."""
        return self.ledger.get(index) == "handing" and not self.is_sent(index)

    @property
    def sent_indexes(self) -> set[int]:
        return {c.index for c in self.kit.companies if self.is_sent(c.index)}

    @property
    def unknown_indexes(self) -> set[int]:
        return {c.index for c in self.kit.companies if self.is_unknown(c.index)}

    def prepare(self) -> bool:
        """Write DIR all at once (True), or bring the summary of an existing one up to date."""
        if self.existing:
            self.write_summary()
            return False
        files = kit_files(self.kit, self.case, self.now, self.sent_indexes, self.unknown_indexes)
        if self.records:
            files[SENT_FILE] = self._sent_json()
        write_directory(self.out, files)
        return True

    def write_summary(self) -> None:
        summary = summary_files(self.kit, self.case, self.sent_indexes, self.unknown_indexes)
        for name, data in summary.items():
            atomic_write(self.out / name, data)

    def preview(self, from_address: str, chosen: Sequence[int] | None = None) -> list[Preview]:
        """send, sent, unknown, no-address or skipped, per company."""
        previews = []
        for company in self.kit.companies:
            message = outgoing(self.case, company, self.now, from_address=from_address or None)
            if chosen is not None and company.index not in chosen:
                state = "skipped"
            elif message is None:
                state = "no-address"
            elif self.is_sent(company.index):
                state = "sent"
            else:
                state = "unknown" if self.is_unknown(company.index) else "send"
            previews.append(Preview(company, state, message))
        return previews

    def pending(
        self, chosen: Sequence[int] | None = None, state: str = "send"
    ) -> list[CompanyDecline]:
        return [p.company for p in self.preview("", chosen) if p.state == state]

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
        self,
        mailer: Mailer,
        from_address: str,
        companies: list[CompanyDecline],
        resend: Collection[int] = (),
    ) -> SendResult:
        """Send in file order. Each message is claimed in the ledger first; an unknown one
        (handed over by a run that stopped) goes again only when its index is in `resend`.
        A 5xx for one message does not stop the others; any other failure does.

        Every message is built (and so checked by the mail builder) before the first is sent."""
        from naitei.store import sends

        result = SendResult()
        if self.store is None:  # the ledger is the guarantee: never send without it
            self.store = _open_store(create=True)
            assert self.store is not None
            self.ledger = sends.ledger_states(self.store, self._keys())
        with locked(self.out):
            clean_temporary(self.out)
            self.records.update(read_sent(self.out, self.decline))  # another run may have sent
            todo = [c for c in companies if not self.is_sent(c.index)]
            messages = [self._message(company, from_address) for company in todo]
            for position, (company, message) in enumerate(zip(todo, messages, strict=True)):
                stop = self._send_one(mailer, from_address, company, message, result, resend)
                if stop or result.problem:
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
        resend: Collection[int],
    ) -> bool:
        """Claim, send and record one message; True when the batch must stop here."""
        from naitei.mail.sending import SendFailure
        from naitei.store import sends

        assert self.store is not None  # opened with sending=True
        key = self._keys()[company.index]
        message_id = str(message["Message-ID"])
        now = dt.datetime.now(self.now.tzinfo)
        claimed = sends.claim(self.store, key, message_id, company.index, now)
        if claimed == "sent" or (claimed == "handing" and company.index not in resend):
            self.ledger[company.index] = claimed
            result.elsewhere.append(company)
            return False
        if claimed == "handing":
            sends.reclaim(self.store, key, now)
        to = str(company.email.to_address)
        try:
            mailer.send(from_address, to, to_bytes(message), message_id)
        except SendFailure as failure:
            return self._failed(company, key, failure, result)
        sends.mark_sent(self.store, key, dt.datetime.now(self.now.tzinfo))
        self.ledger[company.index] = "sent"
        record = SentEmail(company.index, company.company, to, message_id, _stamp(self.now))
        result.sent.append(record)
        result.problem = self._remember(record)
        return False

    def _failed(
        self, company: CompanyDecline, key: SendKey, failure: SendFailure, result: SendResult
    ) -> bool:
        """Record a message that did not (surely) go; True when the batch must stop."""
        from naitei.store import sends

        assert self.store is not None
        if failure.delivered is None:  # the ledger keeps "handing": never resent unasked
            self.ledger[company.index] = "handing"
            result.unknown.append(company)
            result.failed, result.reply = company, failure.reply
            return True
        sends.release(self.store, key)
        if failure.permanent:
            result.refused.append((company, failure.reply))
            return False
        result.failed, result.reply = company, failure.reply
        return True

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


def _stamp(now: dt.datetime) -> str:
    return dt.datetime.now(now.tzinfo).isoformat(timespec="seconds")


def _open_store(*, create: bool) -> Store | None:
    """The case store: NAITEI_DATABASE_URL, or the default database — which a send creates
    (its ledger is what makes one send per company a guarantee) and a dry run only reads."""
    from naitei.store.engine import FILE_NAME, URL_VARIABLE, data_dir

    if not create and not os.environ.get(URL_VARIABLE) and not (data_dir() / FILE_NAME).is_file():
        return None
    from naitei.services.cases import open_store

    return open_store()
