"""The checker knows employer kinds: every kind's spoken form (御行, 御院, 御庫, 御市…) is an error
in writing and every written form (貴行, 貴院…) in speech; ordinary words that share a form are
not; the addressee may be any organisation of the employer table."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text
from naitei.employers import all_honorifics
from tests.support import check_samples as samples

WRITTEN, SPOKEN = all_honorifics()
UNAMBIGUOUS_SPOKEN = sorted(SPOKEN - {"御所", "御園", "御村", "御会", "御道", "御都"})
UNAMBIGUOUS_WRITTEN = sorted(WRITTEN - {"貴所"})


def flagged(
    text: str, rule: str, kind: str = "email", context: CheckContext | None = None
) -> list[tuple[str, str | None]]:
    report = check_text(text, kind, "withdraw", context)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


@pytest.mark.parametrize("form", UNAMBIGUOUS_SPOKEN)
def test_every_spoken_form_is_an_error_in_writing(form: str) -> None:
    text = f"{form}で働きたいという思いは変わりません。"
    ((found, suggestion),) = flagged(text, "onsha-in-writing", "email")
    assert found == form and suggestion is not None and suggestion.startswith("貴")
    assert flagged(text, "onsha-in-writing", "letter") == [(found, suggestion)]
    assert flagged(text, "kisha-in-speech", "phone") == []


@pytest.mark.parametrize("form", UNAMBIGUOUS_WRITTEN)
def test_every_written_form_is_an_error_in_speech(form: str) -> None:
    text = f"{form}で働きたいという思いは変わりません。"
    ((found, suggestion),) = flagged(text, "kisha-in-speech", "phone")
    assert found == form and suggestion is not None and suggestion.startswith("御")
    assert flagged(text, "onsha-in-writing", "email") == []


def test_messages_name_the_actual_forms() -> None:
    report = check_text("御行の皆様に", "email", "withdraw")
    (finding,) = [f for f in report.findings if f.rule == "onsha-in-writing"]
    assert "「御行」" in finding.message and "「貴行」" in finding.message
    report = check_text("貴院で働きたい", "phone", "withdraw")
    (finding,) = [f for f in report.findings if f.rule == "kisha-in-speech"]
    assert "「貴院」" in finding.message and "「御院」" in finding.message


@pytest.mark.parametrize(
    "text",
    [
        "京都御所を見学した経験を生かします。",
        "御園座での公演を拝見しました。",
        "御会計をお願いいたします。",
        "職場の御局様のような存在です。",
        "御都合のよい日時をお知らせください。",
        "御行儀よく振る舞います。",
        "制御社会と防御社会について研究しました。",
        "新聞記者を目指していました。",
        "大御所の先生に伺いました。",
        "御学友の皆様によろしくお伝えください。",
        "御校正をお願いいたします。",
        "御所望の資料をお送りします。",
    ],
)
def test_ordinary_words_sharing_a_form_are_not_flagged(text: str) -> None:
    for kind in ("email", "phone"):
        report = check_text(text, kind, "withdraw")  # type: ignore[arg-type]
        rules = {f.rule for f in report.findings}
        assert not rules & {"onsha-in-writing", "kisha-in-speech"}, (kind, text)


def test_a_form_that_is_an_ordinary_word_counts_when_the_case_says_so() -> None:
    text = "御所で研究を続けたいと考えております。"
    assert flagged(text, "onsha-in-writing") == []
    lab = CheckContext(company_name="東西研究所", employer_forms=("貴所", "御所"))
    assert flagged(text, "onsha-in-writing", context=lab) == [("御所", "貴所")]
    assert flagged("京都御所を見学しました。", "onsha-in-writing", context=lab) == []


def test_with_the_case_the_fix_is_the_employers_own_form() -> None:
    bank = CheckContext(company_name="東西銀行", employer_forms=("貴行", "御行"))
    assert flagged("御社に貢献したい", "onsha-in-writing", context=bank) == [("御社", "貴行")]
    assert flagged("貴社に貢献したい", "kisha-in-speech", "phone", bank) == [("貴社", "御行")]
    assert flagged("御社に貢献したい", "onsha-in-writing") == [("御社", "貴社")]


def test_a_custom_form_of_the_case_is_known() -> None:
    custom = CheckContext(company_name="東西機構", employer_forms=("貴機構", "御機構"))
    assert flagged("御機構で働きたい", "onsha-in-writing", context=custom) == [("御機構", "貴機構")]
    assert flagged("貴機構で働きたい", "kisha-in-speech", "phone", custom) == [("貴機構", "御機構")]


@pytest.mark.parametrize(
    "organisation",
    [
        "横浜市役所\n職員課",
        "福岡県\n人事委員会事務局",
        "東西信用金庫\n人事部",
        "東西大学病院\n看護部",
        "学校法人北斗学園\n法人事務局",
        "国立大学法人 東西大学\n人事課",
        "厚生労働省\n大臣官房人事課",
        "南町役場\n総務課",
        "社会福祉法人さくら会\n法人本部",
    ],
)
def test_an_addressee_may_be_any_organisation_of_the_employer_table(organisation: str) -> None:
    text = samples.EMAIL_WITHDRAW.replace("株式会社サンプル\n人事部", organisation)
    assert organisation in text
    report = check_text(text, "email", "withdraw")
    assert "missing-addressee" not in {f.rule for f in report.findings}
