"""How long the worker's reply polling (naitei.org.replies) spends asking the mailbox which
messages answer the service's sends, against a real Dovecot (tests/support/imapd.py).

    .venv/bin/python benchmarks/reply_poll.py [--messages 2000] [--json]

The mailbox holds MESSAGES messages (one in a hundred a reply to a send, the rest unrelated);
for 50, 200 and 1000 watched sends, the median of 3 runs of the search phase, once with one
SEARCH per send (OR of In-Reply-To and References) and once as the job does it (SEARCH_CHUNK
sends per SEARCH). Writes benchmarks/results/reply_poll.md.
"""

from __future__ import annotations

import argparse
import imaplib
import sys
import time
from email.message import EmailMessage
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, publish

RUNS = 3
WATCHED = (50, 200, 1000)


def fill(server: Any, messages: int) -> None:
    client = imaplib.IMAP4("127.0.0.1", server.port, timeout=30)
    client.login(server.user, server.password)
    for n in range(messages):
        message = EmailMessage()
        message["From"] = f"sender{n}@example.com"
        message["Subject"] = f"message {n}"
        message["Message-ID"] = f"<m{n}@example.com>"
        if n % 100 == 0:
            message["In-Reply-To"] = f"<send{n // 100}@jitai.example.jp>"
        message.set_content("本文です。\n" * 20)
        client.append("INBOX", None, None, message.as_bytes())
    client.logout()


def measure(messages: int) -> dict[str, Any]:
    from tests.support.imapd import imap_server

    from naitei.mail.replies import ImapSettings, _close, connect
    from naitei.org.replies import SEARCH_CHUNK, _answering

    figures: dict[str, Any] = {"machine": machine(), "messages": messages, "rows": []}
    with imap_server() as server:
        fill(server, messages)
        settings = ImapSettings("127.0.0.1", server.port, "none", server.user,
                                password=server.password)  # fmt: skip
        client = connect(settings)
        try:
            for watched in WATCHED:
                ids = [f"<send{n}@jitai.example.jp>" for n in range(watched)]
                row: dict[str, Any] = {"watched": watched}
                for label, chunk in (("one_per_send_ms", 1), ("chunked_ms", SEARCH_CHUNK)):
                    times, found = [], set()
                    for _ in range(RUNS):
                        start = time.perf_counter()
                        found = set()
                        for first in range(0, len(ids), chunk):
                            found.update(client.search(_answering(ids[first : first + chunk])))
                        times.append(time.perf_counter() - start)
                    row[label] = round(sorted(times)[RUNS // 2] * 1000, 1)
                    row["found"] = len(found)
                figures["rows"].append(row)
        finally:
            _close(client)
    return figures


def report(figures: dict[str, Any]) -> str:
    lines = [
        "# Reply polling: the search phase against Dovecot",
        "",
        f"Machine: {figures['machine']}. Mailbox: {figures['messages']} messages.",
        "Command: `.venv/bin/python benchmarks/reply_poll.py`",
        "",
        "| watched sends | replies found | one SEARCH per send (ms) | 50 sends per SEARCH (ms) |",
        "| --- | --- | --- | --- |",
    ]
    for row in figures["rows"]:
        lines.append(
            f"| {row['watched']} | {row['found']} | {row['one_per_send_ms']} | {row['chunked_ms']} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    publish("reply_poll", measure(args.messages), report, as_json=args.json)


if __name__ == "__main__":
    main()
