"""sa-insertion reads no tokens for a させ after a kanji (連絡させて, 辞退させて): a 五段
verb's 未然形 ends in kana, so such a させ cannot follow one."""

from __future__ import annotations

import re

import pytest

from naitei.check import check_text
from naitei.check.tokenizer import Tokens

GODAN = ["読む", "行く", "休む", "帰る", "言う", "待つ", "遊ぶ", "泳ぐ", "話す", "書く", "取り扱う"]
MIZEN = {
    "む": "ま",
    "く": "か",
    "る": "ら",
    "う": "わ",
    "つ": "た",
    "ぶ": "ば",
    "ぐ": "が",
    "す": "さ",
}


@pytest.mark.parametrize("verb", GODAN)
def test_a_godan_verbs_mizen_before_sase_ends_in_kana(verb: str) -> None:
    text = f"{verb[:-1]}{MIZEN[verb[-1]]}させていただきます。"
    tokens = Tokens(text)
    for i in range(len(tokens)):
        pos = tokens.pos(i)
        if pos[0] == "動詞" and pos[4].startswith("五段") and pos[5].startswith("未然形"):
            assert not re.search("[一-龥々]$", tokens.surface(i)), tokens.surface(i)


def test_after_a_kanji_no_finding_and_after_kana_the_finding_stays() -> None:
    clean = check_text("辞退させていただきます。連絡させていただきます。", "email").findings
    wrong = check_text("資料を読まさせていただきます。", "email").findings
    assert not any(f.rule == "sa-insertion" for f in clean)
    assert any(f.rule == "sa-insertion" for f in wrong)
