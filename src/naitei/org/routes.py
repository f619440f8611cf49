"""Routes of `naitei serve --org`. Sync handlers (FastAPI runs them in its thread pool);
every handler passes the session's actor to a service, which checks the role and runs under
row-level security. Ids in paths are never trusted: a case another user owns is a 404.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, File, Form, Request, Response, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, RedirectResponse
from sqlalchemy import Engine

from naitei.calendar import JST
from naitei.errors import InputError, parsed
from naitei.org import accounts, audit, cases, consent, passkeys, schema, sessions
from naitei.org.config import OrgConfig
from naitei.org.keys import KeyRing
from naitei.org.web import (
    address,
    cookie_name,
    csrf_checked,
    render,
    session_of,
    set_session_cookie,
)

router = APIRouter(dependencies=[Depends(csrf_checked)])
Text = Annotated[str, Form()]
Json = Annotated[dict[str, Any], Body()]
SENT = (
    "メールを送りました（登録のあるアドレスなら、数分以内に届きます）。リンクは一度だけ使えます。"
)


def _engine(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


def _config(request: Request) -> OrgConfig:
    config: OrgConfig = request.app.state.config
    return config


def _keys(request: Request) -> KeyRing:
    keys: KeyRing = request.app.state.keys
    return keys


def _defer(request: Request, outbox_id: int | None) -> None:
    """Hand a queued message to the worker (Procrastinate); the sweep catches a lost one."""
    if outbox_id is None:
        return
    defer = request.app.state.defer
    if defer is not None:
        defer(outbox_id)


def _signed_in(request: Request, token: str, csrf: str, to: str = "/") -> Response:
    response = RedirectResponse(to, status_code=303)
    set_session_cookie(response, _config(request), token)
    return response


# --- health -------------------------------------------------------------------------------


@router.get("/healthz")
def healthz() -> PlainTextResponse:
    return PlainTextResponse("ok")


@router.get("/readyz")
def readyz(request: Request) -> JSONResponse:
    checks = {"database": False, "schema": False, "keys": False}
    try:
        checks["schema"] = schema.current_revision(_engine(request)) == schema.HEAD
        checks["database"] = True
    except Exception:
        pass
    try:
        _keys(request).version()
        checks["keys"] = True
    except Exception:
        pass
    return JSONResponse(checks, status_code=200 if all(checks.values()) else 503)


@router.get("/manifest.webmanifest")
def manifest(request: Request) -> JSONResponse:
    data = {
        "name": _config(request).name, "short_name": _config(request).name[:12],
        "start_url": "/", "scope": "/", "display": "standalone", "lang": "ja",
        "background_color": "#ffffff", "theme_color": "#1f3a5f",
        "icons": [{"src": "/static/icon.png", "sizes": "192x192", "type": "image/png"}],
    }  # fmt: skip
    return JSONResponse(data, media_type="application/manifest+json")


@router.get("/sw.js")
def service_worker() -> Response:
    from naitei.org.web import HERE

    body = (HERE / "static" / "sw.js").read_bytes()
    return Response(body, media_type="text/javascript", headers={"Service-Worker-Allowed": "/"})


# --- sign-in ------------------------------------------------------------------------------


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> Response:
    return render(request, "signin.html", open_join=_config(request).join == "open")


@router.post("/signin/link-request", response_class=HTMLResponse)
def link_request(request: Request, email: Text) -> Response:
    outbox_id = sessions.request_link(_engine(request), _config(request), email, address(request))
    _defer(request, outbox_id)
    return render(request, "page.html", title="メールをご確認ください", message=SENT)


@router.get("/signin/link", response_class=HTMLResponse)
def link_page(request: Request) -> Response:
    return render(request, "link.html", title="サインイン", action="/signin/link",
                  button="サインインする", next_url="/")  # fmt: skip


@router.post("/signin/link")
def link_use(request: Request, token: Text) -> Response:
    old = request.cookies.get(cookie_name(_config(request)))
    try:
        session, csrf = sessions.consume_link(_engine(request), token, address(request), old)
    except LookupError:
        return render(request, "page.html", 400, title="リンクが使えません",
                      error="期限が切れたか、すでに使われたリンクです。もう一度お送りします。", link="/signin")  # fmt: skip
    return _signed_in(request, session, csrf)


@router.post("/passkey/signin/options")
def passkey_signin_options(request: Request) -> JSONResponse:
    return JSONResponse(passkeys.authentication_options(_engine(request), _config(request)))


@router.post("/passkey/signin/verify")
def passkey_signin(request: Request, body: Json) -> Response:
    engine, config = _engine(request), _config(request)
    _rate(engine, f"passkey-ip:{address(request)}", config.signup_per_hour)
    old = request.cookies.get(cookie_name(config))
    try:
        token, _csrf = passkeys.sign_in(engine, config, str(body.get("handle", "")),
                                       str(body.get("credential", "")), address(request), old)  # fmt: skip
    except (passkeys.PasskeyError, LookupError):
        return JSONResponse({"detail": "パスキーを確認できませんでした"}, status_code=400)
    response = JSONResponse({"ok": True})
    set_session_cookie(response, config, token)
    return response


def _rate(engine: Engine, bucket: str, limit: int) -> None:
    """Count one attempt; RateLimited (429) when the bucket is over its limit."""
    from naitei.org import ratelimit
    from naitei.org.db import system_transaction
    from naitei.org.sessions import RateLimited

    with system_transaction(engine) as connection:
        if not ratelimit.allow(connection, bucket, limit):
            raise RateLimited


@router.post("/signout")
def signout(request: Request) -> Response:
    token = request.cookies.get(cookie_name(_config(request)), "")
    sessions.end(_engine(request), token)
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(cookie_name(_config(request)), path="/")
    return response


# --- passkeys and re-authentication -------------------------------------------------------


@router.get("/account", response_class=HTMLResponse)
def account(request: Request) -> Response:
    session_of(request)
    return render(request, "account.html")


@router.post("/passkey/register/options")
def register_options(request: Request) -> JSONResponse:
    session = session_of(request)
    me = accounts.get_user(_engine(request), session.actor, session.user_id)
    return JSONResponse(
        passkeys.registration_options(_engine(request), _config(request), me.id, me.email)
    )


@router.post("/passkey/register/verify")
def register(request: Request, body: Json) -> JSONResponse:
    session = session_of(request)
    try:
        passkeys.register(_engine(request), _config(request), session.user_id,
                          str(body.get("handle", "")), str(body.get("credential", "")), address(request))  # fmt: skip
    except passkeys.PasskeyError:
        return JSONResponse({"detail": "登録できませんでした"}, status_code=400)
    return JSONResponse({"ok": True})


@router.get("/reauth", response_class=HTMLResponse)
def reauth_page(request: Request, next: str = "/") -> Response:
    session_of(request)
    return render(request, "reauth.html", next_url=_local(next))


@router.post("/passkey/reauth/options")
def reauth_options(request: Request) -> JSONResponse:
    session_of(request)
    return JSONResponse(
        passkeys.authentication_options(_engine(request), _config(request), "reauth")
    )


@router.post("/passkey/reauth/verify")
def reauth_passkey(request: Request, body: Json) -> JSONResponse:
    session = session_of(request)
    try:
        passkeys.reauthenticate(_engine(request), _config(request), session,
                                str(body.get("handle", "")), str(body.get("credential", "")), address(request))  # fmt: skip
    except passkeys.PasskeyError:
        return JSONResponse({"detail": "確認できませんでした"}, status_code=400)
    return JSONResponse({"ok": True})


@router.post("/reauth/link-request", response_class=HTMLResponse)
def reauth_link_request(request: Request) -> Response:
    session = session_of(request)
    _defer(
        request,
        sessions.request_reauth(_engine(request), _config(request), session, address(request)),
    )
    return render(request, "page.html", title="メールをご確認ください", message=SENT)


@router.get("/reauth/link", response_class=HTMLResponse)
def reauth_link_page(request: Request) -> Response:
    session_of(request)
    return render(request, "link.html", title="本人確認", action="/reauth/link",
                  button="確認する", next_url="/")  # fmt: skip


@router.post("/reauth/link")
def reauth_link(request: Request, token: Text) -> Response:
    session = session_of(request)
    if not sessions.consume_reauth(_engine(request), session, token, address(request)):
        return render(request, "page.html", 400, title="リンクが使えません", link="/")
    return render(
        request,
        "page.html",
        title="確認しました",
        message="もう一度削除の操作をしてください。",
        link="/",
    )


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    return moment if moment is None or moment.tzinfo else moment.replace(tzinfo=JST)


def _local(target: str) -> str:
    """Only a path of this site (no open redirect)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"


# --- home, consent, cases -----------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> Response:
    if request.state.session is None:
        return RedirectResponse("/signin", status_code=303)
    session = session_of(request)
    engine = _engine(request)
    if session.role == "applicant":
        return render(
            request, "home.html", cases=cases.list_cases(engine, session.actor, session.user_id)
        )
    if session.role == "adviser":
        return render(
            request, "home.html", applicants=accounts.my_applicants(engine, session.actor)
        )
    return render(request, "home.html")


@router.get("/consent", response_class=HTMLResponse)
def consent_page(request: Request) -> Response:
    session = session_of(request)
    given = consent.current(_engine(request), session.actor)
    kinds = {k: v.format(days=_config(request).retention_days) for k, v in consent.KINDS.items()}
    return render(
        request, "consent.html", kinds=kinds, consents=given, version=consent.TEXT_VERSION
    )


@router.post("/consent")
def consent_give(request: Request, kind: Text, version: Text) -> Response:
    session = session_of(request)
    consent.give(_engine(request), session.actor, kind, version, address(request))
    return RedirectResponse("/consent", status_code=303)


@router.post("/consent/withdraw")
def consent_withdraw(request: Request, kind: Text) -> Response:
    session = session_of(request)
    consent.withdraw(_engine(request), _keys(request), session.actor, kind, address(request))
    return RedirectResponse("/consent", status_code=303)


@router.get("/cases/new", response_class=HTMLResponse)
def case_form(request: Request) -> Response:
    from naitei.web import wizard

    session = session_of(request)
    if session.role != "applicant":
        raise accounts.Forbidden("ケースを作れるのはご本人（応募者）だけです")
    values = wizard.answers({})
    return _form(request, values, {}, "")


def _form(
    request: Request,
    values: dict[str, str],
    errors: dict[str, list[str]],
    notes: str,
    status: int = 200,
) -> Response:
    from naitei.web import wizard

    session = session_of(request)
    given = consent.current(_engine(request), session.actor)
    return render(request, "case_form.html", status, steps=wizard.steps(), values=values,
                  errors=errors, notes=notes, consents=given)  # fmt: skip


@router.post("/cases")
async def case_create(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    from naitei.web import wizard

    session = session_of(request)
    form = await request.form()
    raw = {k: v for k, v in form.items() if isinstance(v, str)}
    values, notes = wizard.answers(raw), raw.get("notes", "")
    _case, errors = wizard.validate(values, len(wizard.steps()), dt.datetime.now(JST))
    if errors:
        return await run_in_threadpool(_form, request, values, errors, notes, 400)
    given = await run_in_threadpool(consent.current, _engine(request), session.actor)
    try:
        case_id = await run_in_threadpool(
            cases.create, _engine(request), _keys(request), session.actor,
            wizard.case_data(values), notes, given, address(request),
        )  # fmt: skip
    except InputError as error:
        errors = {"decline.reason": [str(error)]}
        return await run_in_threadpool(_form, request, values, errors, notes, 400)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(request: Request, case_id: int) -> Response:
    session = session_of(request)
    stored = cases.get(_engine(request), _keys(request), session.actor, case_id, address(request))
    return render(request, "case.html", case=stored, assessment=_assessment(stored.data),
                  retention_days=_config(request).retention_days)  # fmt: skip


def _assessment(data: dict[str, Any]) -> str:
    from naitei import render as texts
    from naitei import services
    from naitei.case import parse_case
    from naitei.errors import NaiteiError

    try:
        case = parse_case(data, "org")
        assessment, plan = services.assess_case(case, dt.datetime.now(JST))
        return texts.assessment_text(assessment, plan.first_contact())
    except (NaiteiError, ValueError, KeyError):
        return ""


@router.post("/cases/{case_id}/delete")
def case_delete(request: Request, case_id: int) -> Response:
    session = session_of(request)
    recent = session.recently_authenticated(_config(request).reauth_seconds)
    cases.delete(_engine(request), _keys(request), session.actor, case_id, recent, address(request))
    return render(
        request,
        "page.html",
        title="削除しました",
        message="ケースと、その鍵を消去しました。",
        link="/",
    )


@router.post("/cases/{case_id}/reminders")
def case_reminder(request: Request, case_id: int, due: Text) -> Response:
    session = session_of(request)
    moment = parsed(dt.datetime.fromisoformat, due, "due", "日時の形になっていません")
    moment = moment if moment.tzinfo else moment.replace(tzinfo=JST)
    cases.add_reminder(_engine(request), session.actor, case_id, moment)
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.post("/cases/{case_id}/outcome")
def case_outcome(request: Request, case_id: int) -> Response:
    session = session_of(request)
    cases.set_outcome(_engine(request), session.actor, case_id, dt.datetime.now(JST))
    return RedirectResponse(f"/cases/{case_id}", status_code=303)


@router.get("/applicants/{user_id}", response_class=HTMLResponse)
def applicant_page(request: Request, user_id: int) -> Response:
    session = session_of(request)
    if session.role != "adviser":
        raise accounts.Forbidden("担当のアドバイザーだけが開けます")
    person = accounts.get_user(
        _engine(request), session.actor, user_id
    )  # 404 unless assigned + shared
    if person.role != "applicant":
        raise accounts.Forbidden("担当のアドバイザーだけが開けます")
    listed = cases.list_cases(_engine(request), session.actor, user_id)
    return render(request, "applicant.html", person=person, cases=listed)


# --- JSON API -----------------------------------------------------------------------------


@router.get("/api/cases")
def api_cases(request: Request) -> JSONResponse:
    session = session_of(request)
    rows = cases.list_cases(_engine(request), session.actor)
    return JSONResponse([{"id": i, "owner": o, "label": label} for i, o, label in rows])


@router.get("/api/cases/{case_id}")
def api_case(request: Request, case_id: int) -> JSONResponse:
    session = session_of(request)
    stored = cases.get(_engine(request), _keys(request), session.actor, case_id, address(request))
    return JSONResponse(
        {"id": stored.id, "owner": stored.owner_id, "case": stored.data, "notes": stored.notes}
    )


# --- admin --------------------------------------------------------------------------------


def _admin(request: Request) -> Any:
    session = session_of(request)
    if session.role != "admin":
        raise accounts.Forbidden("管理者だけが使えます")
    return session


@router.get("/admin", response_class=HTMLResponse)
def admin_page(request: Request) -> Response:
    from naitei.org import outbox

    session = _admin(request)
    users = accounts.list_users(_engine(request), session.actor)
    return render(request, "admin.html", users=users, uncertain=outbox.uncertain(_engine(request)))


@router.post("/admin/invite")
def admin_invite(request: Request, email: Text, role: Text) -> Response:
    session = _admin(request)
    _invite(
        request,
        session,
        lambda connection: [
            accounts.invite(connection, session.actor, email, role, address(request))
        ],
    )
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/invite-csv")
def admin_invite_csv(request: Request, file: Annotated[UploadFile, File()]) -> Response:
    session = _admin(request)
    data = file.file.read(1_000_001)
    if len(data) > 1_000_000:
        raise InputError("1 MB までです", field="csv")
    try:
        people = accounts.parse_cohort(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("UTF-8 で保存してください", field="csv") from None
    invited = _invite(request, session, lambda c: [
        accounts.invite(c, session.actor, email, role, address(request)) for email, role in people])  # fmt: skip
    return render(request, "page.html", title=f"{invited} 人を招待しました", link="/admin")


def _invite(request: Request, session: Any, make: Any) -> int:
    from naitei.org.db import system_transaction, transaction

    with transaction(_engine(request), session.actor) as connection:
        users = make(connection)
    queued = []
    with system_transaction(_engine(request)) as connection:
        for user in users:
            queued.append(sessions.invite_link(connection, _config(request), user.id, user.email))
    for outbox_id in queued:
        _defer(request, outbox_id)
    return len(users)


@router.post("/admin/assign")
def admin_assign(
    request: Request, applicant: Annotated[int, Form()], adviser: Annotated[int, Form()]
) -> Response:
    session = _admin(request)
    accounts.assign(_engine(request), session.actor, applicant, adviser, address(request))
    return RedirectResponse("/admin", status_code=303)


@router.post("/admin/role")
def admin_role(request: Request, user: Annotated[int, Form()], role: Text) -> Response:
    session = _admin(request)
    accounts.set_role(_engine(request), session.actor, user, role, address(request))
    return RedirectResponse("/admin", status_code=303)


@router.get("/admin/audit.csv")
def admin_audit(
    request: Request,
    account: int | None = None,
    reads: bool = False,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> Response:
    """The audit as CSV; `?account=ID&reads=true&since=…&until=…` answers "whose data did this
    account see between these times" (a breach report)."""
    session = _admin(request)
    since, until = (_aware(m) for m in (since, until))
    data = audit.export_csv(_engine(request), session.actor, since, until, account, reads)
    return Response(data, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="audit.csv"'})  # fmt: skip
