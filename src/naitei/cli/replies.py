"""`naitei replies`: replies from the user's own mailbox, each logged only when the user
confirms its outcome (issue 17). Imports only typer and the standard library at start-up."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from naitei.cli.common import echo, emit_json, handles_errors

OUTCOMES = ("accepted", "refused", "come_in", "call_back", "considering")


@handles_errors
def replies(
    now: Annotated[
        str | None, typer.Option("--now", help="基準にする日時（既定は現在時刻）")
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", help="text（確かめて記録する）か json（一覧だけ、記録しない）"),
    ] = "text",
) -> None:
    """メールボックス（IMAP）から先方の返信を探し、確かめたものだけ記録する。
    例: NAITEI_IMAP_HOST=imap.example.com NAITEI_IMAP_USER=me@example.com naitei replies"""
    from naitei.errors import InputError
    from naitei.mail.replies import find_replies, load_settings
    from naitei.services import parse_now
    from naitei.services.cases import open_store
    from naitei.services.inbox import confirm, watches

    if format not in ("text", "json"):
        raise InputError(f"'{format}' は text か json にしてください", field="format")
    moment = parse_now(now)
    settings = load_settings()
    store = open_store()
    found = find_replies(settings, watches(store))
    if format == "json":
        emit_json([reply.to_dict() for reply in found])
        return
    if not found:
        echo("先方からの新しい返信は見つかりませんでした。")
        return
    logged = 0
    for reply in found:
        echo("")
        echo(f"差出人: {reply.sender}")
        echo(f"件名: {reply.subject}")
        if reply.date:
            echo(f"日時: {reply.date:%Y-%m-%d %H:%M}")
        echo(f"ケース: {reply.case_id or '（' + '、'.join(reply.candidates) + ' のどれか）'}")
        if reply.warning:
            echo(f"注意: {reply.warning}")
        echo("本文（はじめの部分）:")
        echo("  " + reply.text[:400].replace("\n", "\n  "))
        case_id = reply.case_id or _ask_case(reply.candidates)
        if case_id is None:
            echo("記録しませんでした。")
            continue
        outcome = _ask_outcome(reply.suggested)
        if outcome is None:
            echo("記録しませんでした。")
            continue
        confirm(store, reply, case_id, outcome, moment)
        logged += 1
        echo(f"記録しました: {case_id} answered --outcome {outcome}")
    echo("")
    echo(f"{len(found)} 件の返信のうち {logged} 件を記録しました。")


def _read() -> str | None:
    line = sys.stdin.readline(200)
    return None if line == "" else line.strip()


def _ask_case(candidates: tuple[str, ...]) -> str | None:
    echo(f"どのケースの返信ですか（{', '.join(candidates)}、空で記録しない）: ", nl=False)
    answer = _read()
    return answer if answer in candidates else None


def _ask_outcome(suggested: str | None) -> str | None:
    hint = f"Enter で {suggested}、" if suggested else ""
    echo(f"返事の結果（{', '.join(OUTCOMES)}）。{hint}n で記録しない: ", nl=False)
    answer = _read()
    if answer is None or answer.lower() in ("n", "no"):
        return None
    if answer == "" and suggested:
        return suggested
    return answer if answer in OUTCOMES else None
