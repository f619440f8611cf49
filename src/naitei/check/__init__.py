"""The checker: a proofreader for business Japanese (CONTRACTS §6).

Plain Python with no I/O. ``check_text`` runs every rule that applies to a draft's kind
(email, letter: written; phone, visit: spoken) and purpose (withdraw, decline, accept, thanks,
schedule, apology, other — or auto, inferred from the text) and returns
a ``Report``; the renderers turn it into text for people, JSON, or textlint's format.

    >>> report = check_text("御社の採用ご担当者様", kind="email")  # doctest: +SKIP
    >>> report.findings[0].suggestion                            # doctest: +SKIP
    '貴社'
"""

from __future__ import annotations

from naitei.check.data import RuleInfo, rule_infos
from naitei.check.engine import active_rules, check_text, warm_up
from naitei.check.model import (
    AUTO,
    KINDS,
    PURPOSE_CHOICES,
    PURPOSE_LABELS,
    PURPOSES,
    CheckContext,
    Finding,
    Fix,
    Kind,
    Purpose,
    Report,
    Severity,
)
from naitei.check.render import (
    inferred_purpose,
    render_json,
    render_text,
    render_textlint,
    summary,
)

__all__ = [
    "AUTO",
    "KINDS",
    "PURPOSES",
    "PURPOSE_CHOICES",
    "PURPOSE_LABELS",
    "CheckContext",
    "Finding",
    "Fix",
    "Kind",
    "Purpose",
    "Report",
    "RuleInfo",
    "Severity",
    "active_rules",
    "check_text",
    "inferred_purpose",
    "render_json",
    "render_text",
    "render_textlint",
    "rule_infos",
    "summary",
    "warm_up",
]
