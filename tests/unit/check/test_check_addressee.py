"""Addressee manners and company names: onsha-in-writing, kisha-in-speech, sama-onchu,
title-sama, kabu-abbreviation, company-name-mismatch."""

from __future__ import annotations

import pytest

from naitei.check import CheckContext, check_text

CONTEXT = CheckContext(
    company_name="株式会社サンプル",
    allowed_names=("株式会社キャリアリンク", "東西大学"),
    other_company_names=("ベータ工業株式会社",),
)


def flagged(
    text: str, rule: str, kind: str = "email", context: CheckContext | None = None
) -> list[tuple[str, str | None]]:
    report = check_text(text, kind, "withdraw", context)  # type: ignore[arg-type]
    return [(text[f.start : f.end], f.suggestion) for f in report.findings if f.rule == rule]


def test_onsha_is_an_error_in_writing_only() -> None:
    text = "御社の採用ご担当者様"
    assert flagged(text, "onsha-in-writing", "email") == [("御社", "貴社")]
    assert flagged(text, "onsha-in-writing", "letter") == [("御社", "貴社")]
    assert flagged(text, "onsha-in-writing", "phone") == []
    assert flagged("制御社会の話", "onsha-in-writing") == []


def test_kisha_is_an_error_in_speech_only() -> None:
    text = "貴社で働きたいと考えております。"
    assert flagged(text, "kisha-in-speech", "phone") == [("貴社", "御社")]
    assert flagged(text, "kisha-in-speech", "visit") == [("貴社", "御社")]
    assert flagged(text, "kisha-in-speech", "email") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("株式会社サンプル\n人事部御中 佐藤様\n", "人事部御中 佐藤様", "人事部 佐藤様"),
        ("株式会社サンプル\n採用ご担当者様御中\n", "採用ご担当者様御中", "採用ご担当者様"),
        ("株式会社サンプル\n人事部 御中\n佐藤様\n", "人事部 御中", "人事部"),
    ],
)
def test_onchu_and_sama_on_one_addressee(text: str, span: str, suggestion: str) -> None:
    assert flagged(text, "sama-onchu") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text",
    [
        "株式会社サンプル\n人事部 御中\n\nお世話になっております。",
        "株式会社サンプル\n人事部 佐藤様\n",
        "株式会社サンプル 人事部御中\n皆様によろしくお伝えください。",
    ],
)
def test_onchu_or_sama_alone_is_fine(text: str) -> None:
    assert flagged(text, "sama-onchu") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("株式会社サンプル\n人事部長様\n", "人事部長様", None),
        ("佐藤部長様にもよろしくお伝えください。", "佐藤部長様", "部長 佐藤様"),
        ("株式会社サンプル\n社長様\n", "社長様", None),
        ("代表取締役様", "代表取締役様", None),
    ],
)
def test_title_with_sama_is_flagged(text: str, span: str, suggestion: str | None) -> None:
    assert flagged(text, "title-sama") == [(span, suggestion)]


@pytest.mark.parametrize(
    "text", ["人事部長 佐藤様", "採用ご担当者様", "採用担当者様", "ご担当者様", "部長の佐藤様"]
)
def test_title_before_the_name_is_fine(text: str) -> None:
    assert flagged(text, "title-sama") == []


@pytest.mark.parametrize(
    ("text", "span", "suggestion"),
    [
        ("(株)テスト 人事部御中", "(株)", "株式会社"),
        ("（株）テスト", "（株）", "株式会社"),
        ("㈱テスト", "㈱", "株式会社"),
        ("(有)テスト", "(有)", "有限会社"),
        ("テスト㈲", "㈲", "有限会社"),
    ],
)
def test_abbreviated_legal_forms(text: str, span: str, suggestion: str) -> None:
    assert flagged(text, "kabu-abbreviation") == [(span, suggestion)]


def test_abbreviation_of_the_case_company_suggests_its_exact_name() -> None:
    text = "(株)サンプル\n人事部 佐藤様"
    assert flagged(text, "kabu-abbreviation", context=CONTEXT) == [
        ("(株)サンプル", "株式会社サンプル")
    ]
    assert flagged(text, "company-name-mismatch", context=CONTEXT) == []


def test_company_names_need_a_context() -> None:
    assert flagged("ベータ工業株式会社の件", "company-name-mismatch") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("株式会社サンプル\n佐藤様\n株式会社テストの皆様にお世話になりました。", "株式会社テスト"),
        ("株式会社サンプル\n佐藤様\nベータ工業株式会社を辞退します。", "ベータ工業株式会社"),
        ("株式会社サンプル\n佐藤様\nベータ工業の皆様", "ベータ工業"),
        ("サンプル株式会社\n人事部 佐藤様\n", "サンプル株式会社"),
        ("有限会社サンプル\n人事部 佐藤様\n", "有限会社サンプル"),
        ("サンプル\n人事部 御中\n", "サンプル"),
        ("サンプル 人事部御中\n", "サンプル"),
    ],
)
def test_company_name_mismatch(text: str, span: str) -> None:
    assert flagged(text, "company-name-mismatch", context=CONTEXT) == [(span, "株式会社サンプル")]


@pytest.mark.parametrize(
    "text",
    [
        "株式会社サンプル\n人事部 佐藤様\n",
        "株式会社 サンプル\n人事部 佐藤様\n",
        "株式会社サンプル人事部 御中\n",
        "株式会社キャリアリンクの担当者にも相談しました。",
        "東西大学のキャリアセンターにも報告しました。",
        "貴社の皆様、サンプルの製品を愛用しております。",
    ],
)
def test_the_addressee_and_allowed_names_are_fine(text: str) -> None:
    assert flagged(text, "company-name-mismatch", context=CONTEXT) == []


def test_company_names_with_hiragana() -> None:
    context = CheckContext(company_name="株式会社みなと精機", other_company_names=())
    text = "株式会社みなと精機\n佐藤様\n株式会社あおい食品の一員として働きたいです。"
    assert flagged(text, "company-name-mismatch", context=context) == [
        ("株式会社あおい食品", "株式会社みなと精機")
    ]
    swapped = "、みなと精機株式会社 人事部 佐藤様"
    assert flagged(swapped, "company-name-mismatch", context=context) == [
        ("みなと精機株式会社", "株式会社みなと精機")
    ]
