"""One send per company, whatever happens (issue 14), against a real SMTP server:

- two `--send` runs at once, from two folders on one store, send each company once (the
  send ledger's unique constraint, claimed before the message is handed to the server);
- a run killed right after the server took a message (before its 250 was recorded) does not
  send it again on the rerun — it is "outcome unknown", resent only on the user's word —
  and leaves no temporary file behind;
- a connection lost after DATA is "unknown", not 未送信;
- a recipient the server refuses for good (5xx) does not block the companies after it, and
  `--skip N` leaves it out."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner, Result

from naitei.cli.app import app
from tests.support.decline_env import FIVE, NOW_TEXT, RECIPIENTS, private_env
from tests.support.smtpd import smtp_server

runner = CliRunner()


def run(out: Path, env: dict[str, str], *extra: str) -> Result:
    args = ["decline", str(FIVE), "--out", str(out), "--now", NOW_TEXT, "--send", "--yes", *extra]
    return runner.invoke(app, args, env=env)


def command(out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "naitei", "decline", str(FIVE), "--out", str(out),
            "--now", NOW_TEXT, "--send", "--yes", *extra]  # fmt: skip


def recipients(server: object) -> list[str]:
    return [r.rcpt_tos[0] for r in server.received]  # type: ignore[attr-defined]


def test_two_runs_at_once_from_two_folders_send_each_company_once(tmp_path: Path) -> None:
    with smtp_server(delay=0.3) as server:  # slow answers: the two runs overlap
        env = private_env(tmp_path, server.port)
        runs = [
            subprocess.Popen(
                command(tmp_path / f"out{n}"),
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for n in (1, 2)
        ]
        outputs = [process.communicate(timeout=120) for process in runs]
    assert sorted(recipients(server)) == sorted(RECIPIENTS), outputs
    assert all(process.returncode == 0 for process in runs), outputs


def test_a_kill_right_after_the_server_took_a_message_does_not_resend_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    client: list[subprocess.Popen[str]] = []

    def kill_on_second(count: int) -> None:
        if count == 2:  # the server has the message; the client dies before hearing 250
            os.kill(client[0].pid, signal.SIGKILL)

    with smtp_server(on_accept=kill_on_second) as server:
        env = private_env(tmp_path, server.port)
        client.append(
            subprocess.Popen(
                command(out), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
        client[0].communicate(timeout=120)
        assert recipients(server) == RECIPIENTS[:2]
        rerun = run(out, env)
    assert recipients(server) == [*RECIPIENTS[:2], *RECIPIENTS[2:]]  # the second, once
    assert rerun.exit_code == 0, rerun.output
    assert (
        "届いたかどうか分からないため、送り直さなかった会社があります: 2. みなと物産株式会社"
        in rerun.stderr
    )
    assert "--resend 2" in rerun.stderr
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["companies"][1]["status"] == "unknown"


def test_an_unknown_one_is_resent_only_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with smtp_server(drop_on=2) as dropping:
        run(out, private_env(tmp_path, dropping.port))
    with smtp_server() as server:
        env = private_env(tmp_path, server.port)
        assert run(out, env).exit_code == 0
        assert RECIPIENTS[1] not in recipients(server)
        again = run(out, env, "--resend", "2")
    assert again.exit_code == 0, again.output
    assert recipients(server).count(RECIPIENTS[1]) == 1


def test_a_connection_lost_after_data_is_unknown_not_unsent(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with smtp_server(drop_on=3) as server:
        result = run(out, private_env(tmp_path, server.port))
    assert result.exit_code == 3
    assert "届いたかどうかは分かりません" in result.stderr
    assert "届いたか不明: 3. 株式会社青葉システム" in result.stderr
    assert "未送信: 4. 北辰工業株式会社、5. 株式会社かもめ食品" in result.stderr
    assert "--resend 3" in result.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert [row["status"] for row in summary["companies"]] == [
        "sent", "sent", "unknown", "unsent", "unsent"
    ]  # fmt: skip


def test_a_refused_recipient_does_not_block_the_others(tmp_path: Path) -> None:
    out = tmp_path / "out"
    refuse = {RECIPIENTS[2]: "550 5.1.1 User unknown"}
    with smtp_server(refuse=refuse) as server:
        env = private_env(tmp_path, server.port)
        first = run(out, env)
        assert first.exit_code == 3
        assert recipients(server) == [RECIPIENTS[i] for i in (0, 1, 3, 4)]
        assert (
            "3社目（株式会社青葉システム）の宛先は、サーバーに拒否されました（550 5.1.1 User unknown）"
            in first.stderr
        )
        assert "--skip 3" in first.stderr
        rerun = run(out, env)  # tries the refused one again, and nothing else is waiting
        skipped = run(out, env, "--skip", "3")
    assert recipients(server) == [RECIPIENTS[i] for i in (0, 1, 3, 4)]
    assert rerun.exit_code == 3 and "未送信: 3. 株式会社青葉システム" in rerun.stderr
    assert skipped.exit_code == 0, skipped.output
    assert "送るメールはありません" in skipped.stdout


def test_a_message_refused_for_good_after_data_does_not_block_the_others(tmp_path: Path) -> None:
    with smtp_server(fail_on=3, fail_reply="554 5.7.1 Rejected") as server:
        result = run(tmp_path / "out", private_env(tmp_path, server.port))
    assert result.exit_code == 3
    assert recipients(server) == [RECIPIENTS[i] for i in (0, 1, 3, 4)]
    assert "（554 5.7.1 Rejected）" in result.stderr


def answer_prompts(args: list[str], env: dict[str, str], answers: dict[str, str]) -> str:
    """Run `naitei` on a pseudo-terminal, answering each prompt (by a phrase in it) once."""
    import select
    import time

    leader, follower = os.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "naitei", *args], stdin=follower, stdout=follower,
        stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    seen, pending = b"", dict(answers)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if select.select([leader], [], [], 0.2)[0]:
            try:
                seen += os.read(leader, 65536)
            except OSError:
                break
        for phrase in list(pending):
            if phrase.encode() in seen:
                os.write(leader, pending.pop(phrase).encode() + b"\n")
                seen = seen.replace(phrase.encode(), b"<answered>")
    os.close(leader)
    process.wait(timeout=30)
    return seen.decode("utf-8", "replace")


def test_on_a_terminal_an_unknown_one_is_asked_about_and_not_resent_by_default(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    with smtp_server(drop_on=3) as dropping:
        run(out, private_env(tmp_path, dropping.port))
    with smtp_server() as server:
        args = ["decline", str(FIVE), "--out", str(out), "--now", NOW_TEXT, "--send"]
        screen = answer_prompts(
            args, private_env(tmp_path, server.port),
            {"もう一度送りますか": "", "送信してよろしいですか": "y"},
        )  # fmt: skip
    assert "株式会社青葉システム" in screen and "届いたかどうか分かりません" in screen
    assert recipients(server) == RECIPIENTS[3:]  # the fourth and fifth; not the third again
