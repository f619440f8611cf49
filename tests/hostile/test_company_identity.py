"""One company, one email (issue 14): the same company written twice — with a space, full-width
or half-width letters, an invisible character, or the same address under two names — is refused
before anything is written or sent, naming both entries; and a leftover company name split by a
line break or an invisible character does not slip past the copy-paste guard."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

Change = Callable[[dict[str, Any]], None]


def company(index: int, **values: str) -> Change:
    def change(data: dict[str, Any]) -> None:
        data["companies"][index - 1].update(values)

    return change


def both(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> None:
        for one in changes:
            one(data)

    return change


FIRST = "[[companies]][1] の「株式会社さくら出版」"
DUPLICATES: list[tuple[str, Change, str]] = [
    (
        "a half-width space",
        company(2, name="株式会社 さくら出版"),
        f"[[companies]][2].name: 同じ会社が二度あります（{FIRST}",
    ),
    (
        "an ideographic space",
        company(3, name="株式会社　さくら出版"),
        f"[[companies]][3].name: 同じ会社が二度あります（{FIRST}",
    ),
    (
        "half-width katakana",
        company(2, name="合同会社ｱｵﾊﾞ"),
        "[[companies]][3].name: 同じ会社が二度あります（[[companies]][2] の「合同会社ｱｵﾊﾞ」",
    ),
    (
        "full-width letters",
        both(company(1, name="ABC商事株式会社"), company(2, name="ＡＢＣ商事株式会社")),
        "[[companies]][2].name: 同じ会社が二度あります（[[companies]][1] の「ABC商事株式会社」",
    ),
    (
        "lower and upper case",
        both(company(1, name="ABC商事株式会社"), company(2, name="abc商事株式会社")),
        "[[companies]][2].name: 同じ会社が二度あります",
    ),
    (
        "a trailing zero-width space",
        company(2, name="株式会社さくら出版\u200b"),
        "[[companies]][2].name: 目に見えない文字（U+200B",
    ),
    (
        "the same address under two names",
        company(2, email="SAIYO@sakura-pub.example.co.jp"),
        f"[[companies]][2].email: 同じ宛先が二度あります（{FIRST}と同じ",
    ),
]


def write_decline(folder: Path, change: Change) -> Path:
    data = tomllib.loads((EXAMPLES / "decline-three.toml").read_text(encoding="utf-8"))
    change(data)
    path = folder / "decline.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize(("label", "change", "message"), DUPLICATES, ids=[d[0] for d in DUPLICATES])
def test_the_same_company_twice_is_refused_naming_both(
    tmp_path: Path, label: str, change: Change, message: str
) -> None:
    path = write_decline(tmp_path, change)
    result = naitei("decline", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr
    assert message in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()


HIDDEN_NAMES: list[tuple[str, str]] = [
    ("a line break inside the name", "ひかり旅\n行の皆様との面談を経て、自分の志望を見直したため"),
    ("a line break and spaces", "ひか\n  り旅行の皆様との面談を経て、自分の志望を見直したため"),
    ("a full name split by a line break", "ひかり旅行株\n式会社の皆様との面談を経て"),
    ("a full-width space inside", "ひかり　旅行の皆様との面談を経て、自分の志望を見直したため"),
]


@pytest.mark.parametrize(("label", "detail"), HIDDEN_NAMES, ids=[h[0] for h in HIDDEN_NAMES])
def test_a_split_leftover_name_stops_the_batch(tmp_path: Path, label: str, detail: str) -> None:
    path = write_decline(tmp_path, company(3, reason_detail=detail))
    result = naitei("decline", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2, result.stderr + result.stdout
    # A line break that cuts a word also leaves an unfinished sentence, which the review of the
    # user's words refuses first, naming the field; otherwise the copy-paste guard stops it.
    assert ("会社名の取り違え" in result.stderr and "3社目（合同会社アオバ）" in result.stderr) or (
        "[[companies]][3].reason_detail" in result.stderr
    ), result.stderr
    assert not (tmp_path / "out").exists()
