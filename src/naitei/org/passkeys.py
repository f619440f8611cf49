"""Passkeys (WebAuthn, py_webauthn): registration for a signed-in user, and discoverable
sign-in (no address typed) or re-authentication. User verification is required. Challenges
live in org_challenges for five minutes and are used once.
"""

from __future__ import annotations

import json
import secrets

from sqlalchemy import Engine, text

from naitei.org import audit, sessions
from naitei.org.config import OrgConfig
from naitei.org.db import system_transaction


class PasskeyError(Exception):
    """The browser's answer did not verify (the web answers 400, nothing changes)."""


def _challenge(engine: Engine, challenge: bytes, user_id: int | None, purpose: str) -> str:
    handle = secrets.token_urlsafe(18)
    with system_transaction(engine) as connection:
        connection.execute(
            text(
                "INSERT INTO org_challenges (id, challenge, user_id, purpose, expires_at)"
                " VALUES (:i, :c, :u, :p, now() + interval '5 minutes')"
            ),
            {"i": handle, "c": challenge, "u": user_id, "p": purpose},
        )
    return handle


def _take(engine: Engine, handle: str, purpose: str) -> tuple[bytes, int | None]:
    with system_transaction(engine) as connection:
        row = connection.execute(
            text(
                "DELETE FROM org_challenges WHERE id = :i AND purpose = :p AND expires_at > now()"
                " RETURNING challenge, user_id"
            ),
            {"i": handle, "p": purpose},
        ).first()
    if row is None:
        raise PasskeyError("challenge")
    return bytes(row[0]), row[1]


def registration_options(
    engine: Engine, config: OrgConfig, user_id: int, email: str
) -> dict[str, object]:
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        PublicKeyCredentialDescriptor,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    with system_transaction(engine) as connection:
        existing = [bytes(r[0]) for r in connection.execute(
            text("SELECT id FROM org_credentials WHERE user_id = :u"), {"u": user_id})]  # fmt: skip
    options = generate_registration_options(
        rp_id=config.rp_id,
        rp_name=config.name,
        user_id=str(user_id).encode(),
        user_name=email,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
        exclude_credentials=[PublicKeyCredentialDescriptor(id=c) for c in existing],
    )
    handle = _challenge(engine, options.challenge, user_id, "register")
    return {"handle": handle, "options": json.loads(options_to_json(options))}


def register(
    engine: Engine, config: OrgConfig, user_id: int, handle: str, credential: str, address: str
) -> None:
    from webauthn import verify_registration_response

    challenge, owner = _take(engine, handle, "register")
    if owner != user_id:
        raise PasskeyError("owner")
    try:
        verified = verify_registration_response(
            credential=credential, expected_challenge=challenge, expected_rp_id=config.rp_id,
            expected_origin=config.origin, require_user_verification=True,
        )  # fmt: skip
    except Exception as error:
        raise PasskeyError(type(error).__name__) from None
    with system_transaction(engine) as connection:
        connection.execute(
            text("INSERT INTO org_credentials (id, user_id, public_key, sign_count)"
                 " VALUES (:i, :u, :k, :c) ON CONFLICT (id) DO NOTHING"),
            {"i": verified.credential_id, "u": user_id, "k": verified.credential_public_key,
             "c": verified.sign_count},
        )  # fmt: skip
        connection.execute(text("SELECT set_config('app.user_id', :u, true)"), {"u": str(user_id)})
        audit.record(connection, "passkey.register", "user", user_id, user_id, address)


def authentication_options(
    engine: Engine, config: OrgConfig, purpose: str = "signin"
) -> dict[str, object]:
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import UserVerificationRequirement

    options = generate_authentication_options(
        rp_id=config.rp_id, user_verification=UserVerificationRequirement.REQUIRED
    )
    handle = _challenge(engine, options.challenge, None, purpose)
    return {"handle": handle, "options": json.loads(options_to_json(options))}


def authenticate(
    engine: Engine, config: OrgConfig, handle: str, credential: str, purpose: str = "signin"
) -> int:
    """The user id the assertion proves (sign count checked and advanced)."""
    from webauthn import verify_authentication_response
    from webauthn.helpers import base64url_to_bytes

    challenge, _ = _take(engine, handle, purpose)
    try:
        raw_id = base64url_to_bytes(json.loads(credential)["rawId"])
    except (ValueError, KeyError, TypeError):
        raise PasskeyError("credential") from None
    with system_transaction(engine) as connection:
        row = connection.execute(
            text(
                "SELECT user_id, public_key, sign_count FROM org_credentials WHERE id = :i FOR UPDATE"
            ),
            {"i": raw_id},
        ).first()
        if row is None:
            raise PasskeyError("unknown credential")
        try:
            verified = verify_authentication_response(
                credential=credential, expected_challenge=challenge, expected_rp_id=config.rp_id,
                expected_origin=config.origin, credential_public_key=bytes(row[1]),
                credential_current_sign_count=int(row[2]), require_user_verification=True,
            )  # fmt: skip
        except Exception as error:
            raise PasskeyError(type(error).__name__) from None
        connection.execute(
            text("UPDATE org_credentials SET sign_count = :c WHERE id = :i"),
            {"c": verified.new_sign_count, "i": raw_id},
        )
    return int(row[0])


def sign_in(
    engine: Engine, config: OrgConfig, handle: str, credential: str, address: str, old: str | None
) -> tuple[str, str]:
    user_id = authenticate(engine, config, handle, credential)
    with system_transaction(engine) as connection:
        return sessions.start_session(connection, user_id, address, old, "signin.passkey")


def reauthenticate(
    engine: Engine,
    config: OrgConfig,
    session: sessions.Session,
    handle: str,
    credential: str,
    address: str,
) -> None:
    if authenticate(engine, config, handle, credential, "reauth") != session.user_id:
        raise PasskeyError("another user's passkey")
    with system_transaction(engine) as connection:
        sessions.mark_reauthenticated(connection, session.token_hash)
        connection.execute(
            text("SELECT set_config('app.user_id', :u, true)"), {"u": str(session.user_id)}
        )
        audit.record(
            connection, "reauth.passkey", "user", session.user_id, session.user_id, address
        )
