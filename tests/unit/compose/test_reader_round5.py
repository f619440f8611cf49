"""Fifth reader's findings on the user's own words (A2, C1 and their siblings): pay described
as low in any adjective, the filler 正直、, 全然/まったく with an affirmative, いろんな."""

from __future__ import annotations

import pytest

from naitei.check import check_text
from naitei.compose.review import refusal
from naitei.compose.sentences import past_reason
from naitei.compose.words import analyse


@pytest.mark.parametrize(
    "said",
    [
        "年収が他社よりやや少なかったので",
        "初任給がかなり低めだったから",
        "提示された月給が予想よりずいぶん低かったため",
        "手取りが思っていたより少なかった",
    ],
)
def test_pay_said_to_be_low_in_any_adjective_is_the_aspect_considered(said: str) -> None:
    text = past_reason("conditions", said, "written")
    assert text == "辞退を申し上げたのは、給与面の条件を考慮したためでした。", text


def test_low_pay_joined_to_a_second_clause_keeps_the_clause() -> None:
    text = analyse("基本給がだいぶ安くて、家賃を払えるか不安だったので").text
    assert text.startswith("給与面の条件を考慮し、家賃を払えるか不安")
    assert "安く" not in text


@pytest.mark.parametrize(
    ("said", "kept"),
    [
        ("正直なところ、勤務地が遠く通えないと考えたため", "勤務地が遠く"),
        ("実家の事情もあり、正直に言うと、転居が難しかったため", "実家の事情もあり、転居が難しかった"),
    ],
)
def test_the_filler_honestly_is_dropped(said: str, kept: str) -> None:
    text = analyse(said).text
    assert "正直" not in text and kept in text, text


def test_honestly_as_the_adverb_of_a_verb_stays() -> None:
    assert "正直にお伝えする" in analyse("正直にお伝えするべきだと考え直しました").text


def test_zenzen_with_a_negative_becomes_mattaku_and_with_an_affirmative_is_refused() -> None:
    assert analyse("全然眠れない日が続いたため").text.startswith("まったく眠れない")
    for said in ("研修が全然楽しそうだったので", "勤務地がまったく遠かったため"):
        message = refusal(said, "cause", "reason_detail")
        assert message is not None and "否定とともに" in message, said


def test_mattaku_in_its_written_uses_is_kept() -> None:
    for said in ("まったく新しい分野に挑戦する道を選んだため", "まったく経験のない業務で自信が持てなかった"):
        assert refusal(said, "cause", "reason_detail") is None, said


def test_ironna_is_written_samazamana() -> None:
    assert "さまざまな業界を調べ" in analyse("いろんな業界を調べて考え直しました").text


@pytest.mark.parametrize(
    ("draft", "word"),
    [
        ("正直、他の内定と迷っておりました。", "正直"),
        ("色んな企業を比べた結果でございます。", "色んな"),
        ("勤務時間が全然長かったためです。", "全然"),
    ],
)
def test_the_checker_names_the_spoken_word(draft: str, word: str) -> None:
    report = check_text(draft, "email", "withdraw")
    found = [f for f in report.findings if f.rule == "casual-word"]
    assert found and any(word in f.message for f in found), [f.message for f in report.findings]


def test_the_checker_leaves_honest_adverbs_and_negated_zenzen_alone_as_fillers() -> None:
    report = check_text("正直にお伝えいたします。全然問題ございません。", "email", "withdraw")
    messages = [f.message for f in report.findings if f.rule == "casual-word"]
    assert not any("つなぎ" in m or "否定とともに" in m for m in messages), messages
