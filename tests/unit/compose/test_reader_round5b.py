"""Findings of the fifth independent reader (2026-12-03, /tmp/reader5) on declines and the
checker: the mechanisms behind them, tried on cases the reader did not write."""

from __future__ import annotations

import re
from typing import Any

import pytest

from naitei.assess import assess
from naitei.case import parse_case
from naitei.check import CheckContext, check_text
from naitei.compose import draft
from naitei.compose.after import WITHDRAW_KINDS
from naitei.errors import CaseError
from naitei.plan import make_plan
from naitei.render import when
from tests.support.cases import NOW, case_data, make_case
from tests.unit.compose.golden_after import bare_facts

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


@pytest.mark.parametrize("kind", sorted(WITHDRAW_KINDS))
@pytest.mark.parametrize("via", ["direct", "agent"])
def test_a_missing_address_is_told_in_one_note(kind: str, via: str) -> None:
    """C3: a document after the call with no address to send it to carries one note on it,
    never two that overlap."""
    extra: dict[str, Any] = {"company__email": ""}
    if via == "agent":
        extra |= {"offer__via": "agent", "offer__agent_name": "ミライキャリア株式会社"}
    case = make_case(**extra)
    document = draft(kind, case, NOW, facts=bare_facts(kind, NOW))
    said = [note for note in document.notes if "アドレス" in note]
    if document.subject is None or document.to_address:
        assert said == [] or document.to_address is None
        return
    assert len(said) == 1, said


def test_the_school_hears_the_result_when_the_reply_comes_not_at_a_fixed_time() -> None:
    """C4: a step that waits for the employer's reply says so, and its window (which every
    contact step has, CONTRACTS §4) is shown as a guide, not an appointment."""
    for via in ("school",):
        plan = make_plan(make_case(offer__via=via, applicant__school="東雲大学"), NOW)
        step = next(s for s in plan.steps if s.id == "report_school")
        assert step.window is not None and step.title.startswith("返事をいただいたら、その日のうちに")
        assert when(step).endswith("（必要になったときの目安）")


def test_the_follow_up_call_asks_at_the_kits_level() -> None:
    """C5: 「…よろしいでしょうか」 as the kit's phone script says it, never 「いただけますか」 or
    「よろしいですか」 (and でしょうか no more than twice: formulas.toml)."""
    case = make_case()
    text = draft("follow-up-phone", case, NOW, facts=bare_facts("follow-up-phone", NOW)).text
    said = [line for line in text.splitlines() if line.startswith("- あなた：")]
    assert any("少しお時間をいただいてもよろしいでしょうか" in line for line in said)
    for line in said:
        assert not re.search(r"いただけますか。|よろしいですか。", line), line


def test_every_assessment_heading_asks_one_question() -> None:
    """C6: no heading asks two things (…したうえで、…か)."""
    for condition in assess(make_case(), NOW).conditions:
        assert "うえで" not in condition.title and condition.title.count("か") <= 2


@pytest.mark.parametrize(
    ("given", "fixed"),
    [
        ("㈱ミナトテック", "株式会社ミナトテック"),
        ("ミナトテック（株）", "ミナトテック株式会社"),
        ("(有) 山辺商店", "有限会社山辺商店"),
        ("ことり㈲", "ことり有限会社"),
        ("(同)アオバ", "合同会社アオバ"),
    ],
)
def test_an_abbreviated_legal_form_is_refused_with_the_name_written_out(
    given: str, fixed: str
) -> None:
    """C7: ㈱ is refused, and the message offers the exact name (前株/後株 kept)."""
    with pytest.raises(CaseError) as error:
        parse_case(case_data(company__name=given))
    assert f"「{fixed}」" in str(error.value) and "[company].name" in str(error.value)


@pytest.mark.parametrize("channel", ["email", "chat", "phone"])
@pytest.mark.parametrize("response", ["retained", "angry", "none"])
@pytest.mark.parametrize("via", ["school", "direct"])
def test_crowded_apologies_stay_within_two_sentences_that_end_differently(
    channel: str, response: str, via: str
) -> None:
    """B3: up to four extra apologies (the channel, the paperwork, the employer's response, the
    school) take at most two sentences after the main one; two joined sentences never end
    alike, and また and につきましても are each said once."""
    extra: dict[str, Any] = {"applicant__school": "東雲大学"} if via == "school" else {}
    case = make_case(
        offer__via=via,
        decline__channel=channel,
        decline__explained=True,
        decline__paperwork_done=True,
        decline__company_response=response,
        **extra,
    )
    sentences = [s + "。" for s in draft("email", case, NOW).text.replace("\n", "").split("。")]
    main = next(i for i, s in enumerate(sentences) if "心よりお詫び申し上げます" in s)
    reason = next(i for i, s in enumerate(sentences) if s.startswith("辞退を申し上げたのは"))
    extra_apologies = sentences[main + 1 : reason]
    assert len(extra_apologies) <= 2, extra_apologies
    endings = [s.rpartition("、")[2] for s in extra_apologies]
    assert len(set(endings)) == len(endings), extra_apologies
    for sentence in extra_apologies:
        assert sentence.count("また、") <= 1, sentence
    said = "".join(extra_apologies)  # no また nor につきましても in both sentences
    assert said.count("また、") <= 1 and said.count("につきましても") <= 1, extra_apologies
