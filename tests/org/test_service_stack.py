"""The decline service on the whole stack (slow): `naitei serve --org --workers 2` and
`naitei worker` as processes, aiosmtpd, and Chromium. A client on a phone-sized screen requests
a five-company decline, confirms the 委任状 and approves; staff edit one draft (the client
approves it again) and send; the worker sends each email once with the 委任状 attached; a
blocked edit is refused; the client sees every company sent on their timeline."""

from __future__ import annotations

import secrets
import time
from pathlib import Path
from typing import Any

import pytest

from tests.support.org import write_config
from tests.support.org_stack import Stack, init_org, sign_in_by_link, stack
from tests.support.pg import Cluster
from tests.support.service_flows import (
    _approve_all,
    _people,
    request_from_phone,
)
from tests.support.smtpd import smtp_server

pytestmark = pytest.mark.slow
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_a_five_company_decline_from_a_phone(
    pg_cluster: Cluster, tmp_path: Path, browser: Any
) -> None:
    name = f"s{secrets.token_hex(5)}"
    url = pg_cluster.create_database(name).replace("+psycopg", "")
    config = write_config(tmp_path / "org.toml", url, mail_from="desk@jitai.example.jp")
    try:
        init_org(config)
        _people(config)
        with smtp_server() as smtp, stack(config, smtp, tmp_path) as site:
            _journey(site, browser)
    finally:
        pg_cluster.drop_database(name)


def _journey(site: Stack, browser: Any) -> None:
    hana = browser.new_context(**PHONE).new_page()
    request_url = request_from_phone(site, hana)

    sato = browser.new_context().new_page()
    sign_in_by_link(site, sato, "sato@example.jp")
    sato.goto(f"{site.base_url}/service")
    sato.click(f"a[href='{request_url.removeprefix(site.base_url)}']")
    body = sato.locator("#body-1")
    draft = body.input_value()
    answer = sato.goto(request_url)
    assert answer is not None
    sato.fill(
        "#body-1",
        draft.replace("お手数を", "来年度の採用でご検討いただけますと幸いです。\nお手数を"),
    )
    with sato.expect_response(lambda r: r.url.endswith("/companies/1/edit")) as refused:
        sato.click("form[action$='/companies/1/edit'] button")
    assert refused.value.status == 400  # the guardrail: a messenger does not negotiate
    sato.goto(request_url)
    sato.fill(
        "#body-1",
        draft.replace("突然のメールにて失礼いたします。", "突然のご連絡にて失礼いたします。"),
    )
    sato.click("form[action$='/companies/1/edit'] button")
    sato.wait_for_load_state()
    assert sato.locator("form[action$='/companies/1/send']").count() == 0  # needs a new approval

    hana.goto(request_url)
    _approve_all(hana)
    sato.goto(request_url)
    for position in range(1, 6):
        sato.click(f"form[action$='/companies/{position}/send'] button")
        sato.wait_for_load_state()

    deadline = time.monotonic() + 60
    while (
        time.monotonic() < deadline
        and sum(r.rcpt_tos[0].startswith("hr") for r in site.smtp.received) < 5
    ):
        time.sleep(0.5)
    time.sleep(3)  # more worker ticks: nothing is sent twice
    companies = [r for r in site.smtp.received if r.rcpt_tos[0].startswith("hr")]
    assert sorted(r.rcpt_tos[0] for r in companies) == [
        f"hr{n}@t{n}.example.jp" for n in range(1, 6)
    ]
    first = next(r.message for r in companies if r.rcpt_tos == ["hr1@t1.example.jp"])
    assert "突然のご連絡にて失礼いたします。" in first.get_body().get_content()
    assert [a.get_filename() for a in first.iter_attachments()] == ["委任状.pdf"]
    hana.goto(request_url)
    assert hana.locator("text=送信済み").count() >= 5
