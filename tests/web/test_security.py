"""The web app's defences (CONTRACTS §7): Host allowlist, cross-origin writes refused (one
test per rejection reason), security headers on every response, no data in URLs or logs."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from naitei.web import Settings
from naitei.web.auth import session_value
from naitei.web.security import refusal
from tests.support.web import BASE, TOKEN, WIZARD_FORM, example, make_client, post_wizard

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
    from tests.support.web import hidden_case

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
    from tests.support.web import hidden_case

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


# The key (issue 14, CONTRACTS §8): any local account could read, export and delete every
# case through the server. Without the key nothing but the static files is answered.

KEYLESS_REQUESTS = [
    ("GET", "/"),
    ("GET", "/cases"),
    ("GET", "/cases/abcdefghij"),
    ("GET", "/cases/abcdefghij/delete"),
    ("POST", "/cases/export"),
    ("POST", "/cases/abcdefghij/export"),
    ("POST", "/cases/abcdefghij/delete"),
    ("POST", "/withdraw/download"),
    ("POST", "/decline/download"),
    ("GET", "/check"),
    ("GET", "/openapi.json"),
    ("GET", "/api/cases"),
    ("GET", "/api/cases/abcdefghij"),
    ("DELETE", "/api/cases/abcdefghij"),
    ("POST", "/api/cases"),
    ("POST", "/api/assess"),
    ("GET", "/no-such-page"),
]


@pytest.fixture(scope="module")
def keyless(tmp_path_factory: pytest.TempPathFactory) -> Any:
    with make_client(tmp_path_factory.mktemp("keyless"), keyless=True) as anyone:
        yield anyone


@pytest.mark.parametrize(("method", "path"), KEYLESS_REQUESTS)
def test_without_the_key_every_request_is_401(keyless: Any, method: str, path: str) -> None:
    response = keyless.request(method, path)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="naitei"'
    assert_secure(response)
    if path.startswith("/api/") or path == "/openapi.json":
        assert "鍵が必要です" in response.json()["detail"][0]["message"]
    else:
        assert "鍵が必要です" in response.text and "--print-token" in response.text


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": "Bearer wrong-token"},
        {"Authorization": f"Basic {TOKEN}"},
        {"Authorization": "Bearer "},
        {"Cookie": f"naitei_session_8000={TOKEN}"},  # the token itself is not the session
        {"Cookie": "naitei_session_8000=0"},
        {"Cookie": f"naitei_session_9999={session_value(Settings(port=9999, token=TOKEN))}"},
        {"Host": "127.0.0.1:8000", "X-Forwarded-For": "127.0.0.1"},
    ],
    ids=[
        "wrong bearer",
        "basic",
        "empty bearer",
        "token as cookie",
        "bad cookie",
        "another port's cookie",
        "forged forwarding",
    ],
)
def test_a_wrong_key_is_401(keyless: Any, headers: dict[str, str]) -> None:
    assert keyless.get("/api/cases", headers=headers).status_code == 401


def test_static_files_need_no_key(keyless: Any) -> None:
    assert keyless.get("/static/style.css").status_code == 200


def test_a_forged_host_without_the_key_gets_nothing(keyless: Any) -> None:
    for host in ("127.0.0.1:8000", "localhost:8000", "evil.example:8000"):
        response = keyless.get("/api/cases", headers={"Host": host})
        assert response.status_code in (400, 401) and "[" not in response.text[:1]


def test_the_printed_address_becomes_a_strict_session_cookie(keyless: Any) -> None:
    response = keyless.get(f"/cases?page=1&token={TOKEN}")
    assert response.status_code == 303
    assert response.headers["location"] == "/cases?page=1"  # the token leaves the address
    cookie = response.headers["set-cookie"]
    expected = session_value(Settings(token=TOKEN))
    assert cookie.startswith(f"naitei_session_8000={expected};")
    for attribute in ("HttpOnly", "SameSite=Strict", "Path=/"):
        assert attribute in cookie
    assert TOKEN not in cookie and "Secure" not in cookie
    keyless.cookies.set("naitei_session_8000", expected)
    try:
        assert keyless.get("/cases?page=1").status_code == 200
    finally:
        keyless.cookies.clear()


def test_a_wrong_token_in_the_address_sets_no_cookie(keyless: Any) -> None:
    response = keyless.get("/?token=guess")
    assert response.status_code == 401 and "set-cookie" not in response.headers
    assert "鍵が違います" in response.text


def test_over_tls_the_cookie_is_secure_and_origins_are_https(tmp_path: Path) -> None:
    with make_client(tmp_path, keyless=True, tls=True) as client:
        cookie = client.get(f"/?token={TOKEN}").headers["set-cookie"]
        assert "Secure" in cookie
        assert "https://127.0.0.1:8000" in client.app.state.settings.allowed_origins()


def test_the_key_is_checked_before_anything_is_read_or_written(tmp_path: Path) -> None:
    with make_client(tmp_path) as owner, make_client(tmp_path, keyless=True) as anyone:
        case_id = owner.post("/api/cases", json=example("new-grad.toml")).json()["id"]
        assert anyone.post(f"/cases/{case_id}/delete").status_code == 401
        assert anyone.post("/cases/export").status_code == 401
        assert owner.get(f"/api/cases/{case_id}").status_code == 200


# HEAD (issue 14): pages answered 405 to HEAD; every GET route answers it, without a body.


@pytest.mark.parametrize(
    "path", ["/", "/withdraw/1", "/cases", "/api/cases", "/openapi.json", "/static/style.css"]
)
def test_head_is_answered_for_every_get_route(client: Any, path: str) -> None:
    head = client.head(path)
    get = client.get(path)
    assert head.status_code == 200, path
    assert head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert_secure(head, cached=path.startswith("/static/"))


def test_head_on_a_post_only_route_is_405_naming_the_methods(client: Any) -> None:
    response = client.head("/api/check")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


# Bodies are limited while they stream (issue 14): a chunked 300 MB body was buffered whole.


def chunks(size: int, chunk: int = 64 * 1024) -> Any:
    sent = 0
    while sent < size:
        yield b"x" * chunk
        sent += chunk


@pytest.mark.parametrize("path", ["/api/check", "/check", "/api/cases", "/cases/export"])
def test_a_chunked_body_past_the_limit_is_413(client: Any, path: str) -> None:
    response = client.post(path, content=chunks(3_000_000))  # no Content-Length: chunked
    assert response.status_code == 413
    assert response.headers["connection"] == "close"


def test_a_chunked_body_within_the_limit_is_read(client: Any) -> None:
    body = json.dumps({"text": "お世話になっております。", "kind": "email"}).encode()
    response = client.post(
        "/api/check",
        content=iter([body[:10], body[10:]]),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 200, response.text
