"""The composer: deterministic documents in careful business Japanese from a case.

draft("email", case, now)            -> Document
withdrawal_kit(case, now)            -> Kit (assessment, plan, every document)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from naitei.case import Case, DeclineCase, WithdrawalCase
from naitei.compose.after_facts import AfterFacts
from naitei.compose.model import Document
from naitei.errors import InputError
from naitei.vocabulary import AFTER_KINDS, DOCUMENT_KINDS

KINDS = DOCUMENT_KINDS
# An email whose addressee has no address in the case is written without a 宛先 line: the
# user is told where to find one before sending (reader 4, C8).
NO_ADDRESS = (
    "宛先のメールアドレスがケースにありません。送る前に、届いたメールや書類、採用サイトで"
    "先方のアドレスを確かめて、宛先に入れてください。"
)


def draft(
    kind: str,
    case: Case,
    now: dt.datetime,
    *,
    company: int = 1,
    after_call: bool | None = None,
    date: dt.date | None = None,
    facts: AfterFacts | None = None,
) -> Document:
    """One document of `kind` for `case` at `now` (CONTRACTS §2, `naitei draft`). A letter is
    dated `date`, or by default for its posting day in the plan. The documents after the call
    (thanks-accepted … decline-keep) read the answer's `facts`. An email without an address
    to send it to carries a note saying so (NO_ADDRESS)."""
    from naitei.compose.after import NO_ADDRESS_AFTER

    document = _draft(kind, case, now, company, after_call, date, facts)
    if NO_ADDRESS_AFTER in document.notes:
        return document  # said once, not in two notes that overlap (reader 5, C3)
    if document.subject is not None and not document.to_address:
        return replace(document, notes=(*document.notes, NO_ADDRESS))
    return document


def _draft(
    kind: str,
    case: Case,
    now: dt.datetime,
    company: int,
    after_call: bool | None,
    date: dt.date | None,
    facts: AfterFacts | None,
) -> Document:
    from naitei.compose import decline, withdrawal

    if kind not in KINDS:
        raise InputError(f"'{kind}' は次のいずれかにしてください: {', '.join(KINDS)}", field="kind")
    if facts is not None and kind not in (*AFTER_KINDS, "visit"):
        from naitei.compose.after_facts import given

        stray = sorted(given(facts))
        if stray:
            raise InputError(f"{kind} では指定できません", field=stray[0])
    if kind in AFTER_KINDS:
        from naitei.compose.after import after_document

        return after_document(kind, case, now, facts or AfterFacts(), company)
    if kind.startswith("decline-"):
        if not isinstance(case, DeclineCase):
            raise InputError(
                f'{kind}（辞退の連絡）は、辞退用のファイル（purpose = "decline"）から作ります',
                field="kind",
            )
        if kind == "decline-email":
            return decline.decline_email(case, now, company, after_call=after_call)
        return decline.decline_phone(case, now, company)
    if not isinstance(case, WithdrawalCase):
        raise InputError(
            f'{kind}（撤回の文書）は、撤回のケース（purpose = "withdraw"）から作ります',
            field="kind",
        )
    if kind == "email":
        return withdrawal.email(case, now, after_call=True if after_call is None else after_call)
    if kind == "letter":
        return withdrawal.letter(case, now, date=date)
    if kind == "visit":
        from naitei.compose.after_facts import validate

        chosen = facts or AfterFacts()
        validate("visit", chosen, now)
        return withdrawal.visit(case, now, chosen)
    return withdrawal.phone(case, now)
