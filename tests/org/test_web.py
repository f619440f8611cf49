"""The web app of organisation mode, in process against a real PostgreSQL: sign-in by link,
sessions and CSRF, invitations (one and a CSV cohort), assignment, consent, the case form,
re-authentication before delete, health and the phone app shell."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from naitei.org import audit
from tests.support.org import Deployment, count, last_link, org_client, sign_in
from tests.support.web import WIZARD_FORM

ADMIN = "admin@example.ac.jp"


def _setup(org: Deployment) -> tuple[object, str]:
    admin = org_client(org)
    csrf = sign_in(admin, org.engine, ADMIN)
    cohort = "email,role\nhana@example.ac.jp,applicant\nken@example.ac.jp,applicant\nsato@example.ac.jp,adviser\n"
    done = admin.post("/admin/invite-csv", data={"csrf": csrf},
                      files={"file": ("cohort.csv", cohort.encode(), "text/csv")})  # fmt: skip
    assert done.status_code == 200 and "3 人を招待しました" in done.text
    return admin, csrf


def _ids(org: Deployment) -> dict[str, int]:
    with org.engine.begin() as connection:
        return dict(
            connection.execute(text("SELECT split_part(email, '@', 1), id FROM org_users")).all()
        )


def test_nothing_answers_without_a_session_but_sign_in_and_health(org: Deployment) -> None:
    client = org_client(org)
    assert client.get("/healthz").text == "ok"
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {
        "database": True,
        "schema": True,
        "keys": True,
    }
    assert client.get("/admin", follow_redirects=False).headers["location"] == "/signin"
    assert client.get("/api/cases").status_code == 401
    assert client.post("/cases", data={}).status_code == 401
    page = client.get("/signin")
    assert (
        page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    )


def test_link_sign_in_sets_a_hardened_cookie_and_rotates_the_session(org: Deployment) -> None:
    client = org_client(org)
    sign_in(client, org.engine, ADMIN)
    first = client.cookies.get("naitei_session")
    client.post("/signin/link-request", data={"email": ADMIN})
    answer = client.post(
        "/signin/link", data={"token": last_link(org.engine, ADMIN)}, follow_redirects=False
    )
    assert answer.status_code == 303, answer.text
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert client.cookies.get("naitei_session") != first
    with org.engine.begin() as connection:
        assert connection.execute(text("SELECT count(*) FROM org_sessions")).scalar() == 1
    again = client.post("/signin/link", data={"token": last_link(org.engine, ADMIN)})
    assert again.status_code == 400  # a link works once


def test_unknown_addresses_get_the_same_answer_and_no_mail(org: Deployment) -> None:
    client = org_client(org)
    known = client.post("/signin/link-request", data={"email": ADMIN})
    unknown = client.post("/signin/link-request", data={"email": "nobody@example.jp"})
    assert known.text == unknown.text
    assert count(org.engine, "org_outbox WHERE to_address = 'nobody@example.jp'") == 0


def test_link_requests_are_rate_limited_per_account(org: Deployment) -> None:
    client = org_client(org)
    answers = [
        client.post("/signin/link-request", data={"email": ADMIN}).status_code for _ in range(12)
    ]
    assert answers[:10] == [200] * 10 and answers[10:] == [429, 429]


def test_a_post_without_the_csrf_token_or_from_another_origin_is_refused(org: Deployment) -> None:
    admin, csrf = _setup(org)
    assert (
        admin.post("/admin/invite", data={"email": "x@example.jp", "role": "applicant"}).status_code
        == 403
    )
    foreign = admin.post("/admin/invite", data={"email": "x@example.jp", "role": "applicant", "csrf": csrf},
                         headers={"Origin": "https://evil.example"})  # fmt: skip
    assert foreign.status_code == 403
    ok = admin.post("/admin/invite", data={"email": "x@example.jp", "role": "applicant", "csrf": csrf},
                    headers={"Origin": "http://localhost:8000"}, follow_redirects=False)  # fmt: skip
    assert ok.status_code == 303


def test_the_case_form_consent_and_shredding_on_withdrawal(org: Deployment) -> None:
    _setup(org)
    hana = org_client(org)
    csrf = sign_in(hana, org.engine, "hana@example.ac.jp")
    form = WIZARD_FORM | {"decline.reason": "health", "csrf": csrf, "notes": "通院の予定あり"}
    refused = hana.post("/cases", data=form)
    assert refused.status_code == 400 and "同意が必要" in refused.text
    assert (
        hana.post(
            "/consent", data={"kind": "sensitive", "version": "2026-12-v1", "csrf": csrf}
        ).status_code
        == 200
    )
    made = hana.post("/cases", data=form, follow_redirects=False)
    assert made.status_code == 303
    case_id = int(made.headers["location"].rsplit("/", 1)[1])
    page = hana.get(f"/cases/{case_id}")
    assert "通院の予定あり" in page.text and "health" in page.text
    with org.engine.begin() as connection:
        row = connection.execute(
            text("SELECT data::text, sealed FROM org_cases WHERE id = :i"), {"i": case_id}
        ).one()
    assert "health" not in row[0] and "他社" not in row[0] and row[1] is not None
    assert "通院".encode() not in bytes(row[1])
    withdrawn = hana.post("/consent/withdraw", data={"kind": "sensitive", "csrf": csrf})
    assert withdrawn.status_code == 200, withdrawn.text
    assert not (org.config.key_dir / "cases" / f"{case_id}-1.key").exists()
    after = hana.get(f"/cases/{case_id}")
    assert "通院の予定あり" not in after.text and "消去されています" in after.text


def test_an_invalid_form_names_the_field_and_stores_nothing(org: Deployment) -> None:
    _setup(org)
    hana = org_client(org)
    csrf = sign_in(hana, org.engine, "hana@example.ac.jp")
    answer = hana.post("/cases", data=WIZARD_FORM | {"company.name": "", "csrf": csrf})
    assert answer.status_code == 400 and 'id="f-company-name-error"' in answer.text
    assert count(org.engine, "org_cases") == 0


def test_delete_needs_a_fresh_reauthentication_then_destroys_the_key(org: Deployment) -> None:
    _setup(org)
    hana = org_client(org)
    csrf = sign_in(hana, org.engine, "hana@example.ac.jp")
    hana.post("/consent", data={"kind": "sensitive", "version": "2026-12-v1", "csrf": csrf})
    case_id = int(
        hana.post("/cases", data=WIZARD_FORM | {"csrf": csrf}, follow_redirects=False)
        .headers["location"]
        .rsplit("/", 1)[1]
    )
    with org.engine.begin() as connection:  # the sign-in was a while ago
        connection.execute(text("UPDATE org_sessions SET reauth_at = now() - interval '1 hour'"))
    first = hana.post(f"/cases/{case_id}/delete", data={"csrf": csrf}, follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"].startswith("/reauth")
    hana.post("/reauth/link-request", data={"csrf": csrf, "next": "/"})
    assert (
        hana.post(
            "/reauth/link",
            data={"csrf": csrf, "token": last_link(org.engine, "hana@example.ac.jp")},
        ).status_code
        == 200
    )
    done = hana.post(f"/cases/{case_id}/delete", data={"csrf": csrf})
    assert done.status_code == 200 and "消去しました" in done.text
    assert not list((org.config.key_dir / "cases").glob(f"{case_id}-*.key"))
    assert hana.get(f"/cases/{case_id}").status_code == 404
    assert audit.verify(org.engine).ok


def test_an_adviser_sees_assigned_applicants_only_after_they_share(org: Deployment) -> None:
    admin, admin_csrf = _setup(org)
    ids = _ids(org)
    hana = org_client(org)
    csrf = sign_in(hana, org.engine, "hana@example.ac.jp")
    case_id = int(hana.post("/cases", data=WIZARD_FORM | {"decline.reason_detail": "", "withdrawal.why_detail": "", "csrf": csrf},
                            follow_redirects=False).headers["location"].rsplit("/", 1)[1])  # fmt: skip
    admin.post(
        "/admin/assign", data={"applicant": ids["hana"], "adviser": ids["sato"], "csrf": admin_csrf}
    )
    sato = org_client(org)
    sign_in(sato, org.engine, "sato@example.ac.jp")
    assert sato.get(f"/cases/{case_id}").status_code == 404  # assigned, but no consent to share
    hana.post("/consent", data={"kind": "share", "version": "2026-12-v1", "csrf": csrf})
    assert sato.get(f"/cases/{case_id}").status_code == 200
    assert f"/applicants/{ids['hana']}" in sato.get("/").text
    hana.post("/consent/withdraw", data={"kind": "share", "csrf": csrf})
    assert sato.get(f"/cases/{case_id}").status_code == 404
    report = admin.get(f"/admin/audit.csv?account={ids['sato']}&reads=true").text.splitlines()
    assert len(report) == 2 and f",case.read,case,{case_id},{ids['hana']}," in report[1]


def test_the_app_shell_installs_and_caches_no_page(org: Deployment) -> None:
    client = org_client(org)
    manifest = client.get("/manifest.webmanifest")
    assert manifest.headers["content-type"].startswith("application/manifest+json")
    assert json.loads(manifest.text)["display"] == "standalone"
    worker = client.get("/sw.js").text
    assert (
        "FILES.includes(url.pathname)" in worker
        and '"/"' not in worker.split("FILES =")[1].split(";")[0]
    )


@pytest.mark.parametrize("join", ["open"])
def test_open_sign_up_creates_an_applicant_after_the_link(
    pg_cluster: object, tmp_path: object, join: str
) -> None:
    from tests.support.org import deployment

    with deployment(pg_cluster, tmp_path, join=join) as ready:  # type: ignore[arg-type]
        client = org_client(ready)
        client.post("/signin/link-request", data={"email": "new@example.jp"})
        assert count(ready.engine, "org_users WHERE email = 'new@example.jp'") == 0
        sign_in(client, ready.engine, "new@example.jp")
        with ready.engine.begin() as connection:
            role = connection.execute(
                text("SELECT role FROM org_users WHERE email = 'new@example.jp'")
            ).scalar()
        assert role == "applicant"


def test_an_idle_or_too_old_session_ends(org: Deployment) -> None:
    client = org_client(org)
    sign_in(client, org.engine, ADMIN)
    assert client.get("/admin").status_code == 200
    with org.engine.begin() as connection:
        connection.execute(text("UPDATE org_sessions SET seen_at = now() - interval '31 minutes'"))
    assert client.get("/admin", follow_redirects=False).headers["location"] == "/signin"
    sign_in(client, org.engine, ADMIN)
    with org.engine.begin() as connection:
        connection.execute(text("UPDATE org_sessions SET created_at = now() - interval '13 hours'"))
    assert client.get("/api/cases").status_code == 401


def test_admins_change_roles_and_see_mail_that_may_not_have_arrived(org: Deployment) -> None:
    admin, csrf = _setup(org)
    ids = _ids(org)
    admin.post("/admin/role", data={"user": ids["ken"], "role": "adviser", "csrf": csrf})
    with org.engine.begin() as connection:
        assert (
            connection.execute(
                text("SELECT role FROM org_users WHERE id = :i"), {"i": ids["ken"]}
            ).scalar()
            == "adviser"
        )
        connection.execute(
            text("UPDATE org_outbox SET status = 'uncertain', claimed_at = now() WHERE id = 1")
        )
    page = admin.get("/admin").text
    assert "番号 1（" in page and "自動では送り直しません" in page
    report = admin.get(
        "/admin/audit.csv", params={"since": "2000-01-01T00:00", "until": "2100-01-01T00:00"}
    ).text
    assert ",user.role,user," in report
