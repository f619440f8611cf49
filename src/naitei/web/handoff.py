"""Handing a text over to the mail app and the phone: `mailto:` and `tel:` links, the parts of
an email to copy one by one, and scripts as plain text.

The composed texts are written for the command line's kit too, where the phone script names
the files beside it (「…のメール」（email-unreached.txt）). A web user has no such files: the web
names the tab instead.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from naitei.compose.model import Document

# A mailto: URL longer than this is cut by some mail apps and browsers (Outlook and Windows
# stop near 2,000 characters): beyond it the link carries no body, and the page says to paste.
MAILTO_LIMIT = 1800
# The kit's file names as the web names them: the tab where the text is.
_TABS = {
    "email-unreached.txt": "「メール」のタブ",
    "email.txt": "「メール」のタブ",
    "email.eml": "「メール」のタブ",
    "visit.md": "「訪問」のタブ",
    "letter.txt": "「手紙」のタブ",
    "letter.pdf": "「手紙」のタブ",
    "phone.md": "「電話」のタブ",
    "plan.md": "「行動計画」のタブ",
}
_FILE = re.compile(r"（(" + "|".join(re.escape(name) for name in _TABS) + r")）")


def web_text(text: str) -> str:
    """The text with each of the kit's file names replaced by the tab that shows it."""
    return _FILE.sub(lambda match: f"（{_TABS[match[1]]}）", text)


def plain_script(text: str) -> str:
    """A Markdown script (phone, visit) as plain text for a memo app or a mail: headings as
    【…】, list items with ・, the speaker's words kept."""
    lines = []
    for raw in web_text(text).splitlines():
        stripped = raw.strip()
        if stripped.startswith("# "):
            lines.append(stripped[2:])
        elif stripped.startswith("## "):
            lines.append(f"【{stripped[3:]}】")
        elif stripped.startswith("- "):
            lines.append(f"・{stripped[2:]}")
        else:
            lines.append(stripped)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@dataclass(frozen=True)
class Mail:
    """An email's parts as the page offers them."""

    to: str  # 佐藤様 <saiyo@example.co.jp>, or "" when the address is unknown
    address: str
    subject: str
    body: str
    mailto: str  # "" without an address
    body_in_link: bool  # False: the body is too long for the link; paste it


def mail_of(document: Document) -> Mail:
    address = document.to_address or ""
    subject = document.subject or ""
    body = web_text(document.text)
    to = f"{document.to_name} <{address}>" if address and document.to_name else address
    if not address:
        return Mail(to, address, subject, body, "", False)
    head = f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}"
    full = f"{head}&body={quote(body.replace(chr(10), chr(13) + chr(10)), safe='')}"
    fits = len(full) <= MAILTO_LIMIT
    return Mail(to, address, subject, body, full if fits else head, fits)


def tel_link(number: str | None) -> str:
    """tel:0312345678 for 03-1234-5678 (full-width digits too); "" when there is no number."""
    if not number:
        return ""
    digits = "".join(c for c in unicodedata.normalize("NFKC", number) if c.isdigit() or c == "+")
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 5 else ""
