"""other-organisation: an organisation left over from another letter (without ``--case``).

With a case, company-name-mismatch knows the addressee's exact name. Without one, the
addressee is read from the top of the draft: the first organisation name in the lines before
the body (株式会社X, X株式会社 … the legal forms of lexicon.toml). A different organisation later in the text is flagged only
when the draft treats it as the reader: followed by 様 or 御中 (株式会社みなと精機様より),
or placed in the addressee's role (Xの一員として, Xに入社, Xへの入社). Naming another company
as a fact (他社から内定を, 株式会社Yから内定をいただいた) is not flagged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from naitei.check.data import rule_info
from naitei.check.document import Document
from naitei.check.model import Finding
from naitei.check.names import NameInText, names_in, squeeze

RULES = ("other-organisation",)

_READER = re.compile(
    r"[ \u3000]*(?:様|さま|御中|の一員|に入社|への入社|で働|に貢献|の皆様|の発展|のご発展)"
)
_HEAD = 8


def check(doc: Document, active: frozenset[str]) -> Iterator[Finding]:
    if "other-organisation" not in active or doc.context.company_name or not doc.written:
        return
    if "会社" not in doc.text and "法人" not in doc.text:
        return
    names = names_in(doc.text)
    if len(names) < 2:
        return
    addressee = _addressee(doc, names)
    if addressee is None:
        return
    info = rule_info("other-organisation")
    for name in names:
        found = doc.text[name.start : name.end]
        if name.start <= addressee[1] or squeeze(found) == addressee[0]:
            continue
        if squeeze(name.base) == squeeze(addressee[2]):
            continue  # the addressee written another way: company-name-mismatch's business
        if _READER.match(doc.text, name.end) is None:
            continue
        message = info.say(found=found, suggestion=addressee[0])
        yield doc.finding("other-organisation", name.start, name.end, message, None)


def _addressee(doc: Document, names: list[NameInText]) -> tuple[str, int, str] | None:
    """(name, end offset, base) of the organisation the draft is addressed to."""
    head = doc.content_lines[:_HEAD]
    for line in head:
        if "。" in line.text:
            break
        for name in names:
            if line.start <= name.start < line.end:
                return squeeze(doc.text[name.start : name.end]), name.end, name.base
    return None
