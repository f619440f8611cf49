"""naitei.chars: which characters are hidden, how names compare, and what reaches a terminal."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from naitei.chars import (
    HIDDEN_RANGES,
    hidden_problem,
    json_safe,
    normalise,
    terminal_safe,
)


def test_the_documented_ranges_are_the_hidden_categories_of_this_python() -> None:
    hidden = {"Cc", "Cf", "Zl", "Zp"}
    expected = [c for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in hidden]
    listed = [c for first, last in HIDDEN_RANGES for c in range(first, last + 1)]
    assert listed == expected


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("株式会社さくら出版", "株式会社 さくら出版"),
        ("株式会社さくら出版", "株式会社　さくら出版"),
        ("株式会社さくら出版", "株式会社さくら出版\u200b"),
        ("株式会社さくら出版", "株式会社さくら\u00ad出版"),
        ("合同会社アオバ", "合同会社ｱｵﾊﾞ"),
        ("ABC商事株式会社", "ＡＢＣ商事株式会社"),
        ("ABC商事株式会社", "abc商事株式会社"),
        ("みなと物産株式会社", "みなと物産\n株式会社"),
    ],
)
def test_one_company_however_it_is_written(one: str, other: str) -> None:
    assert normalise(one) == normalise(other)


def test_different_companies_stay_different() -> None:
    assert normalise("株式会社さくら出版") != normalise("株式会社さくら書店")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;pwned\x07", "\\x1b]0;pwned\\x07"),  # window title
        ("\x1b[2J\x1b[H", "\\x1b[2J\\x1b[H"),  # clear screen
        ("\x1b]52;c;ZXZpbA==\x07", "\\x1b]52;c;ZXZpbA==\\x07"),  # OSC 52: the clipboard
        ("\x9b2J", "\\x9b2J"),  # C1 CSI
        ("株式会社\u202eアオバ", "株式会社\\u202eアオバ"),  # bidi override
        ("行1\n\t行2　全角", "行1\n\t行2　全角"),  # kept as is
    ],
)
def test_terminal_output_is_inert(text: str, shown: str) -> None:
    assert terminal_safe(text) == shown


def test_json_output_is_inert_and_still_the_same_data() -> None:
    value = {"title": "計画\x9b2J\u202e\x1b]0;x\x07", "name": "山田　太郎"}
    text = json_safe(json.dumps(value, ensure_ascii=False, indent=2))
    assert "\x9b" not in text and "\u202e" not in text and "\x1b" not in text
    assert "山田　太郎" in text
    assert json.loads(text) == value


def test_free_text_keeps_line_breaks_but_not_hidden_characters() -> None:
    assert hidden_problem("一行目\n二行目", newlines=True) is None
    assert hidden_problem("一行目\n二行目", newlines=False) == "改行や制御文字は使えません"
    problem = hidden_problem("みなと\u200b物産", newlines=True)
    assert problem is not None and "U+200B（ゼロ幅スペース）" in problem
