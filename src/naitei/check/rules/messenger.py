"""The decline service's 非弁 guardrail as checker rules (purpose ``messenger``).

Every sentence the messenger writes or says is screened by naitei.messenger.guardrail; a hit
becomes an error of the rule for its category (messenger-money, messenger-negotiation …). In a
phone script only the messenger's own lines (あなた：) are screened, when the script has labels:
the company's lines and the notes to the staff member may name what must not be answered.
``messenger-unnamed``: the message must say, near its start, which service sends it (the
context's ``service_name``) and on whose request.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.precompiled import regex

CATEGORY_RULES = {
    "negotiation": "messenger-negotiation",
    "money": "messenger-money",
    "dispute": "messenger-dispute",
    "threat": "messenger-threat",
    "legal_claim": "messenger-legal-claim",
    "legal_opinion": "messenger-legal-opinion",
}
RULES = (*CATEGORY_RULES.values(), "messenger-unnamed")
# Whose request: 「山田様のご依頼により」「ご本人に代わり」「使者として」.
_BEHALF = regex(r"ご依頼(?:により|を受け|で)|に代わ(?:り|って)|使者として|代理として")
_OPENING = 400  # characters: "near the start" of a message


def _screened(doc: Document) -> list[tuple[int, str]]:
    """(offset, text) of the parts the messenger says or writes."""
    if doc.said_lines:
        return [(line.start, line.text) for line in doc.said_lines]
    return [(0, doc.own_text)]


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    from naitei.messenger.guardrail import screen

    for offset, text in _screened(doc):
        for hit in screen(text).hits:
            rule = CATEGORY_RULES[hit.category]
            if rule in active:
                message = rule_info(rule).say(found=hit.found)
                yield doc.finding(rule, offset + hit.start, offset + hit.end, message)
    if "messenger-unnamed" in active:
        yield from _unnamed(doc)


def _unnamed(doc: Document) -> Iterator[Finding]:
    opening = doc.text[:_OPENING]
    name = doc.context.service_name
    if _BEHALF.search(opening) and (not name or name in opening):
        return
    example = f"「{name}」" if name else "「〇〇代行サービス」"
    yield doc.finding(
        "messenger-unnamed", 0, 0, rule_info("messenger-unnamed").say(example=example)
    )
