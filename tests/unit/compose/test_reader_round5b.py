"""Findings of the fifth independent reader (2026-12-03, /tmp/reader5) on declines and the
checker: the mechanisms behind them, tried on cases the reader did not write."""

from __future__ import annotations

from typing import Any

import pytest

from naitei.case import parse_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from tests.support.cases import NOW, make_case

PAPERS = "提出いたしました書類のお取り扱い"


def _decline(company: dict[str, Any]) -> dict[str, Any]:
    return {
        "version": 1,
        "purpose": "decline",
        "applicant": {
            "name": "森田 翔",
            "kind": "mid_career",
            "email": "sho.morita@example.jp",
            "phone": "080-1111-2222",
        },
        "decline": {"reason": "family"},
        "companies": [company],
    }


COMPANIES = {
    "direct-hospital": {
        "name": "医療法人社団すずかけ会",
        "department": "事務部",
        "contact_name": "小野",
        "email": "jinji@suzukake.example.jp",
        "phone": "03-1234-5678",
        "via": "direct",
    },
    "direct-bank": {
        "name": "株式会社ひばり銀行",
        "department": "人事部",
        "email": "saiyo@hibari-bank.example.jp",
        "phone": "022-222-3333",
        "via": "direct",
    },
    "agent": {
        "name": "ことり電機株式会社",
        "contact_name": "西田",
        "via": "agent",
        "agent_name": "リンクキャリア株式会社",
        "agent_contact": "大野",
        "agent_email": "ono@link-career.example.jp",
    },
}


@pytest.mark.parametrize("accepted", [True, False])
@pytest.mark.parametrize("which", sorted(COMPANIES))
def test_an_accepted_offer_is_declined_as_accepted_and_its_papers_asked_about(
    which: str, accepted: bool
) -> None:
    """B6/B7: an accepted offer never opens with thanks for the offer notice; the papers
    already handed in are asked about in the email and at the close of the call, only when
    the offer was accepted; the email after the call says the decline as done."""
    case = parse_case(_decline(COMPANIES[which] | {"accepted": accepted}))
    phone = draft("decline-phone", case, NOW, company=1).text
    email = draft("decline-email", case, NOW, company=1).text
    if accepted:
        assert "内定のご連絡をいただき" not in phone + email
        if which != "agent":
            assert "内定をお受けしておきながら、大変申し上げにくいのですが" in phone
        # the acceptance is said once per turn, never twice in a row
        assert phone.count("お受けしておきながら") == 1, phone
        assert email.count("お受けしておきながら") == 1, email
        assert PAPERS in email and PAPERS in phone.split("## 6.")[1]
    else:
        assert "お受けしておきながら" not in phone + email
        assert PAPERS not in phone + email
    if "お電話" in email:
        assert "お伝えいたしましたとおり" in email and "辞退させていただきます。" in email
        assert "辞退させていただきたく存じます" not in email
    context = CheckContext.from_case(case, 0)
    for kind, text in (("phone", phone), ("email", email)):
        for given in (context, None):
            report = check_text(text, kind, "decline", given)  # type: ignore[arg-type]
            assert [f for f in report.findings if f.severity != "info"] == [], (kind, text)


def test_an_accepted_offer_declined_by_email_alone_says_the_acceptance_once() -> None:
    case = parse_case(_decline(COMPANIES["direct-bank"] | {"accepted": True}))
    email = draft("decline-email", case, NOW, company=1, after_call=False).text
    assert "内定のご連絡をいただき" not in email
    assert email.count("内定をお受けしておきながら") == 1 and PAPERS in email
    assert "内定をお受けしておきながら、大変申し上げにくいのですが、辞退させて" in email


@pytest.mark.parametrize(
    ("school", "word", "channel", "paperwork"),
    [
        ("南陽工業高等専門学校", "高専", "email", True),
        ("西都看護専門学校", "学校", "chat", True),
        ("東雲大学", "大学", "email", False),
    ],
)
def test_extra_apologies_are_at_most_two_sentences_and_name_the_school_once(
    school: str, word: str, channel: str, paperwork: bool
) -> None:
    """B3: the apologies after the main one are joined in at most two written sentences (the
    school and the way the decline was sent in one); the school is named once a sentence; a
    spoken turn of the visit memo says 辞退 at most twice."""
    case = make_case(
        offer__via="school",
        applicant__school=school,
        decline__channel=channel,
        decline__paperwork_done=paperwork,
        decline__explained=paperwork,
    )
    for kind in ("email",):
        text = draft(kind, case, NOW).text
        sentences = [s + "。" for s in text.replace("\n", "").split("。") if s]
        main = next(i for i, s in enumerate(sentences) if "心よりお詫び申し上げます" in s)
        reason = next(i for i, s in enumerate(sentences) if s.startswith("辞退を申し上げたのは"))
        assert reason - main - 1 <= 2, sentences[main:reason]
        for sentence in sentences:
            assert sentence.count(f"{word}に") + sentence.count(f"{word}の推薦") <= 1, sentence
        assert any("学校推薦をいただいた内定" in s for s in sentences[main + 1 : reason])
    for kind in ("visit", "phone"):
        for line in draft(kind, case, NOW).text.splitlines():
            if line.startswith("- あなた："):
                assert line.count("辞退") <= 2, line
