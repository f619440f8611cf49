"""The IDOR suite: every route of `naitei serve --org` with a path parameter, tried as each
role (anonymous, another applicant, an adviser not assigned, an adviser assigned without the
applicant's share consent, an admin) against another user's case and account. Each answer
must be 401, 403 or 404, and no answer to anyone — list pages and the JSON API included —
may carry the owner's data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text

from naitei.org.routes import router
from tests.support.org import Deployment, org_client, sign_in
from tests.support.web import WIZARD_FORM

SECRET = "秘密のメモ・通院"
COMPANY = "株式会社あおば商事"
ROLES = ["anonymous", "other-applicant", "adviser-unassigned", "adviser-no-share", "admin"]
FORM = {"due": "2027-01-10T10:00", "kind": "share", "version": "2026-12-v1", "email": "z@example.jp",
        "role": "admin", "applicant": "1", "adviser": "1", "user": "1", "token": "x", "next": "/"}  # fmt: skip


def _routes() -> list[tuple[str, str]]:
    found = []
    for route in router.routes:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods - {"HEAD"}):
                found.append((method, route.path))
    return found


PARAMETERISED = [(m, p) for m, p in _routes() if "{" in p]


@pytest.fixture
def world(org: Deployment) -> dict[str, Any]:
    admin = org_client(org)
    admin_csrf = sign_in(admin, org.engine, "admin@example.ac.jp")
    for email, role in (("owner@example.jp", "applicant"), ("other@example.jp", "applicant"),
                        ("far@example.jp", "adviser"), ("near@example.jp", "adviser")):  # fmt: skip
        admin.post("/admin/invite", data={"email": email, "role": role, "csrf": admin_csrf})
    with org.engine.begin() as connection:
        ids = dict(
            connection.execute(text("SELECT split_part(email, '@', 1), id FROM org_users")).all()
        )
    admin.post(
        "/admin/assign",
        data={"applicant": ids["owner"], "adviser": ids["near"], "csrf": admin_csrf},
    )
    owner = org_client(org)
    csrf = sign_in(owner, org.engine, "owner@example.jp")
    owner.post("/consent", data={"kind": "sensitive", "version": "2026-12-v1", "csrf": csrf})
    form = WIZARD_FORM | {
        "company.name": COMPANY,
        "notes": SECRET,
        "decline.reason": "health",
        "csrf": csrf,
    }
    made = owner.post("/cases", data=form, follow_redirects=False)
    case_id = int(made.headers["location"].rsplit("/", 1)[1])
    clients: dict[str, tuple[Any, str]] = {
        "anonymous": (org_client(org), ""),
        "admin": (admin, admin_csrf),
    }
    for role, email in (("other-applicant", "other@example.jp"), ("adviser-unassigned", "far@example.jp"),
                        ("adviser-no-share", "near@example.jp")):  # fmt: skip
        client = org_client(org)
        clients[role] = (client, sign_in(client, org.engine, email))
    return {"case": case_id, "user": ids["owner"], "clients": clients, "owner": (owner, csrf)}


def _fill(path: str, world: dict[str, Any]) -> str:
    return path.replace("{case_id}", str(world["case"])).replace("{user_id}", str(world["user"]))


def _leaks(body: str) -> bool:
    return SECRET in body or COMPANY in body or "owner@example.jp" in body


def test_the_suite_covers_every_route_with_an_id() -> None:
    assert {p for _, p in PARAMETERISED} >= {"/cases/{case_id}", "/api/cases/{case_id}",
                                             "/cases/{case_id}/delete", "/applicants/{user_id}"}  # fmt: skip


@pytest.mark.parametrize("role", ROLES)
def test_no_role_reaches_another_users_objects(world: dict[str, Any], role: str) -> None:
    client, csrf = world["clients"][role]
    for method, path in PARAMETERISED:
        url = _fill(path, world)
        if method == "GET":
            answer = client.get(url, follow_redirects=False)
        else:
            answer = client.request(method, url, data=FORM | {"csrf": csrf}, follow_redirects=False)
        expected = {401, 403, 404} if role != "anonymous" else {401, 303}
        assert answer.status_code in expected, (role, method, url, answer.status_code)
        assert not _leaks(answer.text), (role, method, url)
    owner, _ = world["owner"]
    assert owner.get(f"/cases/{world['case']}").status_code == 200  # nothing was deleted


@pytest.mark.parametrize("role", ROLES)
def test_no_list_or_page_shows_another_users_data(world: dict[str, Any], role: str) -> None:
    client, _ = world["clients"][role]
    for method, path in _routes():
        if method != "GET" or "{" in path or path in ("/sw.js",):
            continue
        answer = client.get(path, follow_redirects=False)
        body = (
            answer.text
            if role != "admin" or path != "/admin"
            else re.sub(r"owner@example\.jp", "", answer.text)
        )
        assert not _leaks(body), (role, path)


def test_the_owner_and_a_sharing_applicants_adviser_do_see_it(world: dict[str, Any]) -> None:
    owner, csrf = world["owner"]
    assert SECRET in owner.get(f"/cases/{world['case']}").text
    owner.post("/consent", data={"kind": "share", "version": "2026-12-v1", "csrf": csrf})
    near, _ = world["clients"]["adviser-no-share"]
    assert SECRET in near.get(f"/cases/{world['case']}").text  # the control: the suite can fail
