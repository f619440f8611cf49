"""Employer kinds: detection from the name, and the case file's explicit kind and honorific."""

from __future__ import annotations

from pathlib import Path

import pytest

from naitei.employers import (
    EMPLOYER_KINDS,
    all_honorifics,
    employer_of,
    forms_in,
    kind_labels,
    organisation_pattern,
)
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "employers.toml"
DECIDED = ("kind", "written", "spoken", "join", "law")  # what the name decides


@table(TABLES, "employers", "name", *DECIDED, optional=DECIDED)
def test_the_name_decides_the_kind_the_forms_the_joining_verb_and_the_law(
    name: str,
    kind: str | None,
    written: str | None,
    spoken: str | None,
    join: str | None,
    law: str | None,
) -> None:
    employer = employer_of(name)
    said = dict(zip(DECIDED, (kind, written, spoken, join, law), strict=True))
    pinned = {field: value for field, value in said.items() if value is not None}
    assert pinned, f"{name}: the row pins nothing"
    assert {field: getattr(employer, field) for field in pinned} == pinned


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


def test_the_notice_names_the_forms_and_the_joining_noun() -> None:
    notice = employer_of("東西銀行").notice
    assert "銀行として" in notice and "貴行・御行" in notice and "入行" in notice
    assert "kind を指定" in notice
    assert "kind を指定" not in employer_of("東西銀行", kind="bank").notice


def test_every_kind_has_a_label() -> None:
    assert list(kind_labels()) == list(EMPLOYER_KINDS)
    assert kind_labels()["shinkin"] == "信用金庫・労働金庫"


@table(TABLES, "forms", "text", "found")
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


@pytest.mark.parametrize("name", ["警察共済組合", "みなと消防設備", "株式会社消防設備"])
def test_a_public_head_word_inside_a_name_does_not_make_an_office(name: str) -> None:
    assert employer_of(name).kind != "public_office"
