"""Purposes beyond withdraw and decline: each structural rule fires only for the purposes
rules.toml gives it, and `auto` infers the purpose from the text and says so."""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from naitei.check import PURPOSE_CHOICES, PURPOSES, Purpose, check_text, rule_infos
from naitei.check.purpose import infer_purpose
from naitei.check.rules.structure import RULES as STRUCTURE_RULES
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "purposes.toml"

STRUCTURAL = STRUCTURE_RULES

THANKS = """株式会社サンプル
人事部 採用ご担当 佐藤様

お世話になっております。
東西大学経済学部4年の山田太郎です。

本日はお忙しい中、面接のお時間をいただき、誠にありがとうございました。
佐藤様から伺った新人研修のお話が、特に印象に残っております。
まずは略儀ながら、メールにてお礼申し上げます。
今後ともよろしくお願いいたします。

東西大学 経済学部 4年
山田 太郎
電話：090-1234-5678
メール：taro@example.com
"""


def found(text: str, kind: str = "email", purpose: str = "thanks") -> set[str]:
    report = check_text(text, kind, purpose)  # type: ignore[arg-type]
    return {f.rule for f in report.findings if f.severity != "info"}


def test_purpose_is_one_literal_and_the_tuple_follows_it() -> None:
    assert get_args(Purpose) == PURPOSES
    assert PURPOSES[:2] == ("withdraw", "decline")
    assert set(PURPOSES) >= {"accept", "thanks", "schedule", "apology", "other"}
    assert (*PURPOSES, "auto") == PURPOSE_CHOICES


def test_every_structural_rule_states_its_purposes() -> None:
    for rule in STRUCTURAL:
        assert rule_infos()[rule].purposes <= set(PURPOSES)
    assert rule_infos()["missing-apology"].purposes == {"withdraw", "decline", "apology"}
    assert rule_infos()["missing-request"].purposes == {"withdraw"}
    for rule in ("missing-addressee", "missing-closing", "missing-signature"):
        assert rule_infos()[rule].purposes == set(PURPOSES)


@pytest.mark.parametrize("purpose", ["accept", "thanks", "schedule", "other"])
def test_a_thank_you_mail_is_never_asked_for_an_apology(purpose: str) -> None:
    assert found(THANKS, purpose=purpose) == set()


@pytest.mark.parametrize("purpose", ["withdraw", "decline", "apology"])
def test_an_apology_is_still_required_where_it_belongs(purpose: str) -> None:
    assert "missing-apology" in found(THANKS, purpose=purpose)


@pytest.mark.parametrize("purpose", PURPOSES)
@pytest.mark.parametrize("rule", STRUCTURAL)
def test_no_structural_rule_fires_outside_its_purposes(purpose: str, rule: str) -> None:
    bare = "ご連絡いたします。"  # lacks every part of a message
    if rule == "signature-without-contact":
        bare += "\n\n東西大学 経済学部\n山田 太郎\n"  # signed, with no contact
    fired = rule in {f.rule for f in check_text(bare, "email", purpose).findings}  # type: ignore[arg-type]
    applies = purpose in rule_infos()[rule].purposes and "email" in rule_infos()[rule].kinds
    assert fired == applies


@table(TABLES, "auto", "text", "purpose")
def test_auto_reads_the_purpose_from_the_words(text: str, purpose: str) -> None:
    assert infer_purpose(text) == purpose


def test_the_subject_line_comes_first() -> None:
    text = "件名：面接のお礼\n\n面接の日程をご調整いただき、ありがとうございました。"
    assert infer_purpose(text) == "thanks"
    assert infer_purpose(text.replace("件名：面接のお礼\n", "")) == "schedule"


def test_auto_reports_what_it_inferred() -> None:
    report = check_text(THANKS, "email", "auto")
    assert report.purpose == "thanks" and report.purpose_inferred
    assert report.to_dict()["purpose"] == "thanks"
    assert report.to_dict()["purpose_inferred"] is True
    given = check_text(THANKS, "email", "thanks")
    assert given.purpose_inferred is False and given.findings == report.findings


def test_an_unknown_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="purpose"):
        check_text(THANKS, "email", "greeting")  # type: ignore[arg-type]
