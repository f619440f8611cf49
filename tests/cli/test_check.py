"""`naitei check`: exit codes, stdin, formats, --case, and bad input (exit 2, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from naitei.cli.check import check
from tests.support import check_samples as samples
from tests.support.tables import table

TABLES = Path(__file__).with_name("tables") / "check.toml"

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

app = typer.Typer()
app.command("check")(check)


@app.callback()
def _main() -> None:
    """A stand-in for naitei's own app, so that `check` stays a sub-command."""


runner = CliRunner()


def run(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["check", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(samples.EMAIL_WITHDRAW, encoding="utf-8")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.txt"
    path.write_text(samples.EMAIL_WITHDRAW.replace("貴社", "御社"), encoding="utf-8")
    return path


def test_a_clean_draft_exits_0(good: Path) -> None:
    code, out, _ = run(str(good))
    assert code == 0
    assert "問題は見つかりませんでした" in out or "情報" in out


def test_an_error_exits_1(bad: Path) -> None:
    code, out, _ = run(str(bad))
    assert code == 1
    assert "書き言葉での「御社」" in out and "修正案: 貴社" in out


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "w.txt"
    path.write_text(
        samples.EMAIL_WITHDRAW.replace("誠に身勝手", "ちょっと身勝手"), encoding="utf-8"
    )
    code, out, _ = run(str(path))
    assert code == 0 and "警告: くだけた言葉" in out


def test_stdin_and_json(bad: Path) -> None:
    code, out, _ = run("-", "--format", "json", stdin=bad.read_bytes())
    assert code == 1
    data = json.loads(out)
    assert data["kind"] == "email"
    assert data["counts"]["error"] >= 1
    assert any(f["rule"] == "onsha-in-writing" for f in data["findings"])


def test_kind_and_purpose(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(samples.PHONE_WITHDRAW, encoding="utf-8")
    assert run(str(path), "--kind", "phone")[0] == 0
    code, out, _ = run(str(path), "--kind", "email", "--format", "json")
    assert code == 1
    assert "onsha-in-writing" in {f["rule"] for f in json.loads(out)["findings"]}
    code, out, _ = run(str(path), "--kind", "phone", "--purpose", "decline", "--format", "json")
    assert code == 0


THANKS = samples.EMAIL_DECLINE.replace(
    "大変ありがたいお話ですが、熟慮の末、内定を辞退させていただきたく、ご連絡いたしました。\n", ""
).replace(
    "選考では丁寧にご対応いただいたにもかかわらず、このようなお返事となり、誠に申し訳ございません。\n"
    "本来であれば直接お伺いしてお詫びすべきところ、メールでのご連絡となりましたことをお許しください。\n",
    "面接で伺ったお話を励みに、残りの学生生活にも励みます。\n",
)


def test_the_new_purposes_and_auto(tmp_path: Path) -> None:
    path = tmp_path / "thanks.txt"
    path.write_text(THANKS, encoding="utf-8")
    code, out, _ = run(str(path), "--format", "json")  # the default stays withdraw
    data = json.loads(out)
    assert code == 1 and data["purpose"] == "withdraw" and data["purpose_inferred"] is False
    assert {"missing-apology", "missing-request"} <= {f["rule"] for f in data["findings"]}
    code, out, _ = run(str(path), "--purpose", "thanks", "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    code, out, _ = run(str(path), "--purpose", "auto", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["purpose"] == "thanks" and data["purpose_inferred"] is True
    assert {"kind", "findings", "counts"} <= set(data)
    code, out, _ = run(str(path), "--purpose", "auto")
    assert code == 0
    assert "目的を「お礼」と判定して点検しました" in out.splitlines()[0]
    code, out, _ = run(str(path), "--purpose", "thanks")
    assert "判定" not in out


def test_textlint_format(bad: Path) -> None:
    code, out, _ = run(str(bad), "--format", "textlint")
    assert code == 1
    [result] = json.loads(out)
    assert result["filePath"] == str(bad.resolve())
    assert any(m["ruleId"] == "onsha-in-writing" and m["severity"] == 2 for m in result["messages"])


def test_case_gives_the_company_name(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(
        "株式会社みなと精機\n人事部 佐藤様\n\n株式会社あおい食品で働きたいと考えております。\n",
        encoding="utf-8",
    )
    case = FIXTURES / "cases" / "newgrad-minato.toml"
    code, out, _ = run(str(draft), "--case", str(case), "--format", "json")
    mismatch = [f for f in json.loads(out)["findings"] if f["rule"] == "company-name-mismatch"]
    assert code == 1
    assert [f["suggestion"] for f in mismatch] == ["株式会社みなと精機"]


def test_decline_case_takes_the_purpose_and_a_company(tmp_path: Path) -> None:
    case = FIXTURES / "cases" / "decline-newgrad-three.toml"
    draft = tmp_path / "d.txt"
    draft.write_text("東洋ライフサービス株式会社\n人事部長 松下様\n", encoding="utf-8")
    code, out, _ = run(str(draft), "--case", str(case), "--company", "2", "--format", "json")
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert "company-name-mismatch" not in rules
    assert "missing-request" not in rules  # the case's purpose is decline
    code, _, err = run(str(draft), "--case", str(case), "--company", "4")
    assert code == 2 and "--company" in err


@table(TABLES, "bad_option", "args", "needle")
def test_bad_option_values_exit_2(good: Path, args: list[str], needle: str) -> None:
    code, out, err = run(str(good), *args)
    assert code == 2
    assert needle in err
    assert out == ""


def test_missing_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "nothing.txt"))
    assert code == 2 and "ファイルが見つかりません" in err and out == ""
    assert "Traceback" not in err


def test_a_directory_exits_2(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path))
    assert code == 2 and "ファイルではありません" in err


def test_undecodable_input_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "sjis.txt"
    path.write_bytes("御社".encode("shift_jis"))
    code, _, err = run(str(path))
    assert code == 2 and "UTF-8 として読めません" in err
    code, _, err = run("-", stdin=b"\xff\xfe\x00")
    assert code == 2 and "<stdin>" in err


def test_a_bad_case_file_exits_2(tmp_path: Path, good: Path) -> None:
    case = tmp_path / "case.toml"
    case.write_text('version = 1\npurpose = "withdraw"\n', encoding="utf-8")
    code, out, err = run(str(good), "--case", str(case))
    assert code == 2 and "case.toml" in err and out == ""


def test_fix_writes_the_safe_fixes_and_keeps_a_backup(bad: Path) -> None:
    original = bad.read_text(encoding="utf-8")
    bad.chmod(0o640)
    code, out, err = run(str(bad), "--fix")
    assert code == 0, out + err
    assert bad.read_text(encoding="utf-8") == samples.EMAIL_WITHDRAW
    assert Path(f"{bad}.bak").read_text(encoding="utf-8") == original
    assert bad.stat().st_mode & 0o777 == 0o640
    assert "件を直しました" in err
    # the report is of the fixed text: no error left (info hints may remain or not)
    assert "エラー 0件" in out or "問題は見つかりませんでした" in out


def test_fix_no_backup(bad: Path) -> None:
    code, _, _ = run(str(bad), "--fix", "--no-backup", "--format", "json")
    assert code == 0
    assert "御社" not in bad.read_text(encoding="utf-8")
    assert not Path(f"{bad}.bak").exists()


def test_fix_leaves_structural_findings_and_advice_alone(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_bytes("佐藤部長様\r\n御社に伺います。\r\n".encode())
    code, out, _ = run(str(path), "--fix", "--format", "json")
    assert code == 1  # missing-* errors stay
    assert path.read_bytes() == "佐藤部長様\r\n貴社に伺います。\r\n".encode()  # CRLF kept
    rules = {f["rule"] for f in json.loads(out)["findings"]}
    assert {"title-sama", "missing-apology"} <= rules
    assert "onsha-in-writing" not in rules


def test_fix_with_nothing_to_fix_writes_nothing(good: Path) -> None:
    before = good.stat().st_mtime_ns
    code, _, err = run(str(good), "--fix")
    assert code == 0
    assert "直せる指摘はありませんでした" in err
    assert good.stat().st_mtime_ns == before
    assert not Path(f"{good}.bak").exists()


def test_fix_refuses_stdin() -> None:
    code, _, err = run("-", "--fix", stdin="御社")
    assert code == 2
    assert "--fix" in err


def test_now_reads_a_date_without_its_year(tmp_path: Path) -> None:
    """--now is the day a year-less date is read from (2026-12-08 is a Tuesday, 2027-12-08 a
    Wednesday); a --now that is no moment is refused, naming the option."""
    draft = tmp_path / "draft.txt"
    draft.write_text("面接は12月8日（水）14時からと伺っております。\n", encoding="utf-8")
    code, out, _ = run(str(draft), "--purpose", "other", "--format", "json", "--now", "2026-12-03")
    rules = [f["rule"] for f in json.loads(out)["findings"]]
    assert code == 1 and "weekday-mismatch" in rules
    code, out, _ = run(str(draft), "--purpose", "other", "--format", "json", "--now", "2027-12-03")
    assert "weekday-mismatch" not in [f["rule"] for f in json.loads(out)["findings"]]
    code, _, err = run(str(draft), "--now", "yesterday")
    assert code == 2 and "--now" in err
