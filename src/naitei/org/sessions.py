"""Sign-in: emailed one-time links, server-side sessions, re-authentication.

Tokens are random (secrets.token_urlsafe(32)); only their SHA-256 is stored. Sessions expire
after `session_idle_seconds` without a request and `session_absolute_seconds` after sign-in;
every sign-in makes a new session (rotation) and the old one, if any, is deleted. These tables
are reached only through system transactions: they are needed before anyone is known, and
naitei_app has no grant on them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine, text

from naitei.org import audit, outbox, ratelimit
from naitei.org.accounts import normal_email
from naitei.org.config import OrgConfig
from naitei.org.db import Actor, system_transaction

LINK_SUBJECT = "{name} へのサインイン用リンク"
LINK_BODY = (
    "{name} へのサインインのご依頼を受け付けました。\n"
    "下記のリンクを {minutes} 分以内に開いてください（一度だけ使えます）。\n\n{url}\n\n"
    "お心当たりのない場合は、このメールを破棄してください。\n"
)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Session:
    user_id: int
    role: str
    csrf: str
    token_hash: str
    reauth_at: datetime
    now: datetime

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.role)

    def recently_authenticated(self, seconds: int) -> bool:
        return (self.now - self.reauth_at).total_seconds() <= seconds


class RateLimited(Exception):
    """Too many attempts for this account or address (the web answers 429)."""


def request_link(
    engine: Engine, config: OrgConfig, email: str, address: str, purpose: str = "signin"
) -> int | None:
    """Queue a one-time link for `email`. The answer never tells whether the address is known
    (no account enumeration): the outbox id, or None when nothing was queued."""
    email = normal_email(email)
    with system_transaction(engine) as connection:
        per_address = ratelimit.allow(connection, f"link-ip:{address}", config.signup_per_hour)
        per_account = ratelimit.allow(connection, f"link:{email}", config.signin_per_hour)
        if not (per_address and per_account):
            raise RateLimited
        row = connection.execute(
            text("SELECT id, status FROM org_users WHERE email = :e"), {"e": email}
        ).first()
        if row is not None and row[1] == "disabled":
            return None
        if row is None and (config.join != "open" or purpose != "signin"):
            return None
        kind = "signup" if row is None else purpose
        return _queue_link(connection, config, email, row[0] if row else None, kind)


def _queue_link(
    connection: Connection, config: OrgConfig, email: str, user_id: int | None, kind: str
) -> int:
    token = secrets.token_urlsafe(32)
    connection.execute(
        text(
            "INSERT INTO org_links (token_hash, user_id, email, purpose, expires_at)"
            " VALUES (:h, :u, :e, :p, now() + make_interval(mins => :m))"
        ),
        {"h": digest(token), "u": user_id, "e": email, "p": kind, "m": config.link_minutes},
    )
    path = "/reauth/link" if kind == "reauth" else "/signin/link"
    url = f"{config.base_url}{path}#{token}"
    body = LINK_BODY.format(name=config.name, minutes=config.link_minutes, url=url)
    subject = LINK_SUBJECT.format(name=config.name)
    return outbox.queue(connection, "signin-link", user_id, email, subject, body)


def invite_link(connection: Connection, config: OrgConfig, user_id: int, email: str) -> int:
    """An invitation is a sign-in link (valid for a week) queued with the new account."""
    token = secrets.token_urlsafe(32)
    connection.execute(
        text(
            "INSERT INTO org_links (token_hash, user_id, email, purpose, expires_at)"
            " VALUES (:h, :u, :e, 'signin', now() + interval '7 days')"
        ),
        {"h": digest(token), "u": user_id, "e": email},
    )
    body = (
        f"{config.name} に招待されました。下記のリンクからサインインしてください"
        f"（7 日間有効、一度だけ使えます）。\n\n{config.base_url}/signin/link#{token}\n"
    )
    return outbox.queue(connection, "invitation", user_id, email, f"{config.name} への招待", body)


def consume_link(engine: Engine, token: str, address: str, old: str | None) -> tuple[str, str]:
    """Use a link once: the account (created for an open sign-up, activated when invited),
    then a new session. Returns (session token, csrf); raises LookupError for a bad link."""
    with system_transaction(engine) as connection:
        link = connection.execute(
            text(
                "UPDATE org_links SET used_at = now() WHERE token_hash = :h AND used_at IS NULL"
                " AND expires_at > now() RETURNING user_id, email, purpose"
            ),
            {"h": digest(token)},
        ).first()
        if link is None:
            raise LookupError("link")
        user_id, email, purpose = link
        if purpose == "signup":
            user_id = connection.execute(
                text(
                    "INSERT INTO org_users (email, role, status) VALUES (:e, 'applicant', 'active')"
                    " ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id"
                ),
                {"e": email},
            ).scalar_one()
        if purpose == "reauth":
            raise LookupError("reauth link used as sign-in")
        return start_session(connection, int(user_id), address, old, "signin.link")


def start_session(
    connection: Connection, user_id: int, address: str, old: str | None, how: str
) -> tuple[str, str]:
    status = connection.execute(
        text(
            "UPDATE org_users SET status = 'active' WHERE id = :u AND status <> 'disabled'"
            " RETURNING status"
        ),
        {"u": user_id},
    ).first()
    if status is None:
        raise LookupError("disabled")
    if old:
        connection.execute(
            text("DELETE FROM org_sessions WHERE token_hash = :h"), {"h": digest(old)}
        )
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    connection.execute(
        text("INSERT INTO org_sessions (token_hash, user_id, csrf) VALUES (:h, :u, :c)"),
        {"h": digest(token), "u": user_id, "c": csrf},
    )
    connection.execute(text("SELECT set_config('app.user_id', :u, true)"), {"u": str(user_id)})
    audit.record(connection, how, "user", user_id, user_id, address)
    return token, csrf


def load(engine: Engine, config: OrgConfig, token: str) -> Session | None:
    """The live session of a cookie, or None. Its idle clock is touched when it is more than a
    minute old (a write per minute per session, not per request)."""
    if not token or len(token) > 100:
        return None
    with system_transaction(engine) as connection:
        row = connection.execute(
            text(
                "SELECT s.user_id, u.role, s.csrf, s.token_hash, s.reauth_at, now(),"
                " s.seen_at < now() - interval '60 seconds'"
                " FROM org_sessions s JOIN org_users u ON u.id = s.user_id"
                " WHERE s.token_hash = :h AND u.status = 'active'"
                " AND s.seen_at > now() - make_interval(secs => :idle)"
                " AND s.created_at > now() - make_interval(secs => :absolute)"
            ),
            {
                "h": digest(token),
                "idle": config.session_idle_seconds,
                "absolute": config.session_absolute_seconds,
            },
        ).first()
        if row is not None and row[6]:  # the idle clock, touched at most once a minute
            connection.execute(
                text("UPDATE org_sessions SET seen_at = now() WHERE token_hash = :h"), {"h": row[3]}
            )
    if row is None:
        return None
    return Session(*row[:6])
    return Session(*row) if row else None


def end(engine: Engine, token: str) -> None:
    with system_transaction(engine) as connection:
        connection.execute(
            text("DELETE FROM org_sessions WHERE token_hash = :h"), {"h": digest(token)}
        )


def mark_reauthenticated(connection: Connection, token_hash: str) -> None:
    connection.execute(
        text("UPDATE org_sessions SET reauth_at = now() WHERE token_hash = :h"), {"h": token_hash}
    )


def request_reauth(engine: Engine, config: OrgConfig, session: Session, address: str) -> int:
    """Re-authentication by email (for people without a passkey): a link bound to the session."""
    with system_transaction(engine) as connection:
        if not ratelimit.allow(connection, f"reauth:{session.user_id}", config.signin_per_hour):
            raise RateLimited
        email = connection.execute(
            text("SELECT email FROM org_users WHERE id = :u"), {"u": session.user_id}
        ).scalar_one()
        return _queue_link(connection, config, email, session.user_id, "reauth")


def consume_reauth(engine: Engine, session: Session, token: str, address: str) -> bool:
    with system_transaction(engine) as connection:
        used = connection.execute(
            text(
                "UPDATE org_links SET used_at = now() WHERE token_hash = :h AND used_at IS NULL"
                " AND expires_at > now() AND purpose = 'reauth' AND user_id = :u RETURNING 1"
            ),
            {"h": digest(token), "u": session.user_id},
        ).first()
        if used is None:
            return False
        mark_reauthenticated(connection, session.token_hash)
        connection.execute(
            text("SELECT set_config('app.user_id', :u, true)"), {"u": str(session.user_id)}
        )
        audit.record(connection, "reauth.link", "user", session.user_id, session.user_id, address)
    return True
