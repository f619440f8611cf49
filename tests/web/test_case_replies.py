"""Replies on the web case page (issue 17): the user asks, the server reads this case's replies
from a real IMAP server (Dovecot on 127.0.0.1), shows them escaped, and logs one only when the
user confirms it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.imapd import INSTALL_HINT, Imapd, available, imap_server
from tests.support.web import saved_case

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not available(), reason=INSTALL_HINT)]


@pytest.fixture(scope="module")
def server() -> Iterator[Imapd]:
    with imap_server() as running:
        yield running


def test_a_reply_is_shown_escaped_and_logged_on_confirmation(
    client: Any, server: Imapd, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imapclient import IMAPClient

    imap = IMAPClient("127.0.0.1", port=server.port, ssl=False)
    imap.login(server.user, server.password)
    raw = (
        "From: saiyo@minato-seiki.example.co.jp\r\nSubject: <b>Re</b>\r\n"
        "Date: Wed, 25 Nov 2026 20:00:00 +0900\r\nMessage-ID: <web-1@mail.example>\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n\r\n"
        "<img src=x onerror=alert(1)>ぜひご来社ください。\r\n"
    )
    imap.append("INBOX", raw.encode("utf-8"))
    imap.logout()
    for key, value in {
        "HOST": "127.0.0.1",
        "PORT": str(server.port),
        "SECURITY": "none",
        "USER": server.user,
        "PASSWORD": server.password,
    }.items():
        monkeypatch.setenv(f"NAITEI_IMAP_{key}", value)
    case_id = saved_case(client)
    page = client.post(f"/cases/{case_id}/replies")
    assert page.status_code == 200, page.text
    assert "<img src=x" not in page.text and "&lt;img src=x" in page.text
    assert re.search(r'<option value="come_in" selected>', page.text)
    assert client.get(f"/api/cases/{case_id}").json()["events"] == []  # nothing yet
    form = {
        "outcome": "come_in",
        "message_id": "<web-1@mail.example>",
        "subject": "<b>Re</b>",
        "sender": "saiyo@minato-seiki.example.co.jp",
        "date": "2026-11-25T20:00:00+09:00",
    }
    logged = client.post(f"/cases/{case_id}/replies/confirm", data=form)
    assert logged.status_code == 303
    (event,) = client.get(f"/api/cases/{case_id}").json()["events"]
    assert (event["kind"], event["outcome"], event["message_id"]) == (
        "answered",
        "come_in",
        "<web-1@mail.example>",
    )
    again = client.post(f"/cases/{case_id}/replies")
    assert "web-1@mail.example" not in again.text  # a logged reply is not offered twice
    wrong = client.post(f"/cases/{case_id}/replies/confirm", data=dict(form, outcome="maybe"))
    assert wrong.status_code in (400, 422)
