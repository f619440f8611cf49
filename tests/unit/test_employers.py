"""Employer kinds: detection from the name, and the case file's explicit kind and honorific."""

from __future__ import annotations

import pytest

from naitei.employers import (
    EMPLOYER_KINDS,
    all_honorifics,
    employer_of,
    forms_in,
    kind_labels,
    organisation_pattern,
)


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
        ("東西大学生活協同組合", "cooperative", "貴組合", "御組合", "入協"),
        ("東西信用組合", "cooperative", "貴組合", "御組合", "入組"),
        ("国立大学法人 東西大学", "university", "貴学", "御学", "入職"),
        ("学校法人東西学園 東西高等学校", "school", "貴校", "御校", "入職"),
        ("横浜市役所", "public_office", "貴市", "御市", "入庁"),
        ("京都市", "public_office", "貴市", "御市", "入庁"),
        ("福岡県", "public_office", "貴県", "御県", "入庁"),
        ("北海道庁", "public_office", "貴道", "御道", "入庁"),
        ("厚生労働省", "public_office", "貴省", "御省", "入省"),
        ("社会福祉法人さくら会 さくら保育園", "nursery", "貴園", "御園", "入職"),
        ("一般社団法人 日本看護協会", "association", "貴協会", "御協会", "入職"),
        ("日本商工会連合会", "association", "貴会", "御会", "入職"),
        ("全日本剣道連盟", "association", "貴連盟", "御連盟", "入職"),
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
    custom = employer_of("日本学術会議", honorific=("貴会議", "御会議"))
    assert (custom.written, custom.spoken, custom.source) == ("貴会議", "御会議", "default")


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


def test_an_explicit_kind_keeps_the_finer_words_of_the_name() -> None:
    city = employer_of("横浜市役所", kind="public_office")
    assert (city.written, city.spoken, city.same, city.source) == ("貴市", "御市", "同市", "case")
    assert employer_of("横浜市役所", kind="corporation").written == "貴法人"


def test_a_custom_honorific_gives_its_own_same_form() -> None:
    assert employer_of("日本学術会議", honorific=("貴会議", "御会議")).same == "同会議"


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("宇宙航空研究開発機構", "貴機構"),
        ("国際交流基金", "貴基金"),
        ("一般財団法人東西文化財団", "貴財団"),
    ],
)
def test_a_corporation_named_by_its_head_word_is_addressed_by_it(name: str, written: str) -> None:
    assert (employer_of(name).kind, employer_of(name).written) == ("corporation", written)


@pytest.mark.parametrize(
    ("name", "law"),
    [
        ("横浜市立市民病院", "public"),
        ("福岡県立東西高等学校", "public"),
        ("地方独立行政法人 東西市立病院機構", "private"),
        ("公立大学法人 東西市立大学", "private"),
        ("東西大学病院", "private"),
        ("厚生労働省", "public"),
    ],
)
def test_hospitals_and_schools_run_by_a_municipality_fall_under_public_law(
    name: str, law: str
) -> None:
    assert employer_of(name).law == law


def test_the_notice_names_the_forms_and_the_joining_noun() -> None:
    notice = employer_of("東西銀行").notice
    assert "銀行として" in notice and "貴行・御行" in notice and "入行" in notice
    assert "kind を指定" in notice
    assert "kind を指定" not in employer_of("東西銀行", kind="bank").notice


def test_every_kind_has_a_label() -> None:
    assert list(kind_labels()) == list(EMPLOYER_KINDS)
    assert kind_labels()["shinkin"] == "信用金庫・労働金庫"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("御社と貴行と御院", ["御社", "貴行", "御院"]),
        ("京都御所を見学しました", []),
        ("御都合のよい日時", []),
        ("御行儀よく", []),
        ("御会計をお願いします", []),
        ("防御社会と制御社会", []),
        ("御園座で観劇", []),
        ("御園様", []),
        ("御学友と御校正", []),
        ("貴事務所と御委員会と貴学園", ["貴事務所", "御委員会", "貴学園"]),
    ],
)
def test_forms_are_found_but_ordinary_words_sharing_one_are_not(
    text: str, found: list[str]
) -> None:
    assert [form.form for form in forms_in(text)] == found


def test_an_ambiguous_form_counts_when_it_is_the_employers_own() -> None:
    assert forms_in("御所の研究に", None) == []
    (found,) = forms_in("御所の研究に", ("貴所", "御所"))
    assert (found.form, found.medium, found.counterpart) == ("御所", "spoken", "貴所")
    assert forms_in("京都御所", ("貴所", "御所")) == []


def test_a_custom_form_is_found_with_its_counterpart() -> None:
    (found,) = forms_in("御機構で働きたい", ("貴機構", "御機構"))
    assert (found.medium, found.counterpart) == ("spoken", "貴機構")


@pytest.mark.parametrize(
    ("name", "written", "spoken", "join"),
    [
        ("福岡県警察本部", "貴庁", "御庁", "入庁"),
        ("大阪府警", "貴庁", "御庁", "入庁"),
        ("さいたま市消防本部", "貴庁", "御庁", "入庁"),
        ("横浜市消防局", "貴局", "御庁", "入庁"),
        ("東京地方裁判所", "貴庁", "御庁", "入庁"),
        ("横浜税関", "貴関", "御関", "入庁"),
        ("府中刑務所", "貴所", "御所", "入庁"),
        ("麹町税務署", "貴署", "御署", "入庁"),
        ("自衛隊東京地方協力本部", "貴本部", "御本部", "入隊"),
        ("東部広域行政事務組合", "貴組合", "御組合", "入庁"),
        ("阪神水道企業団", "貴企業団", "御企業団", "入庁"),
    ],
)
def test_police_fire_courts_and_other_public_bodies_are_public_offices(
    name: str, written: str, spoken: str, join: str
) -> None:
    """Reader 2, A1: 福岡県警察本部 was a company (貴社, 入社, the private-employer law)."""
    employer = employer_of(name)
    assert (employer.kind, employer.written, employer.spoken, employer.join, employer.law) == (
        "public_office",
        written,
        spoken,
        join,
        "public",
    )


@pytest.mark.parametrize("name", ["警察共済組合", "みなと消防設備", "株式会社消防設備"])
def test_a_public_head_word_inside_a_name_does_not_make_an_office(name: str) -> None:
    assert employer_of(name).kind != "public_office"
