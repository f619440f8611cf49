"""The web app's defences (CONTRACTS §7): Host allowlist, cross-origin writes refused (one
test per rejection reason), security headers on every response, no data in URLs or logs."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from naitei.web import Settings
from naitei.web.security import refusal
from tests.web.conftest import BASE, WIZARD_FORM, example, make_client, post_wizard

CSP_PARTS = (
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'none'",
    "object-src 'none'",
)


def assert_secure(response: Any, *, cached: bool = False) -> None:
    headers = response.headers
    csp = headers["content-security-policy"]
    for part in CSP_PARTS:
        assert part in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["x-frame-options"] == "DENY"
    assert headers["cache-control"] == ("no-cache" if cached else "no-store")


@pytest.mark.parametrize(
    "path", ["/", "/withdraw", "/decline", "/check", "/cases", "/openapi.json", "/api/cases"]
)
def test_security_headers_on_pages_and_api(client: Any, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert_secure(response)


def test_security_headers_on_static_files_which_may_be_revalidated(client: Any) -> None:
    for path in ("/static/style.css", "/static/app.js", "/static/favicon.png"):
        response = client.get(path)
        assert response.status_code == 200
        assert_secure(response, cached=True)


def test_security_headers_on_errors_redirects_and_downloads(client: Any) -> None:
    assert_secure(client.get("/no-such-page"))
    assert_secure(client.post("/api/assess", json={"version": 1}))
    saved = client.post("/api/cases", json=example("new-grad.toml"))
    assert_secure(saved)
    case_id = saved.json()["id"]
    assert_secure(client.post(f"/cases/{case_id}/export"))
    event = client.post(f"/cases/{case_id}/events", data={"kind": "note", "note": "メモ"})
    assert event.status_code == 303
    assert_secure(event)


def test_security_headers_on_refusals(client: Any) -> None:
    assert_secure(client.get("/", headers={"Host": "evil.example"}))
    assert_secure(client.post("/check", headers={"Origin": "https://evil.example"}))


# Host allowlist (DNS rebinding)


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000"])
def test_own_host_names_are_served(client: Any, host: str) -> None:
    assert client.get("/", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:8000",
        "127.0.0.1:9999",
        "localhost",
        "127.0.0.1.evil.example:8000",
    ],
)
def test_foreign_host_header_is_refused(client: Any, host: str) -> None:
    response = client.get("/", headers={"Host": host})
    assert response.status_code == 400
    assert "Host" in response.text


def test_foreign_host_is_refused_on_the_api_and_static_files(client: Any) -> None:
    for path in ("/api/cases", "/static/style.css", "/openapi.json"):
        assert client.get(path, headers={"Host": "rebind.example:8000"}).status_code == 400


def test_configured_host_is_allowed(tmp_path: Path) -> None:
    with make_client(tmp_path, host="192.168.10.5") as lan:
        assert lan.get("/", headers={"Host": "192.168.10.5:8000"}).status_code == 200
        assert lan.get("/", headers={"Host": "192.168.10.6:8000"}).status_code == 400


def test_missing_host_header_is_refused() -> None:
    scope = {"type": "http", "method": "GET", "path": "/", "headers": []}
    assert refusal(scope, Settings()) == (400, "host")


# Cross-origin writes: one test per rejection reason.


def test_foreign_origin_is_refused(client: Any) -> None:
    response = client.post("/check", data={"text": "x"}, headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_own_host_on_another_port_is_a_foreign_origin(client: Any) -> None:
    headers = {"Origin": "http://127.0.0.1:9999"}
    assert client.post("/api/cases", json={}, headers=headers).status_code == 403


def test_https_scheme_is_a_foreign_origin(client: Any) -> None:
    headers = {"Origin": "https://127.0.0.1:8000"}
    assert client.post("/api/check", json={}, headers=headers).status_code == 403


@pytest.mark.parametrize("site", ["cross-site", "same-site", "none"])
def test_sec_fetch_site_other_than_same_origin_is_refused(client: Any, site: str) -> None:
    headers = {"Origin": BASE, "Sec-Fetch-Site": site}
    assert client.post("/check", data={"text": "x"}, headers=headers).status_code == 403


def test_null_origin_without_sec_fetch_site_is_refused(client: Any) -> None:
    response = client.post("/check", data={"text": "x"}, headers={"Origin": "null"})
    assert response.status_code == 403


def test_browser_request_without_origin_is_refused(client: Any) -> None:
    headers = {"Sec-Fetch-Site": "same-origin"}
    assert client.post("/check", data={"text": "x"}, headers=headers).status_code == 403


@pytest.mark.parametrize("method", ["DELETE", "PUT", "PATCH"])
def test_every_unsafe_method_is_checked(client: Any, method: str) -> None:
    headers = {"Origin": "https://evil.example"}
    response = client.request(method, "/api/cases/abcdefghij", headers=headers)
    assert response.status_code == 403


def test_cross_site_delete_leaves_the_case(client: Any) -> None:
    case_id = client.post("/api/cases", json=example("new-grad.toml")).json()["id"]
    headers = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    assert client.post(f"/cases/{case_id}/delete", headers=headers).status_code == 403
    assert client.delete(f"/api/cases/{case_id}", headers=headers).status_code == 403
    assert client.get(f"/api/cases/{case_id}").status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": BASE, "Sec-Fetch-Site": "same-origin"},
        {"Origin": "http://localhost:8000", "Sec-Fetch-Site": "same-origin"},
        {
            "Origin": "null",
            "Sec-Fetch-Site": "same-origin",
        },  # our pages: Referrer-Policy no-referrer
        {"Origin": BASE},  # a browser without Fetch Metadata
        {},  # a non-browser client (curl, a script): no page can make a browser send this
    ],
)
def test_same_origin_and_non_browser_writes_pass(client: Any, headers: dict[str, str]) -> None:
    response = client.post("/check", data={"text": "お世話になっております。"}, headers=headers)
    assert response.status_code == 200


def test_cross_origin_reads_are_not_writes(client: Any) -> None:
    headers = {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}
    response = client.get("/", headers=headers)
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


# Privacy


def test_no_form_sends_case_content_in_the_url(client: Any) -> None:
    result = post_wizard(client, WIZARD_FORM)
    pages = [client.get(p).text for p in ("/", "/withdraw", "/decline", "/check")]
    for html in [result.text, *pages]:
        assert 'method="get"' not in html.lower()
        assert "<form" not in html or 'method="post"' in html


def test_saving_redirects_to_the_case_id_only(client: Any) -> None:
    from tests.web.conftest import hidden_case

    result = post_wizard(client, WIZARD_FORM)
    saved = client.post("/cases", data={"case": hidden_case(result.text)})
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert location.startswith("/cases/") and "山田" not in location and "%" not in location


def test_logs_carry_ids_never_names_or_reasons(
    client: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    form = {**WIZARD_FORM, "decline.reason_detail": "父の介護のため"}
    from tests.web.conftest import hidden_case

    result = post_wizard(client, form)
    saved = client.post("/cases", data={"case": hidden_case(result.text)})
    case_id = saved.headers["location"].split("/")[2].split("?")[0]
    client.post(f"/cases/{case_id}/events", data={"kind": "note", "note": "佐藤様は不在"})
    client.post("/check", data={"text": "x"}, headers={"Origin": "https://evil.example"})
    text = caplog.text
    assert case_id in text
    for secret in ("山田", "父の介護", "佐藤", "みなと精機", "taro.yamada"):
        assert secret not in text


def test_unexpected_errors_are_a_calm_500_without_details(
    client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from naitei import services

    secret = "".join(["山", "田"])  # not in any source line the traceback quotes

    def broken(*_args: Any, **_kwargs: Any) -> Any:
        raise RuntimeError(f"a message quoting {secret}")

    monkeypatch.setattr(services, "check_draft", broken)
    page = client.post("/check", data={"text": "x"})
    api = client.post("/api/check", json={"text": "x", "kind": "email"})
    assert page.status_code == api.status_code == 500
    assert secret not in page.text + api.text + caplog.text
    assert "RuntimeError" in caplog.text
    assert_secure(page)


def test_oversized_bodies_are_refused_before_reading(client: Any) -> None:
    response = client.post("/check", content=b"x" * 2_000_001)
    assert response.status_code == 413
