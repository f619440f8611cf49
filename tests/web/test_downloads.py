"""Downloads: the right content types, names without personal data, and the kit's zip."""

from __future__ import annotations

import email
import io
import re
import zipfile
from email import policy
from typing import Any

import pytest

from naitei.web.downloads import zip_bytes
from tests.support.cases import KIT_FILES, NOW
from tests.support.web import WIZARD_FORM, decline_form, hidden_case, post_wizard


@pytest.fixture(scope="module")
def case(client: Any) -> str:
    return hidden_case(post_wizard(client, WIZARD_FORM).text)


def download(client: Any, path: str, case: str, file: str) -> Any:
    response = client.post(path, data={"case": case, "now": NOW.isoformat(), "file": file})
    assert response.status_code == 200, response.text[:300]
    disposition = response.headers["content-disposition"]
    name = re.fullmatch(r'attachment; filename="([a-z0-9.-]+)"', disposition)
    assert name, disposition  # ASCII, no names or companies
    assert response.headers["cache-control"] == "no-store"
    return response


@pytest.mark.parametrize(
    ("file", "content_type", "start"),
    [
        ("email.eml", "message/rfc822", None),
        ("email-unreached.eml", "message/rfc822", None),
        ("plan.ics", "text/calendar; charset=utf-8", b"BEGIN:VCALENDAR"),
        ("letter.pdf", "application/pdf", b"%PDF"),
        ("letter-vertical.pdf", "application/pdf", b"%PDF"),
    ],
)
def test_withdrawal_downloads(
    client: Any, case: str, file: str, content_type: str, start: bytes | None
) -> None:
    response = download(client, "/withdraw/download", case, file)
    assert response.headers["content-type"] == content_type
    if start:
        assert response.content.startswith(start)


def test_the_eml_is_addressed_to_the_company(client: Any, case: str) -> None:
    data = download(client, "/withdraw/download", case, "email.eml").content
    message = email.message_from_bytes(data, policy=policy.default)
    assert message["To"].addresses[0].addr_spec == "saiyo@minato-seiki.example.co.jp"
    assert message["From"].addresses[0].addr_spec == "taro.yamada@example.com"
    assert "貴社" in message.get_body().get_content()  # type: ignore[union-attr]


@pytest.fixture(scope="module")
def kit_zip(client: Any, case: str) -> Any:
    return download(client, "/withdraw/download", case, "kit.zip")


def test_the_zip_download(kit_zip: Any) -> None:
    assert kit_zip.headers["content-type"] == "application/zip"
    assert kit_zip.headers["content-disposition"] == 'attachment; filename="naitei-kit.zip"'


def test_the_zip_holds_the_kit(kit_zip: Any) -> None:
    with zipfile.ZipFile(io.BytesIO(kit_zip.content)) as archive:
        names = set(archive.namelist())
        assert names >= KIT_FILES
        assert "letter-vertical.pdf" in names
        assert archive.read("plan.ics").startswith(b"BEGIN:VCALENDAR")
        assert archive.read("letter.pdf").startswith(b"%PDF")


def test_zips_are_reproducible_and_private() -> None:
    files = {"b.txt": b"2", "a.txt": b"1"}
    first = zip_bytes(files, NOW)
    assert zip_bytes(dict(reversed(files.items())), NOW) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
    assert [info.filename for info in infos] == ["a.txt", "b.txt"]
    assert all(info.external_attr >> 16 == 0o600 for info in infos)
    assert infos[0].date_time == (2026, 11, 25, 21, 0, 0)


def test_no_eml_without_the_company_address(client: Any) -> None:
    case = hidden_case(post_wizard(client, {**WIZARD_FORM, "company.email": ""}).text)
    assert 'value="email.eml"' not in post_wizard(client, {**WIZARD_FORM, "company.email": ""}).text
    response = client.post("/withdraw/download", data={"case": case, "file": "email.eml"})
    assert response.status_code == 422
    assert "メールアドレス" in response.text


@pytest.mark.parametrize("file", ["../etc/passwd", "kit.json", ""])
def test_unknown_files_are_refused(client: Any, case: str, file: str) -> None:
    response = client.post("/withdraw/download", data={"case": case, "file": file})
    assert response.status_code == 422


def test_a_tampered_case_is_refused_with_the_field(client: Any) -> None:
    response = client.post(
        "/withdraw/download",
        data={"case": '{"version": 1, "purpose": "withdraw"}', "file": "plan.ics"},
    )
    assert response.status_code == 422
    assert "[applicant]" in response.text


def test_decline_downloads(client: Any) -> None:
    html = client.post("/decline", data=decline_form()).text
    case = hidden_case(html)
    for index in (1, 2, 3):
        file = f"decline-email-{index:02d}.eml"
        assert f'value="{file}"' in html
        response = download(client, "/decline/download", case, file)
        assert response.headers["content-type"] == "message/rfc822"
    archive = download(client, "/decline/download", case, "decline-kit.zip")
    with zipfile.ZipFile(io.BytesIO(archive.content)) as kit:
        names = kit.namelist()
    assert "summary.md" in names
    assert sum(name.endswith("decline-email.eml") for name in names) == 3
    assert sum(name.endswith("decline-phone.md") for name in names) == 3
    missing = client.post("/decline/download", data={"case": case, "file": "decline-email-09.eml"})
    assert missing.status_code == 422
