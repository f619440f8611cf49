"""`naitei draft` and `naitei withdraw` as a user runs them."""

from __future__ import annotations

import json
import re
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pypdfium2 as pdfium

from tests.support.cases import EXAMPLES
from tests.support.cli import naitei

NOW = "2026-11-25T21:00:00+09:00"
NEW_GRAD = str(EXAMPLES / "new-grad.toml")
KIT_FILES = [
    "assessment.md",
    "email-unreached.eml",
    "email-unreached.txt",
    "email.eml",
    "email.txt",
    "kit.json",
    "letter.pdf",
    "letter.txt",
    "phone.md",
    "plan.ics",
    "plan.md",
    "visit.md",
]


def test_withdraw_writes_the_whole_kit(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    result = naitei("withdraw", NEW_GRAD, "--out", str(out), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == KIT_FILES
    assert "最初にすること: 11月26日(木) 10:00〜11:30" in result.stdout
    kit = json.loads((out / "kit.json").read_text(encoding="utf-8"))
    assert set(kit) == {"version", "now", "assessment", "plan", "documents"}
    assert kit["documents"]["email"]["subject"] == "内定辞退撤回のお願い（東西大学 山田 太郎）"
    message = BytesParser(policy=policy.default).parsebytes((out / "email.eml").read_bytes())
    assert message["To"].addresses[0].addr_spec == "saiyo@minato-seiki.example.co.jp"
    assert len(pdfium.PdfDocument(out / "letter.pdf")) >= 1


def test_withdraw_refuses_a_non_empty_folder_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "kit"
    out.mkdir()
    (out / "keep.txt").write_text("keep", encoding="utf-8")
    result = naitei("withdraw", NEW_GRAD, "--out", str(out), "--now", NOW)
    assert result.returncode == 2
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_withdraw_with_bad_case_leaves_nothing_behind(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        Path(NEW_GRAD).read_text(encoding="utf-8").replace('"acknowledged"', '"maybe"'),
        encoding="utf-8",
    )
    result = naitei("withdraw", str(bad), "--out", str(tmp_path / "kit"), "--now", NOW)
    assert result.returncode == 2
    assert "bad.toml: [decline].company_response" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]


def test_withdraw_with_a_decline_file_is_bad_input(tmp_path: Path) -> None:
    result = naitei("withdraw", str(EXAMPLES / "decline-three.toml"), "--out", str(tmp_path / "k"))
    assert result.returncode == 2
    assert not (tmp_path / "k").exists()


def test_draft_prints_a_document_and_writes_files(tmp_path: Path) -> None:
    result = naitei("draft", "phone", NEW_GRAD, "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# 電話の台本 — 株式会社みなと精機")
    email = naitei("draft", "email", NEW_GRAD, "--now", NOW, "--unreached")
    assert "ご不在とのことでしたので" in email.stdout
    pdf = tmp_path / "letter.pdf"
    assert (
        naitei(
            "draft", "letter", NEW_GRAD, "--now", NOW, "--out", str(pdf), "--vertical"
        ).returncode
        == 0
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    eml = tmp_path / "email.eml"
    assert naitei("draft", "email", NEW_GRAD, "--now", NOW, "--out", str(eml)).returncode == 0
    assert b"Subject:" in eml.read_bytes()


def test_draft_decline_documents_by_company() -> None:
    result = naitei(
        "draft",
        "decline-email",
        str(EXAMPLES / "decline-three.toml"),
        "--company",
        "2",
        "--now",
        NOW,
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["text"].startswith("ひかり旅行株式会社\n")
    bad = naitei("draft", "decline-email", str(EXAMPLES / "decline-three.toml"), "--company", "9")
    assert bad.returncode == 2 and "--company" in bad.stderr


def test_draft_rejects_an_unknown_kind_and_a_pdf_for_an_email(tmp_path: Path) -> None:
    assert naitei("draft", "fax", NEW_GRAD).returncode == 2
    result = naitei("draft", "email", NEW_GRAD, "--out", str(tmp_path / "x.pdf"))
    assert result.returncode == 2 and not (tmp_path / "x.pdf").exists()


def test_withdraw_refuses_an_offer_dated_after_its_decline(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    text = Path(NEW_GRAD).read_text(encoding="utf-8")
    bad.write_text(re.sub(r"offered_on = \S+", "offered_on = 2026-12-24", text), encoding="utf-8")
    result = naitei("withdraw", str(bad), "--out", str(tmp_path / "kit"), "--now", NOW)
    assert result.returncode == 2
    assert "bad.toml: [offer].offered_on" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.toml"]
