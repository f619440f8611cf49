"""The files of a decline kit: safe folder names, the summary, the .eml, the Message-ID."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import unicodedata
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naitei.case import DeclineCase, load_case
from naitei.compose.decline_kit import decline_kit
from naitei.export.decline import (
    csv_cell,
    decline_id,
    decline_message_id,
    folder_name,
    kit_files,
    summary_csv,
    summary_rows,
)
from naitei.fsutil import write_directory
from tests.support.cases import FIXTURES, NOW

FIVE = FIXTURES / "cases" / "decline-five.toml"
THREE = FIXTURES / "cases" / "decline-newgrad-three.toml"


def load(path: Path) -> DeclineCase:
    case = load_case(path)
    assert isinstance(case, DeclineCase)
    return case


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("株式会社さくら出版", "01-株式会社さくら出版"),
        ("../../etc/passwd", "01-etc_passwd"),
        ("..", "01-company"),
        ("/", "01-company"),
        ("\\\\server\\share", "01-server_share"),
        (".hidden", "01-hidden"),
        ('a/b\\c:d*e?f"g<h>i|j', "01-a_b_c_d_e_f_g_h_i_j"),
        ("株式会社\u202eロロ\u200b", "01-株式会社_ロロ"),
        ("名前\x7f\x1b[31m", "01-名前_[31m"),
        ("   ", "01-company"),
        ("株式会社 さくら\u3000出版", "01-株式会社 さくら\u3000出版"),
        ("末尾の点...", "01-末尾の点"),
    ],
)
def test_folder_names_are_safe(company: str, expected: str) -> None:
    assert folder_name(1, company) == expected


@settings(max_examples=300, deadline=None)
@given(company=st.text(min_size=0, max_size=300), index=st.integers(1, 20))
def test_no_company_name_escapes_the_folder(
    company: str, index: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    name = folder_name(index, company)
    assert name.startswith(f"{index:02d}-")
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name not in (".", "..") and not name.startswith(".")
    assert all(unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp", "Cs") for c in name)
    assert len(name.encode("utf-8")) < 255
    assert Path(name).name == name and len(Path(name).parts) == 1


def test_hostile_company_names_stay_inside_dir(tmp_path: Path) -> None:
    """Names that bypass the case validator still land in numbered folders inside DIR."""
    case = load(FIVE)
    hostile = ["../escape", "/etc", "..", "\\..\\win", "．．／"]
    companies = [
        c.model_copy(update={"name": n}) for c, n in zip(case.companies, hostile, strict=True)
    ]
    bad = case.model_copy(update={"companies": companies})
    files = kit_files(decline_kit(bad, NOW), bad, NOW)
    out = tmp_path / "out"
    write_directory(out, files)
    written = sorted(p.relative_to(out).parts[0] for p in out.rglob("*") if p.is_file())
    assert set(written) == {
        "01-escape",
        "02-etc",
        "03-company",
        "04-win",
        "05-．．／",
        "summary.csv",
        "summary.json",
        "summary.md",
    }
    assert not (tmp_path / "escape").exists()


def test_the_layout_of_the_kit() -> None:
    files = kit_files(decline_kit(load(THREE), NOW), load(THREE), NOW)
    assert sorted(files) == [
        "01-株式会社こもれび出版/decline-email.eml",
        "01-株式会社こもれび出版/decline-email.txt",
        "01-株式会社こもれび出版/decline-phone.md",
        "02-東洋ライフサービス株式会社/decline-email.txt",  # no address: no .eml
        "02-東洋ライフサービス株式会社/decline-phone.md",
        "03-有限会社やまびこ製菓/decline-email.txt",
        "03-有限会社やまびこ製菓/decline-phone.md",
        "summary.csv",
        "summary.json",
        "summary.md",
    ]


def test_email_txt_has_subject_and_addressee_above_the_body() -> None:
    case = load(FIVE)
    text = kit_files(decline_kit(case, NOW), case, NOW)["01-株式会社さくら出版/decline-email.txt"]
    lines = text.decode("utf-8").splitlines()
    assert lines[0] == "件名：内定辞退のご連絡（東都大学 佐々木 陽菜）"
    assert lines[1] == "宛先：株式会社さくら出版 田中様 <saiyo@sakura-pub.example.co.jp>"
    assert lines[3] == "株式会社さくら出版"


def test_the_eml_is_the_message_that_would_be_sent() -> None:
    case = load(FIVE)
    kit = decline_kit(case, NOW)
    data = kit_files(kit, case, NOW)["05-株式会社かもめ食品/decline-email.eml"]
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["To"].addresses[0].addr_spec == "ogawa@career-bridge.example.jp"
    assert message["From"].addresses[0].addr_spec == "haruna.sasaki@example.com"
    assert message["Subject"] == "株式会社かもめ食品の内定辞退について（東都大学 佐々木 陽菜）"
    assert message["Message-ID"] == decline_message_id(case, kit.companies[4])
    assert message.get_content() == kit.companies[4].email.text


def test_the_message_id_does_not_depend_on_the_clock() -> None:
    case = load(FIVE)
    tomorrow = NOW + dt.timedelta(days=1, hours=3)
    today_ids = [decline_message_id(case, c) for c in decline_kit(case, NOW).companies]
    later_ids = [decline_message_id(case, c) for c in decline_kit(case, tomorrow).companies]
    assert today_ids == later_ids
    assert len(set(today_ids)) == 5
    assert all(i.startswith("<") and i.endswith("@example.com>") for i in today_ids)


def test_the_decline_id_follows_the_content_not_the_layout(tmp_path: Path) -> None:
    text = FIVE.read_text(encoding="utf-8")
    relaid = tmp_path / "relaid.toml"
    relaid.write_text("# a comment\n\n" + text.replace(" = ", "=") + "\n", encoding="utf-8")
    changed = tmp_path / "changed.toml"
    changed.write_text(
        text.replace("そちらへの入社を決めたため", "そちらに決めたため"), encoding="utf-8"
    )
    assert decline_id(load(relaid)) == decline_id(load(FIVE))
    assert decline_id(load(changed)) != decline_id(load(FIVE))


def test_the_summary_gives_contact_channel_and_status() -> None:
    case = load(FIVE)
    kit = decline_kit(case, NOW)
    files = kit_files(kit, case, NOW, sent={1, 4})
    data = json.loads(files["summary.json"])
    assert data["format"] == "naitei-decline" and data["decline"] == decline_id(case)
    rows = data["companies"]
    assert [r["status_label"] for r in rows] == [
        "送信済み",
        "未送信",
        "未送信",
        "送信済み",
        "未送信",
    ]
    assert rows[1]["channel_label"] == "電話が先（そのあと確認のメール）"
    assert rows[4]["recipient"] == "キャリアブリッジ株式会社 小川様" and rows[4]["phone"] == ""
    markdown = files["summary.md"].decode("utf-8")
    assert (
        "| 1 | 株式会社さくら出版 | 株式会社さくら出版 総務部 人事課 田中様 | saiyo@sakura-pub.example.co.jp / 03-5678-9012 | メール | 送信済み |"
        in markdown
    )
    assert "エージェント経由の内定は、会社ではなくエージェントに連絡します。" in markdown
    assert "学校推薦の内定は" in markdown


def test_the_markdown_table_survives_a_pipe_in_a_name() -> None:
    case = load(FIVE)
    piped = case.companies[0].model_copy(update={"name": "株式会社A|B"})
    bad = case.model_copy(update={"companies": [piped, *case.companies[1:]]})
    markdown = kit_files(decline_kit(bad, NOW), bad, NOW)["summary.md"].decode("utf-8")
    assert "| 1 | 株式会社A\\|B |" in markdown


@pytest.mark.parametrize(
    "value", ["=1+1", "+81-3-1234", "-2", "@SUM(A1)", "\tx", "\rx", "＝1", "＋1", "－1", "＠x"]
)
def test_csv_cells_never_start_a_formula(value: str) -> None:
    assert csv_cell(value) == "'" + value


def test_csv_cells_keep_ordinary_values() -> None:
    assert csv_cell("株式会社さくら出版") == "株式会社さくら出版"
    assert csv_cell(3) == "3"
    assert csv_cell(None) == ""


def test_the_csv_summary_is_escaped_and_opens_in_excel() -> None:
    case = load(FIVE)
    evil = case.companies[0].model_copy(update={"name": '=HYPERLINK("http://evil.example","x")'})
    bad = case.model_copy(update={"companies": [evil, *case.companies[1:]]})
    data = kit_files(decline_kit(bad, NOW), bad, NOW)["summary.csv"]
    assert data.startswith("\ufeff".encode())  # a BOM, so spreadsheets read UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][:3] == ["番号", "会社", "フォルダ"]
    assert rows[1][1] == "'" + '=HYPERLINK("http://evil.example","x")'
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_summary_csv_columns_follow_the_rows() -> None:
    case = load(THREE)
    rows = summary_rows(decline_kit(case, NOW), case)
    table = list(csv.reader(io.StringIO(summary_csv(rows))))
    assert len(table) == 4
    assert table[2][5] == "06-6543-2109"
