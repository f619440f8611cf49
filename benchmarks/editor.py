"""The checker in an editor and on the web page (issue 13).

    .venv/bin/python benchmarks/editor.py [--rounds 200] [--web-only] [--urlencoded]

- LSP: a real `naitei lsp` process over stdio (tests/support/lsp_client.py); a 1,000-character email
  is opened, then changed `rounds` times (a full-text didChange with one character
  different each time); each figure is the wall-clock time from sending didChange to
  receiving its publishDiagnostics, so it includes JSON-RPC both ways. Reported: p50, p90.
- Web checker: POST /check of a 100,000-character draft (the corpus drafts repeated) and of
  a 100,000-character draft with a mistake in every sentence (about 33,000 findings), posted
  as the page's form posts it (multipart/form-data), in process with FastAPI's TestClient, after the start-up warm-up; median of 5 (wall-clock and
  the process's CPU time), and the size of the page. Then ``check_text`` alone on the same
  text (median CPU time of 5) and the number of findings: what the page adds to the check
  is the difference.
- Start-up: `naitei check FILE` as a new process (median of 10) and `python -X importtime`
  split of the same run (the modules that take longest to import).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "unit" / "check"))

from _common import ROOT, machine, median_ms, time_command
from corpus_eval import load_drafts
from tests.support.lsp_client import NAITEI, LspClient
from tests.support.web import multipart


def email_of(length: int) -> str:
    """A real-looking email of ``length`` characters: corpus email drafts, cut at a line."""
    texts = [d.text for d in load_drafts() if d.kind == "email"]
    text = ""
    for draft in texts:
        if len(text) + len(draft) > length:
            break
        text += draft + "\n"
    filler = texts[-1]
    while len(text) < length:
        text += filler[: length - len(text)]
    return text[:length]


def lsp(rounds: int) -> dict[str, float]:
    client = LspClient()
    try:
        client.initialize({"kind": "email", "purpose": "withdraw"})
        uri = "file:///tmp/naitei-bench/email.txt"
        text = email_of(1_000)
        client.notify(
            "textDocument/didOpen",
            {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}},
        )
        client.diagnostics(uri, version=1)
        times = []
        for version in range(2, rounds + 2):
            changed = text[:-1] + ("。" if version % 2 else "\n")
            start = time.perf_counter()
            client.notify(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": changed}],
                },
            )
            client.diagnostics(uri, version=version)
            times.append(time.perf_counter() - start)
    finally:
        client.close()
    times.sort()
    return {
        "chars": len(text),
        "p50": statistics.median(times) * 1000,
        "p90": times[int(len(times) * 0.9)] * 1000,
    }


def web(urlencoded: bool = False) -> dict[str, tuple[float, float, int, int, float, int]]:
    from naitei.web import Settings, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from naitei.check.quoted import blank_quoted

    # Drafts that quote or forward a message are left out: the checker blanks a quoted part
    # to the end of the text, so one of them early on would leave most of 100,000 characters
    # unchecked (it did: 52 findings instead of about 3,000, once such drafts joined the corpus).
    drafts = [d.text for d in load_drafts() if blank_quoted(d.text) == d.text]
    realistic = ""
    while len(realistic) < 100_000:
        realistic += drafts[len(realistic) % len(drafts)] + "\n"
    mistakes = "御社のちょっと資料を見れる！すごく了解しました。" * 5_000
    folder = tempfile.mkdtemp(prefix="naitei-bench-")
    app = create_app(Settings(database_url=f"sqlite:///{folder}/n.db", token="bench"))
    base = "http://127.0.0.1:8000"
    headers = {"Authorization": "Bearer bench", "Origin": base, "Sec-Fetch-Site": "same-origin"}
    result = {}
    with TestClient(app, base_url=base, headers=headers) as client:
        for name, text in (("corpus", realistic[:100_000]), ("mistakes", mistakes[:100_000])):
            times, cpu, size = [], [], 0
            # as the page's form posts it (enctype multipart/form-data: the text as UTF-8)
            fields = {"text": text, "kind": "email", "purpose": "withdraw"}
            body, form_type = multipart(fields)
            if urlencoded:  # as the form posted before web100k (percent-encoded UTF-8)
                body = urlencode(fields).encode()
                form_type = {"Content-Type": "application/x-www-form-urlencoded"}
            for _ in range(5):
                start, start_cpu = time.perf_counter(), _process_cpu()
                response = client.post("/check", content=body, headers=form_type)
                times.append(time.perf_counter() - start)
                cpu.append(_process_cpu() - start_cpu)
                assert response.status_code == 200, response.status_code
                size = len(response.content)
            alone, found = _check_alone(text)
            result[name] = (
                statistics.median(times) * 1000,
                statistics.median(cpu) * 1000,
                size,
                len(text),
                alone,
                found,
            )
    return result


def _check_alone(text: str) -> tuple[float, int]:
    """Median CPU milliseconds of ``check_text`` on ``text`` (5 runs), and its findings."""
    from naitei.check import check_text

    cpu, found = [], 0
    for _ in range(5):
        start = time.process_time()
        found = len(check_text(text, "email").findings)
        cpu.append(time.process_time() - start)
    return statistics.median(cpu) * 1000, found


def _process_cpu() -> float:
    """CPU seconds of this process, every thread (TestClient runs the app in another one):
    on a shared machine a truer figure of the work than wall-clock time."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def startup() -> tuple[float, str]:
    draft = Path(tempfile.mkdtemp(prefix="naitei-bench-")) / "email.txt"
    draft.write_text(email_of(1_000), encoding="utf-8")
    argv = [NAITEI, "check", str(draft)]
    times = []
    for _ in range(10):
        start = time.perf_counter()
        subprocess.run(argv, cwd=ROOT, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    run = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-c",
            "import sys; from naitei.cli import main; "  # the console script's own path
            f"sys.argv = ['naitei', 'check', {str(draft)!r}]; main()",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in run.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit() and not parts[2].startswith("  "):
            rows.append((int(parts[1]), parts[2].strip()))
    top = ", ".join(f"{name} {us / 1000:.0f} ms" for us, name in sorted(rows, reverse=True)[:6])
    return statistics.median(times) * 1000, top


def _print_web(urlencoded: bool = False) -> None:
    for name, (ms, cpu, size, chars, alone, found) in web(urlencoded).items():
        print(
            f"| web checker POST /check, {chars:,} characters ({name}, {found:,} findings) | "
            f"{ms:.0f} ms (CPU {cpu:.0f} ms; `check_text` alone {alone:.0f} ms CPU), "
            f"{size / 1e6:.2f} MB |"
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--web-only", action="store_true", help="only the web checker rows")
    parser.add_argument(
        "--urlencoded", action="store_true", help="post the draft urlencoded, not multipart"
    )
    args = parser.parse_args(argv)
    print(machine())
    if args.web_only:
        _print_web(args.urlencoded)
        return 0
    figures = lsp(args.rounds)
    print(
        f"| LSP: didChange → publishDiagnostics, {figures['chars']:,}-character email, "
        f"{args.rounds} changes | p50 {figures['p50']:.1f} ms, p90 {figures['p90']:.1f} ms |"
    )
    _print_web(args.urlencoded)
    ms, top = startup()
    print(f"| `naitei check FILE` (1,000 characters), new process, median of 10 | {ms:.0f} ms |")
    print(f"| slowest top-level imports on that path | {top} |")
    python = median_ms(time_command([sys.executable, "-c", "pass"], 10))
    print(f"| `python -c pass` | {python:.0f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
