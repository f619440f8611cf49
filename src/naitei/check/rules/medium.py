"""onsha-in-writing and kisha-in-speech: the employer's form of address follows the medium.

Written documents (email, letter) say 貴社, 貴行, 貴院, 貴市…; spoken ones (phone, visit) say 御社,
御行, 御院, 御市…, because きしゃ is heard as 記者, 汽車 or 帰社 (and きこう as 紀行, きいん as 棋院).
Every kind of employer in data/employers.toml counts. Forms are found on the surface (the
dictionary splits 御社 into 御 + 社 in some contexts), skipping ordinary words that share one
(制御社会, 御都合, 御会計, 京都御所); a form that is itself an ordinary word (御所, 御園) counts only
when the case (--case) says it is this employer's. With the case, the fix is the employer's own
form for the medium (御社 in a letter to a bank → 貴行); without it, the form the draft's
addressee line or its other forms give (rules/employer.py). A line that is one quotation in
「」 (a messenger quoting the client's words) is kept as said and not checked here.
"""

from __future__ import annotations

from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.rules.employer import reader

RULES = ("onsha-in-writing", "kisha-in-speech")
_WRONG = {"onsha-in-writing": "spoken", "kisha-in-speech": "written"}


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    rules = [rule for rule in RULES if rule in active]
    if not rules:
        return
    own = doc.context.employer_forms
    for found in doc.forms_of_address:
        for rule in rules:
            if found.medium != _WRONG[rule] or doc.in_quoted_words(found.start):
                continue
            if own is None:
                # Without the case, the draft's addressee block or its other forms may tell
                # the kind: 御社 in a letter headed 株式会社北國みらい銀行 is 貴行, not 貴社.
                target = reader(doc)
                if target is not None:
                    own = (target.written, target.spoken)
            if own:
                suggestion = own[0] if found.medium == "spoken" else own[1]
            else:
                suggestion = found.counterpart
            message = rule_info(rule).say(found=found.form, suggestion=suggestion)
            yield doc.finding(rule, found.start, found.end, message, suggestion)
