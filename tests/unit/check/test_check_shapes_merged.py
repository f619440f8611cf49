"""Shapes the first merge of issue 13 found wrong on naitei's own letters and emails: a 頭語
below a long address block, a given name with 月 or 日 in it, an agent known by a brand."""

from __future__ import annotations

from naitei.check import check_text
from naitei.check.rules.structure import name_line

_ADDRESSES = "\n".join(f"住所の行 {n}" for n in range(14))

LETTER = f"""　　　　　　　　　　　　　　　　　　2026年10月5日

〒990-8570
山川県山川市松波二丁目8番1号
山川県庁
総務部 人事課
主査 阿部様

{_ADDRESSES}
山川大学 法学部
森田 健

　　　　　　　内定辞退撤回のお願い

拝啓　秋涼の候、貴県ますますご清栄のこととお慶び申し上げます。
　さて、先日は内定辞退を申し上げ、多大なご迷惑をおかけいたしましたこと、心よりお詫び申し上げます。
　つきましては、内定辞退の撤回をご検討いただけませんでしょうか。
　まずは略儀ながら書中をもちまして、お詫びかたがたお願い申し上げます。
　　　　　　　　　　　　　　　　　　　　　敬具
"""


def _rules(text: str, kind: str = "letter") -> set[str]:
    report = check_text(text, kind, "withdraw")  # type: ignore[arg-type]
    return {f.rule for f in report.findings if f.severity != "info"}


def test_a_salutation_below_a_long_address_block_is_found() -> None:
    assert not {"salutation-missing", "salutation-mismatch"} & _rules(LETTER)


def test_the_season_is_judged_below_a_long_address_block() -> None:
    assert "season-mismatch" not in _rules(LETTER)
    wrong = LETTER.replace("秋涼の候", "新緑の候")
    assert "season-mismatch" in _rules(wrong)


def test_a_date_inside_the_body_is_not_the_letters_date() -> None:
    undated = LETTER.replace("2026年10月5日", "").replace(
        "お願い申し上げます。\n　　", "お願い申し上げます。\n12月5日\n　　", 1
    )
    assert "season-mismatch" not in _rules(undated.replace("秋涼の候", "新緑の候"))


def test_given_names_with_moon_or_day_are_names_and_dates_are_not() -> None:
    assert name_line("青木 美月")
    assert name_line("県立みどり野農業高等学校 春日 朝日")
    assert not name_line("十二月五日")
    assert not name_line("令和八年")


EMAIL = """{head}

お世話になっております。
岡田 聡子です。
先日は辞退のご連絡でご迷惑をおかけし、誠に申し訳ございませんでした。
内定辞退の撤回をお認めいただけないか、先方にご相談いただけませんでしょうか。
何卒よろしくお願い申し上げます。

岡田 聡子
電話 090-1111-2222
"""


def test_an_organisation_known_by_a_brand_heads_the_addressee_block() -> None:
    assert "missing-addressee" not in _rules(
        EMAIL.format(head="ビズリーチ・パートナーズ\n木下様"), "email"
    )


def test_a_person_alone_or_under_a_mail_header_is_still_no_addressee() -> None:
    assert "missing-addressee" in _rules(EMAIL.format(head="木下様"), "email")
    assert "missing-addressee" in _rules(EMAIL.format(head="件名：ご相談\n木下様"), "email")
