"""The whole stack as it runs (slow): a throw-away PostgreSQL cluster, `naitei org init`,
`naitei serve --org --workers 2`, `naitei worker`, aiosmtpd for the mail, and Chromium with a
virtual WebAuthn authenticator: sign in by link, register and use a passkey, invite a cohort
from CSV, assign an adviser, give and withdraw consent, enter a case through the form,
re-authenticate with the passkey and delete the case (its key destroyed), verify the audit
chain, and check that one role cannot see another's data."""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any

import pytest

from tests.support.cli import naitei
from tests.support.org import drop_login, login_url, write_config
from tests.support.org_stack import (
    Stack,
    add_authenticator,
    clean_env,
    init_org,
    sign_in_by_link,
    stack,
)
from tests.support.pg import Cluster
from tests.support.smtpd import smtp_server
from tests.support.web import WIZARD_FORM

pytestmark = pytest.mark.slow
SECRET = "持病の通院のため"


def _fill_case(page: Any) -> None:
    form = WIZARD_FORM | {"decline.reason": "health", "decline.reason_detail": SECRET}
    for name, value in form.items():
        field = page.locator(f'[name="{name}"]')
        kind = field.first.evaluate("e => e.tagName + ':' + (e.type || '')")
        if kind.endswith(":radio"):
            page.locator(f'[name="{name}"][value="{value}"]').check()
        elif kind.startswith("SELECT"):
            field.select_option(value)
        else:
            field.fill(value)


def test_the_whole_stack_in_a_browser(pg_cluster: Cluster, tmp_path: Path, browser: Any) -> None:
    name = f"s{secrets.token_hex(5)}"
    url = pg_cluster.create_database(name).replace("+psycopg", "")
    login = f"{name}_web"  # serve and the worker log in as the app's login, init as the owner
    config = write_config(tmp_path / "org.toml", login_url(url, login), admin_database_url=url)
    try:
        init_org(config)
        with smtp_server() as smtp, stack(config, smtp, tmp_path) as site:
            _journey(site, browser, tmp_path, url)
        verified = naitei("audit", "verify", "--config", str(config), env=clean_env())
        assert verified.returncode == 0, verified.stderr
    finally:
        pg_cluster.drop_database(name)
        drop_login(pg_cluster, login)


def _journey(site: Stack, browser: Any, folder: Path, url: str) -> None:
    admin_context = browser.new_context()
    admin = admin_context.new_page()
    cdp, authenticator = add_authenticator(admin_context, admin)
    sign_in_by_link(site, admin, "admin@example.ac.jp")
    admin.goto(f"{site.base_url}/account")
    admin.click("#passkey-register")
    admin.wait_for_selector("#passkey-done:not([hidden])")
    admin.click("text=サインアウト")
    admin.wait_for_url(f"{site.base_url}/signin")
    cdp.send(
        "WebAuthn.setUserVerified", {"authenticatorId": authenticator, "isUserVerified": False}
    )
    admin.click("#passkey-signin")  # no user verification (no fingerprint): refused
    admin.wait_for_selector("#passkey-error:not([hidden])")
    assert admin.url == f"{site.base_url}/signin"
    cdp.send("WebAuthn.setUserVerified", {"authenticatorId": authenticator, "isUserVerified": True})
    admin.click("#passkey-signin")  # the passkey alone: no address typed
    admin.wait_for_url(f"{site.base_url}/")
    cohort = folder / "cohort.csv"
    cohort.write_text(
        "email,role\nhana@example.jp,applicant\nken@example.jp,applicant\nsato@example.jp,adviser\n",
        encoding="utf-8",
    )
    admin.goto(f"{site.base_url}/admin")
    admin.set_input_files("form[action='/admin/invite-csv'] input[type=file]", str(cohort))
    admin.click("form[action='/admin/invite-csv'] button")
    admin.wait_for_selector("text=3 人を招待しました")
    admin.goto(f"{site.base_url}/admin")
    admin.select_option("#applicant", label="hana@example.jp")
    admin.select_option("#adviser", label="sato@example.jp")
    admin.click("form[action='/admin/assign'] button")

    hana_context = browser.new_context()
    hana = hana_context.new_page()
    add_authenticator(hana_context, hana)
    sign_in_by_link(site, hana, "hana@example.jp")
    hana.goto(f"{site.base_url}/consent")
    for _ in range(2):
        hana.click("form[action='/consent'] button >> nth=0")
        hana.wait_for_url(f"{site.base_url}/consent")
    hana.goto(f"{site.base_url}/cases/new")
    _fill_case(hana)
    hana.click("form[action='/cases'] button[type=submit]")
    hana.wait_for_url(f"{site.base_url}/cases/*")
    case_url = hana.url
    assert SECRET in hana.content()

    sato_context = browser.new_context()
    sato = sato_context.new_page()
    sign_in_by_link(site, sato, "sato@example.jp")
    assert SECRET in sato.goto(case_url).text()  # type: ignore[union-attr]
    ken_context = browser.new_context()
    ken = ken_context.new_page()
    sign_in_by_link(site, ken, "ken@example.jp")
    assert ken.goto(case_url).status == 404  # type: ignore[union-attr]

    hana.goto(f"{site.base_url}/consent")
    hana.click("form[action='/consent/withdraw'] >> nth=1 >> button")  # stop sharing
    hana.wait_for_url(f"{site.base_url}/consent")
    assert sato.goto(case_url).status == 404  # type: ignore[union-attr]

    hana.goto(f"{site.base_url}/account")
    hana.click("#passkey-register")
    hana.wait_for_selector("#passkey-done:not([hidden])")
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:  # the sign-in was long ago
        connection.execute("UPDATE org_sessions SET reauth_at = now() - interval '1 hour'")
    hana.goto(case_url)
    hana.click("form[action$='/delete'] button")
    hana.wait_for_url(re.compile(r".*/reauth\?next=/cases/\d+$"))
    hana.click("#passkey-reauth")
    hana.wait_for_url(case_url)
    hana.click("form[action$='/delete'] button")
    hana.wait_for_selector("text=ケースと、その鍵を消去しました")
    case_id = case_url.rsplit("/", 1)[1]
    assert not list((site.config.parent / "keys" / "cases").glob(f"{case_id}-*.key"))
    assert hana.goto(case_url).status == 404  # type: ignore[union-attr]
