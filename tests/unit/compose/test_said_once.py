"""What a careful writer says once per document, and lines true of the facts (reader 3: B7,
C3, the agent's 先方, w12's 他社の内定, 前言 after a proxy decline)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from naitei.calendar import JST
from naitei.compose import draft
from tests.support.cases import AGENT, NOW, make_case
from tests.unit.compose.golden_after import DECLINE_CASES, WITHDRAW_CASES, after_documents

KINDS = ("phone", "visit", "email", "letter")


def texts(case: object) -> dict[str, str]:
    found = {kind: draft(kind, case, NOW).text for kind in KINDS}  # type: ignore[arg-type]
    found["email-unreached"] = draft("email", case, NOW, after_call=False).text  # type: ignore[arg-type]
    return found


def declined(days: int) -> dt.datetime:
    return (NOW - dt.timedelta(days=days)).replace(hour=11, minute=0).astimezone(JST)


@pytest.mark.parametrize(
    ("days", "paperwork", "said"),
    [
        (100, True, "辞退から三か月が経ち、手続きまでお取りいただいたあとで"),
        (91, False, "辞退から三か月近くが経ってからのお願いとなり"),  # 8月26日 to 11月25日
        (75, False, "辞退から二か月が経ってからのお願いとなり"),
        (59, False, None),
        (10, True, None),
    ],
)
def test_a_late_request_says_the_time_that_passed(
    days: int, paperwork: bool, said: str | None
) -> None:
    case = make_case(decline__declined_at=declined(days), decline__paperwork_done=paperwork)
    for kind, text in texts(case).items():
        if said is None:
            assert "が経" not in text, kind
            continue
        spoken = kind in ("phone", "visit")
        # spoken, 辞退 is not said a third time in the turn (reader 5, B3): お手続き
        aloud = said.replace("あとで", "あと").replace(
            "辞退から三か月が経ち、手続き", "三か月が経ち、お手続き"
        )
        assert (aloud if spoken else said) in text or (
            spoken and said.replace("が経ってから", "も経ってから") in text
        ), (kind, text)
        assert text.count("心苦し") + text.count("恐縮しております") <= 1, kind


def test_a_silent_applicant_is_not_told_of_a_decline_long_past() -> None:
    case = make_case(decline__declined_at=declined(91), decline__channel="none")
    for kind, text in texts(case).items():
        assert "辞退から" not in text, kind


@pytest.mark.parametrize(
    ("name", "form", "other"),
    [
        ("札幌市役所", "貴市", "貴庁"),
        ("北海道庁", "貴道", "貴庁"),
        ("みなと町役場", "貴町", "貴庁"),
    ],
)
def test_one_form_of_address_per_document(name: str, form: str, other: str) -> None:
    case = make_case(company__name=name)
    email = draft("email", case, NOW).text
    assert f"{form}に伺い" in email and other not in email


def test_the_agent_is_not_told_senpo_again_and_again() -> None:
    case = make_case(
        **AGENT,
        company__name="株式会社北洋みらい銀行",
        decline__channel="agent",
        decline__company_response="retained",
        withdrawal__strengths=["簿記2級"],
    )
    for kind, text in texts(case).items():
        if kind in ("email", "email-unreached"):
            assert text.count("先方") <= 2, (kind, text)
            assert "同行" not in text, kind


def test_the_other_offer_is_named_once() -> None:
    lost = {"decline__reason": "other_offer", "withdrawal__why": "other_offer_lost"}
    case = make_case(
        **lost,
        decline__reason_detail="他社の内定が出たため",
        withdrawal__why_detail="他社の内定が取り消されました",
    )
    for kind, text in texts(case).items():
        assert text.count("他社の内定") == 1, (kind, text)
        assert "その内定が取り消されました" in text, kind
    plain = make_case(**lost)  # the same story without the user's words
    for kind, text in texts(plain).items():  # named once, in the candour line (not on a visit)
        assert text.count("他社の内定") == (kind != "visit"), (kind, text)
        assert ("他社の内定を失ったからといって" in text) is (kind != "visit"), kind


@pytest.mark.parametrize("channel", ["proxy", "phone"])
def test_no_zengen_after_a_proxy_decline(channel: str) -> None:
    case = make_case(decline__channel=channel, withdrawal__why="changed_mind")
    for kind, text in texts(case).items():
        if kind == "visit":
            continue
        assert ("前言を翻す" in text) is (channel == "phone"), kind
        assert ("いったん出した結論を覆す" in text) is (channel == "proxy"), kind


SILENT = {
    "decline__channel": "none",
    "decline__reason": "undisclosed",
    "decline__explained": False,
    "decline__declined_at": declined(3),
    "withdrawal__why": "other",
}


def test_a_span_longer_than_the_dates_allow_is_the_time_that_passed() -> None:
    """Reader 2, B4b: 「一週間が過ぎました」 when the case says three days ago."""
    case = make_case(
        **SILENT,
        withdrawal__why_detail="入社日の連絡に返信しないまま一週間が過ぎてしまいました。",
    )
    for kind, text in texts(case).items():
        assert "一週間" not in text, kind
        assert "三日が過ぎ" in text, kind
    shorter = make_case(  # a shorter span may count from a later event: it stays
        **(SILENT | {"decline__declined_at": declined(20)}),
        withdrawal__why_detail="入社日の連絡に返信しないまま一週間が過ぎてしまいました。",
    )
    assert "一週間が過ぎ" in draft("email", shorter, NOW).text


def test_no_judging_line_after_the_users_own_apology_and_few_oheji() -> None:
    """Reader 2, B4d/e: the user's words apologise (申し訳なく思っております): no 「私の対応が
    至らなかったと痛感」 after them; お返事 is not said again and again in one document."""
    case = make_case(
        **SILENT,
        withdrawal__why_detail="入社日のご連絡に返信しないままでした。大変申し訳なく思っております。",
    )
    for kind, text in texts(case).items():
        assert "痛感" not in text, kind
        assert text.count("お返事") <= 2, (kind, text)


# 先方 and the 同-forms of the employer kinds (同社, 同金庫, 同大学, 同法人 …)
SAME = re.compile(
    "先方|同(?:社|金庫|庫|院|法人|大学|学校|校|組合|事務所|機構|市|県|都|道|府|町|村|省|庁)"
)


@pytest.mark.parametrize("name", [*WITHDRAW_CASES, *DECLINE_CASES])
def test_no_document_after_the_call_names_the_employer_senpo_three_times(name: str) -> None:
    """The agent's decline-keep said 先方 (or 同社) three times in six lines, thanks-considering
    同社 three lines running. A script counts what is said (あなた：), not its guidance."""
    for file_name, document in after_documents(name).items():
        lines = document.text.splitlines()
        said = [line for line in lines if "あなた：" in line or not file_name.endswith(".md")]
        assert len(SAME.findall("\n".join(said))) <= 2, file_name
