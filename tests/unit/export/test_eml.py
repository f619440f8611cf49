"""One builder makes every message; no header value can inject a header."""

from __future__ import annotations

import datetime as dt
from email import message_from_bytes, policy
from email.header import decode_header, make_header
from email.parser import BytesParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.calendar import JST
from naitei.errors import InputError
from naitei.export.eml import build_message, guard_header, to_bytes
from tests.support.cases import EML_HEADERS, SENT_HEADERS

DATE = dt.datetime(2026, 11, 25, 21, 0, tzinfo=JST)
HOSTILE = st.text(
    alphabet=st.sampled_from(
        list("株式会社サンプル佐藤様 Bcc:x@evil.example\r\n\u2028\u2029\x00\x0b\x0c\x85ab")
    ),
    min_size=1,
    max_size=40,
)


@pytest.mark.parametrize(
    "value", ["A\r\nBcc: x@example.com", "A\nB", "A\u2028B", "A\x00B", "A\x0bB", "A\x85B", "A\r"]
)
def test_guard_rejects_anything_that_splits_lines(value: str) -> None:
    with pytest.raises(InputError):
        guard_header("Subject", value)


def test_guard_accepts_ordinary_japanese() -> None:
    assert guard_header("Subject", "内定辞退撤回のお願い（東西大学 山田 太郎）")


@settings(max_examples=300, deadline=None)
@given(subject=HOSTILE, to_name=HOSTILE, from_name=HOSTILE)
def test_hostile_values_never_reach_an_extra_header(
    subject: str, to_name: str, from_name: str
) -> None:
    try:
        message = build_message(
            subject=subject,
            body="本文\n",
            to_address="saiyo@example.co.jp",
            to_name=to_name,
            from_address="taro@example.com",
            from_name=from_name,
            date=DATE,
        )
    except InputError:
        return
    parsed = BytesParser(policy=policy.default).parsebytes(to_bytes(message))
    assert sorted(parsed.keys()) == sorted(SENT_HEADERS)
    assert parsed["Subject"] == subject.strip()  # surrounding blanks are not kept
    assert [a.addr_spec for a in parsed["To"].addresses] == ["saiyo@example.co.jp"]


def test_a_draft_opens_as_unsent_and_carries_no_date() -> None:
    """Outlook and Apple Mail open X-Unsent: 1 as a message to send; the app dates it then."""
    draft = build_message(
        subject="件名", body="本文\n", to_address="a@example.com", date=DATE, draft=True
    )
    parsed = BytesParser(policy=policy.default).parsebytes(to_bytes(draft))
    assert sorted(parsed.keys()) == sorted(EML_HEADERS - {"From"})
    assert parsed["X-Unsent"] == "1"
    assert parsed["Date"] is None
    sent = build_message(subject="件名", body="本文\n", to_address="a@example.com", date=DATE)
    assert sent["Date"] is not None and sent["X-Unsent"] is None
    assert draft["Message-ID"] == sent["Message-ID"]  # the date still seeds it


def test_message_id_is_stable_for_the_same_seed() -> None:
    def build() -> str:
        return str(
            build_message(
                subject="件名", body="本文", to_address="a@example.com", date=DATE, seed="same"
            )["Message-ID"]
        )

    assert build() == build()


def test_bad_addresses_are_rejected() -> None:
    with pytest.raises(InputError):
        build_message(subject="件名", body="本文", to_address="not-an-address", date=DATE)


def test_long_japanese_subject_keeps_its_spaces() -> None:
    # The stdlib's newer folding puts a space between two encoded-words, where readers drop it.
    subject = "一般社団法人こもれびの内定辞退撤回についてのご相談（東西大学 山田 太郎）"
    name = "一般社団法人こもれび 人事部 採用担当 佐藤様"
    message = build_message(
        subject=subject, body="本文", to_address="a@example.com", to_name=name, date=DATE
    )
    raw = to_bytes(message)
    head = raw.split(b"\r\n\r\n")[0]
    assert all(len(line) <= 78 for line in head.split(b"\r\n"))
    assert BytesParser(policy=policy.default).parsebytes(raw)["Subject"] == subject
    # Read the To header the RFC 2047 way (adjacent encoded-words join without a space).
    raw_to = message_from_bytes(raw)["To"]
    assert str(make_header(decode_header(raw_to))) == f"{name} <a@example.com>"


@pytest.mark.parametrize(
    "name",
    [
        "株式会社みなと精機 採用ご担当者様",
        "株式会社みなと精機ホールディングス 人事部 採用ご担当者様",
        "一般社団法人こもれび 人事部 採用担当 佐藤様",
    ],
)
def test_a_display_name_is_never_cut_inside_a_word(name: str) -> None:
    # Python's address parser keeps the whitespace between two encoded-words: a name folded
    # mid-word arrived as 「採用ご担 当者様」. Both ways of reading must give the name's words.
    raw = to_bytes(
        build_message(
            subject="件名", body="本文", to_address="a@example.com", to_name=name, date=DATE
        )
    )
    parsed = BytesParser(policy=policy.default).parsebytes(raw)["To"].addresses[0]
    assert parsed.display_name.split() == name.split()
    rfc = str(make_header(decode_header(message_from_bytes(raw)["To"])))
    assert rfc == f"{name} <a@example.com>"
