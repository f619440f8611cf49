"""placeholder-left: a 伏せ字 (〇〇, ●●, XXXX, 〇月〇日, 【 】, 【氏名】, {名前}) still in the draft.

What counts as a placeholder, and what does not (a ○ bullet, 3×4, 二〇二六年, 【重要】), is in
naitei.check.placeholders. The structure rules count each one as a filled slot; this rule
reports each one, and `naitei decline --send` refuses to send a message holding one.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding

RULES = ("placeholder-left",)


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    info = rule_info("placeholder-left")
    for start, end, found in doc.placeholders:
        if doc.spoken_by_others(start):
            continue  # a script's other party is not the writer's template
        yield doc.finding("placeholder-left", start, end, info.say(found=found), None)
