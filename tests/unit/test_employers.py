"""Employer kinds: detection from the name, and the case file's explicit kind and honorific."""

from __future__ import annotations

import pytest

from naitei.employers import EMPLOYER_KINDS, all_honorifics, employer_of, organisation_pattern


@pytest.mark.parametrize(
    ("name", "kind", "written", "spoken", "join"),
    [
        ("株式会社みなと精機", "company", "貴社", "御社", "入社"),
        ("北辰フーズ株式会社", "company", "貴社", "御社", "入社"),
        ("株式会社三菱UFJ銀行", "bank", "貴行", "御行", "入行"),
        ("東西信用金庫", "shinkin", "貴庫", "御庫", "入庫"),
        ("中央労働金庫", "shinkin", "貴庫", "御庫", "入庫"),
        ("東西大学病院", "hospital", "貴院", "御院", "入職"),
        ("医療法人社団 青葉会", "hospital", "貴院", "御院", "入職"),
        ("東西大学生活協同組合", "cooperative", "貴組合", "御組合", "入組"),
        ("国立大学法人 東西大学", "university", "貴学", "御学", "入職"),
        ("学校法人東西学園 東西高等学校", "school", "貴校", "御校", "入職"),
        ("横浜市役所", "public_office", "貴市", "御市", "入庁"),
        ("京都市", "public_office", "貴市", "御市", "入庁"),
        ("福岡県", "public_office", "貴県", "御県", "入庁"),
        ("北海道庁", "public_office", "貴道", "御道", "入庁"),
        ("厚生労働省", "public_office", "貴省", "御省", "入省"),
        ("社会福祉法人さくら会 さくら保育園", "nursery", "貴園", "御園", "入職"),
        ("一般社団法人 日本看護協会", "association", "貴会", "御会", "入職"),
        ("山田法律事務所", "office", "貴事務所", "御事務所", "入所"),
    ],
)
def test_kind_is_detected_from_the_head_of_the_name(
    name: str, kind: str, written: str, spoken: str, join: str
) -> None:
    employer = employer_of(name)
    assert (employer.kind, employer.written, employer.spoken, employer.join) == (
        kind,
        written,
        spoken,
        join,
    )


@pytest.mark.parametrize("name", ["株式会社農協観光", "株式会社サンプル研究所", "株式会社みなと町"])
def test_a_company_form_beats_a_word_a_company_may_carry(name: str) -> None:
    assert employer_of(name).kind == "company"


def test_invisible_characters_and_width_do_not_change_the_kind() -> None:
    assert employer_of("東西\u200b信用　金庫").kind == "shinkin"
    assert employer_of("ＪＡ全農").kind == "cooperative"


def test_an_explicit_kind_and_honorific_win_over_the_name() -> None:
    bank = employer_of("株式会社サンプル", kind="bank")
    assert (bank.written, bank.join, bank.source) == ("貴行", "入行", "case")
    custom = employer_of("東西機構", honorific=("貴機構", "御機構"))
    assert (custom.written, custom.spoken, custom.source) == ("貴機構", "御機構", "case")


def test_the_default_is_a_company_and_says_so() -> None:
    employer = employer_of("みなと精機")
    assert (employer.kind, employer.source) == ("company", "default")
    assert "kind" in employer.notice


def test_public_offices_fall_under_public_law() -> None:
    assert employer_of("横浜市役所").law == "public"
    assert employer_of("東西信用金庫").law == "private"


def test_every_kind_has_forms_and_every_form_is_an_organisation_word() -> None:
    written, spoken = all_honorifics()
    assert {employer_of("x", kind=kind).written for kind in EMPLOYER_KINDS} <= written  # type: ignore[arg-type]
    assert "御行" in spoken and "貴院" in written
    assert organisation_pattern().search("東西信用金庫 人事部")
