"""A lone surrogate ("\\ud800" in JSON, or undecodable bytes on the command line decoded with
surrogateescape) is refused where text enters naitei: such a string cannot be written as
UTF-8, so it broke `naitei case show --format json` after `naitei case import` took it."""

from __future__ import annotations

import pytest

from naitei.case import parse_case
from naitei.errors import CaseError
from naitei.store.shapes import clean_text
from tests.support.cases import case_data


@pytest.mark.parametrize(
    ("changes", "where"),
    [
        ({"applicant__name": "\ud800山田"}, "[applicant].name"),
        ({"company__name": "株式会社\udcff"}, "[company].name"),
        ({"decline__reason_detail": "事情\udfff"}, "[decline].reason_detail"),
    ],
)
def test_a_lone_surrogate_in_a_case_names_the_field(changes: dict[str, str], where: str) -> None:
    with pytest.raises(CaseError) as raised:
        parse_case(case_data(**changes), "case.json")
    assert any(
        f"{where}: 改行や制御文字" in p or f"{where}: 制御文字" in p for p in raised.value.lines()
    )


def test_a_surrogate_pair_is_an_ordinary_character() -> None:
    parse_case(case_data(applicant__name="山田 😀"), "case.json")  # one code point, not a pair


@pytest.mark.parametrize("text", ["\udcff", "note\ud800"])
def test_event_text_with_a_lone_surrogate_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="制御文字"):
        clean_text(text)
