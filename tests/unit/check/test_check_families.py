"""The rule families of issue 13: keigo pointed the wrong way, words rude to a superior,
titles, the form of a letter, れ足す and い抜き, ？, repeated sentences, leftover names."""

from __future__ import annotations

from naitei.check import CheckContext, check_text
from naitei.check.data import rule_infos

ADDRESSED = "株式会社やまびこ製菓\n人事部 御中\n\n"


def test_leftover_organisation_is_left_to_the_case_when_there_is_one() -> None:
    context = CheckContext(company_name="株式会社やまびこ製菓")
    text = ADDRESSED + "株式会社みなと精機様より内定のご連絡をいただきました。"
    report = check_text(text, "email", context=context)
    assert "other-organisation" not in {f.rule for f in report.findings}


def test_fix_flag_marks_safe_replacements() -> None:
    infos = rule_infos()
    assert infos["re-insertion"].fix and infos["honorific-title"].fix
    assert not infos["honorific-direction"].fix  # whose action it is: no literal fix
