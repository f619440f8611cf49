"""Issue 19 §8 in one run on the organisation-mode stack (slow): `naitei serve --org --workers
2` and `naitei worker` as processes, aiosmtpd, Dovecot and Chromium. A client on a 375 px screen
requests a five-company decline and signs the 委任状; staff try an edit the 非弁 guardrail blocks
(it is never stored, approved or sent), make one it accepts; the client approves; the worker is
killed (SIGKILL) while the SMTP server takes the second company's email and started again; each
company gets its email once; a reply arrives over IMAP and lands on the right company's timeline
in the client's browser; the audit shows every step."""

from __future__ import annotations

import os
import secrets
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from naitei.org.config import load_config
from naitei.org.db import make_engine
from tests.support import imapd
from tests.support.net import free_port
from tests.support.org import write_config
from tests.support.org_stack import Stack, clean_env, init_org, process, sign_in_by_link, wait_http
from tests.support.pg import Cluster
from tests.support.service_flows import (
    _approve_all,
    _people,
    deliver,
    reply_to,
    request_from_phone,
)
from tests.support.smtpd import smtp_server

pytestmark = pytest.mark.slow
PHONE = {"viewport": {"width": 375, "height": 812}, "is_mobile": True, "has_touch": True}
BLOCKED = "来年度の採用でご検討いただけますと幸いです。"


def _companies(smtp: Any) -> list[Any]:
    return [r for r in smtp.received if r.rcpt_tos[0].startswith("hr")]


def _wait(check: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out: {what}")


def test_the_decline_service_end_to_end(pg_cluster: Cluster, tmp_path: Path, browser: Any) -> None:
    if not imapd.available():
        pytest.fail(imapd.INSTALL_HINT, pytrace=False)
    name = f"j{secrets.token_hex(5)}"
    url = pg_cluster.create_database(name).replace("+psycopg", "")
    try:
        with imapd.imap_server() as mailbox:
            config = write_config(tmp_path / "org.toml", url, mail_from="desk@jitai.example.jp")
            with config.open("a", encoding="utf-8") as out:
                out.write(f'[imap]\nhost = "127.0.0.1"\nport = {mailbox.port}\nsecurity = "none"\n'
                          f'user = "{mailbox.user}"\npoll_minutes = 1\n')  # fmt: skip
            init_org(config)
            _people(config)
            _run(config, mailbox, tmp_path, browser)
    finally:
        pg_cluster.drop_database(name)


def _run(config: Path, mailbox: imapd.Imapd, folder: Path, browser: Any) -> None:
    worker_pid: dict[str, int] = {}
    box: dict[str, Any] = {}

    def kill_mid_batch(count: int) -> None:  # the 2nd company's email taken, its 250 never sent
        if len(_companies(box["smtp"])) == 2 and "pid" in worker_pid:
            os.killpg(worker_pid.pop("pid"), signal.SIGKILL)

    port = free_port()
    with smtp_server(on_accept=kill_mid_batch) as smtp:
        box["smtp"] = smtp
        env = clean_env(
            NAITEI_ORG_BASE_URL=f"http://localhost:{port}", NAITEI_ORG_SMTP_PORT=str(smtp.port),
            NAITEI_ORG_WORKER_TICK_SECONDS="1", NAITEI_ORG_WORKER_HEARTBEAT_SECONDS="1",
            NAITEI_ORG_WORKER_STALLED_SECONDS="3", NAITEI_ORG_IMAP_PASSWORD=mailbox.password,
        )  # fmt: skip
        serve = ["serve", "--org", "--workers", "2", "--host", "127.0.0.1", "--port", str(port),
                 "--config", str(config)]  # fmt: skip
        worker = ["worker", "--config", str(config)]
        with (
            process(serve, env, folder / "serve.log"),
            process(worker, env, folder / "worker1.log") as first,
        ):
            worker_pid["pid"] = first.pid
            wait_http(f"http://127.0.0.1:{port}/readyz")
            site = Stack(f"http://localhost:{port}", config, env, smtp)
            request_url, sato = _request_and_review(site, browser)
            for position in range(1, 6):
                sato.click(f"form[action$='/companies/{position}/send'] button")
                sato.wait_for_load_state()
            first.wait(timeout=90)
            assert first.returncode == -signal.SIGKILL
            assert len(_companies(smtp)) == 2
            with process(worker, env, folder / "worker2.log"):
                _wait(lambda: len(_companies(smtp)) >= 5, 90, "five company emails")
                time.sleep(4)  # more ticks and a stalled-job retry: nothing is sent twice
                _reply_and_audit(site, browser, request_url, mailbox, config)
    companies = _companies(smtp)
    assert sorted(r.rcpt_tos[0] for r in companies) == [
        f"hr{n}@t{n}.example.jp" for n in range(1, 6)
    ]
    for received in companies:
        content = received.message.get_body().get_content()
        assert BLOCKED not in content
        assert [a.get_filename() for a in received.message.iter_attachments()] == ["委任状.pdf"]
    first_company = next(r.message for r in companies if r.rcpt_tos == ["hr1@t1.example.jp"])
    assert "突然のご連絡にて失礼いたします。" in first_company.get_body().get_content()


def _request_and_review(site: Stack, browser: Any) -> tuple[str, Any]:
    hana = browser.new_context(**PHONE).new_page()
    request_url = request_from_phone(site, hana)

    sato = browser.new_context().new_page()
    sign_in_by_link(site, sato, "sato@example.jp")
    sato.goto(request_url)
    draft = sato.locator("#body-1").input_value()
    sato.fill("#body-1", draft.replace("お手数を", BLOCKED + "\nお手数を"))
    with sato.expect_response(lambda r: r.url.endswith("/companies/1/edit")) as refused:
        sato.click("form[action$='/companies/1/edit'] button")
    assert refused.value.status == 400 and "弁護士" in refused.value.text()
    # The blocked draft was never stored: a forged send of it is refused too.
    csrf = (
        sato.evaluate("document.body.dataset.csrf || ''")
        or sato.locator("input[name=csrf]").first.input_value()
    )
    sato.goto(request_url)
    assert BLOCKED not in sato.locator("#body-1").input_value()
    sato.fill(
        "#body-1",
        draft.replace("突然のメールにて失礼いたします。", "突然のご連絡にて失礼いたします。"),
    )
    sato.click("form[action$='/companies/1/edit'] button")
    sato.wait_for_load_state()
    forged = sato.request.post(f"{request_url}/companies/1/send", form={"csrf": csrf})
    assert forged.status == 400  # edited after approval: not sent until approved again
    hana.goto(request_url)
    _approve_all(hana)
    hana.context.close()
    sato.goto(request_url)
    return request_url, sato


def _reply_and_audit(
    site: Stack, browser: Any, request_url: str, mailbox: imapd.Imapd, config: Path
) -> None:
    sent = next(r.message for r in _companies(site.smtp) if r.rcpt_tos == ["hr3@t3.example.jp"])
    deliver(
        mailbox,
        reply_to(sent, "hr3@t3.example.jp", "研修費を請求いたします。", "<r3@t3.example.jp>"),
    )
    hana = browser.new_context(**PHONE).new_page()
    sign_in_by_link(site, hana, "hana@example.jp")

    def answered() -> bool:
        hana.goto(request_url)
        section = hana.content().split("3. 株式会社テスト3")[1].split("4. 株式会社テスト4")[0]
        return "返事あり" in section

    _wait(answered, 150, "the reply on company 3's timeline (polled every minute)")
    page = hana.content()
    section = page.split("3. 株式会社テスト3")[1].split("4. 株式会社テスト4")[0]
    assert "弁護士に相談" in section
    assert page.count("返事あり") == section.count("返事あり")  # on company 3 only
    assert hana.locator("text=送信済み").count() >= 4
    assert hana.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    engine = make_engine(load_config(config, environ={}), admin=True, pool_size=1)
    try:
        with engine.begin() as connection:
            actions = [r[0] for r in connection.execute(text("SELECT action FROM org_audit"))]
            kinds = [r[0] for r in connection.execute(text("SELECT kind FROM service_events"))]
            statuses = sorted(
                r[0] for r in connection.execute(text("SELECT status FROM service_sends"))
            )
    finally:
        engine.dispose()
    for action in ("service.request", "service.authorise", "service.edit"):
        assert action in actions
    assert actions.count("service.approve") == 6 and actions.count("service.send") == 5
    assert kinds.count("drafted") == 5 and kinds.count("answered") == 1
    assert statuses.count("sent") == 4  # the one taken when the worker died: never resent
    assert len(statuses) == 5
