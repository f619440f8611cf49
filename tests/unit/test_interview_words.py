"""`naitei init` and the user's own words: an example and the sentence beside each free-text
question, a refused answer asked again, a warning shown, the answer shown in its sentence."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from naitei.cli.interview import run_interview
from naitei.errors import InputError
from tests.support.answers import WITHDRAW_ANSWERS

LINES = WITHDRAW_ANSWERS.rstrip("\n").split("\n")
REASON_DETAIL, WHY, WHY_DETAIL, STRENGTHS = 20, 25, 26, 29


def interview(path: Path, lines: list[str]) -> tuple[dict[str, object], str]:
    given = iter(line + "\n" for line in lines)
    out: list[str] = []
    run_interview(path, force=False, read=lambda: next(given, ""), write=out.append)
    return tomllib.loads(path.read_text(encoding="utf-8")), "\n".join(out)


def answers(**changes: list[str]) -> list[str]:
    """The base answers with some answers replaced by one or more lines (tries)."""
    index = {"reason_detail": REASON_DETAIL, "why": WHY, "why_detail": WHY_DETAIL}
    index["strengths"] = STRENGTHS
    out = []
    for number, line in enumerate(LINES):
        replaced = [name for name, at in index.items() if at == number and name in changes]
        out += changes[replaced[0]] if replaced else [line]
    return out


def test_each_free_text_question_shows_an_example_and_its_sentence(tmp_path: Path) -> None:
    _, shown = interview(tmp_path / "case.toml", LINES)
    # the example fits the reason chosen (other_offer here)
    assert "例: 他社からも内定をいただき、熟慮の末、そちらへの入社を選んだため" in shown
    assert "文面では: 辞退を申し上げたのは、他社からも内定をいただき" in shown
    assert "例: 機械工学の研究で培った設計の基礎" in shown


def test_sentences_as_strengths_are_refused_or_made_nouns(tmp_path: Path) -> None:
    lines = answers(strengths=["英語が得意です、簿記二級", "在庫管理を研究しました、簿記二級"])
    data, shown = interview(tmp_path / "case.toml", lines)
    assert "1つ目: 「英語が得意です」は、「〜を生かし」の前に置ける形になっていません" in shown
    assert "在庫管理を研究した経験や、簿記二級の資格を生かし" in shown
    assert data["withdrawal"]["strengths"] == ["在庫管理を研究しました", "簿記二級"]  # type: ignore[index]


def test_first_choice_words_are_warned_about_and_kept(tmp_path: Path) -> None:
    text = "第一志望の企業から内定をいただいたため"
    data, shown = interview(tmp_path / "case.toml", answers(reason_detail=[text]))
    assert "注意: 「第一志望」と書くと" in shown
    assert data["decline"]["reason_detail"] == text  # type: ignore[index]


def test_why_other_requires_what_changed(tmp_path: Path) -> None:
    detail = "指導教員と相談を重ねました"
    data, shown = interview(tmp_path / "case.toml", answers(why=["4"], why_detail=["", detail]))
    assert "この質問には答えが必要です" in shown
    assert "例: 指導教員と相談を重ね、まずは実務を経験したいと考えるようになりました" in shown
    assert data["withdrawal"]["why_detail"] == detail  # type: ignore[index]


@pytest.mark.parametrize(
    ("section", "field", "refused", "kept", "needles"),
    [
        pytest.param(
            "decline",
            "reason_detail",
            "給料が良い会社に行きたかったから",
            "条件面を比較し、他社への入社を決めたため",
            [
                "願いの形",
                "もう一度お願いします",
                "文面では: 辞退を申し上げたのは、条件面を比較し、他社への入社を決めたためでした。",
            ],
            id="a casual answer, then shown in its sentence",
        ),
        pytest.param(
            "withdrawal",
            "why_detail",
            "株式会社ミライの内定が取り消されました",
            "入社予定の企業の内定が取り消されました",
            ["ほかの会社や法人の名前（株式会社ミライ）"],
            id="another company named",
        ),
    ],
)
def test_a_refused_answer_is_asked_again(
    tmp_path: Path, section: str, field: str, refused: str, kept: str, needles: list[str]
) -> None:
    data, shown = interview(tmp_path / "case.toml", answers(**{field: [refused, kept]}))
    assert all(needle in shown for needle in needles), shown
    assert data[section][field] == kept  # type: ignore[index]


def test_three_refused_answers_write_nothing(tmp_path: Path) -> None:
    lines = answers(reason_detail=["なんか無理"] * 3)
    with pytest.raises(InputError):
        interview(tmp_path / "case.toml", lines)
    assert not (tmp_path / "case.toml").exists()


def test_the_sentences_shown_name_the_employer_as_the_documents_will(tmp_path: Path) -> None:
    company_name = LINES.index("株式会社みなと精機")
    lines = [*LINES[:company_name], "株式会社みなと銀行", "", *LINES[company_name + 1 :]]
    _, shown = interview(tmp_path / "case.toml", lines)
    sentences = [line for line in shown.split("\n") if "文面では" in line]
    assert "お認めいただけましたら、設計の基礎や、接客の経験を生かし、貴行に貢献" in sentences[-1]
    assert not any("貴社" in line for line in sentences)
