"""What a case's facts decide for the wording, shared by the withdrawal and decline documents.

- the mode of the decline: `told` (the applicant declined), `proxy` (a 代行業者 did) or `silent`
  (channel = "none": no decline was made) — what is apologised for follows it;
- the words for the employer (Naming: 貴行/御行, 同行/先方, 入行) and for the user (銀行に電話する);
- the school on a school route (進路指導の先生 or キャリアセンター);
- whether an address is known, so that no document sends the user to one they do not have.
"""

from __future__ import annotations

from typing import Any, Literal

from naitei.case import Applicant
from naitei.compose.phrases import choose
from naitei.employers import Employer
from naitei.schools import School, school_of

Mode = Literal["told", "proxy", "silent"]


def mode_of(channel: str) -> Mode:
    """told / proxy / silent, from [decline].channel."""
    if channel == "none":
        return "silent"
    if channel == "proxy":
        return "proxy"
    return "told"


def hunt(applicant: Applicant) -> str:
    """就職活動 (a new graduate) or 転職活動 (mid-career)."""
    return "就職活動" if applicant.is_new_grad else "転職活動"


def school_on_route(applicant: Applicant, via: str) -> School | None:
    """The applicant's school when the offer came through its recommendation."""
    return school_of(applicant.school) if via == "school" else None


def employer_words(employer: Employer) -> dict[str, Any]:
    """The employer's words for the templates: its noun, joining and visit nouns."""
    return {
        "employer": employer,
        "noun": employer.noun,
        "join": employer.join,
        "visit_noun": employer.visit,
    }


def evidence_papers(reason: str, why: str = "") -> str:
    """The paper that shows the facts (診断書 for health, 内定取消しの通知 when the other offer was
    lost …), or "" when none fits and the offer is left out."""
    return choose("withdraw", "evidence_papers", {"reason": reason, "why": why})


def say(text: str, values: dict[str, str]) -> str:
    """A phrase-bank text with its placeholders filled in."""
    return text.format_map(values)
