"""`naitei serve` under load (wrk), against a bare Starlette endpoint on the same uvicorn.

    .venv/bin/python benchmarks/load.py [--duration 10] [--connections 16] [--threads 2] [--json]

Installs wrk with apt-get when it is missing (and says so). Starts `naitei serve` on
127.0.0.1 and a free port, on a temporary SQLite database (NAITEI_DATABASE_URL), waits
until it answers, then runs wrk, bounded in time, against:
- POST /api/assess with examples/new-grad.toml as JSON;
- POST /api/check with a realistic email draft (tests/fixtures/drafts/, ~620 characters);
- POST /api/cases, a case write (every request a different applicant name); afterwards the
  database must hold every case wrk saw a 201 for (nothing lost) and every name once
  (nothing duplicated);
then the same wrk run against a bare Starlette app (one POST endpoint that reads the body
and returns a small JSON) served by uvicorn with the same settings as `naitei serve`.
Reports requests per second, p50 and p99 latency, non-2xx responses and socket errors
(from a Lua `done` function that prints JSON), and writes benchmarks/results/load.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _common import ROOT, machine, publish, realistic_draft, wrk_done
from tests.support.cases import example

NAITEI = ROOT / ".venv" / "bin" / "naitei"
NOW = "2026-11-25T21:00:00+09:00"
# The bare app: one endpoint, served by uvicorn.run with naitei serve's own settings.
BARE_APP = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

async def echo(request):
    body = await request.body()
    return JSONResponse({"ok": True, "bytes": len(body)})

app = Starlette(routes=[Route("/echo", echo, methods=["POST"])])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="info",
            server_header=False, proxy_headers=False, access_log=True)
"""
LUA = """
wrk.method = "POST"
wrk.headers["Host"] = "127.0.0.1:{port}"
wrk.headers["Content-Type"] = "application/json"
{auth}
wrk.body = [==[{body}]==]
{extra}
{done}"""
# The case write: a different applicant per request; the ids of the 201 answers are kept.
CASE_WRITE = """
counter = 0
ids = {}
prefix = ""
threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("prefix", "t" .. #threads)
end
request = function()
  counter = counter + 1
  local body = string.gsub(wrk.body, "LOADTEST", prefix .. "-" .. counter, 1)
  return wrk.format(nil, nil, nil, body)
end
response = function(status, headers, body)
  if status == 201 then
    local id = string.match(body, '"id":"(%w+)"')
    if id then ids[#ids + 1] = id end
  end
end
"""
CASE_WRITE_DONE = """
  local out = io.open("{ids_file}", "w")
  for _, thread in ipairs(threads) do
    local got = thread:get("ids")
    for _, id in ipairs(got) do out:write(id, "\\n") end
  end
  out:close()
"""


@dataclass
class Run:
    name: str
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int
    command: str


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk is missing: apt-get install -y wrk (Debian's package)")
    try:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
    except subprocess.CalledProcessError:
        print("apt-get install failed: apt-get update, then apt-get install -y wrk")
        subprocess.run(["apt-get", "update"], check=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True)
    return shutil.which("wrk") or "wrk"


def wrk_version() -> str:
    result = subprocess.run([ensure_wrk(), "--version"], capture_output=True, text=True)
    words = (result.stdout + result.stderr).split()
    return words[1] if len(words) > 1 else "?"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(port: int, path: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method="GET")
            urllib.request.urlopen(request, timeout=2).close()
            return
        except urllib.error.HTTPError:
            return  # it answers (405 for a POST-only path is an answer)
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not answer within 60 s")


# The key of each naitei serve started here, by port (naitei.web.auth): every request sends it.
KEYS: dict[int, str] = {}


def auth_headers(port: int) -> dict[str, str]:
    return {"Authorization": f"Bearer {KEYS[port]}"} if port in KEYS else {}


def post(port: int, path: str, body: str) -> None:
    """One JSON POST to naitei serve on loopback; an error answer raises."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        data=body.encode("utf-8"),
        headers={"Content-Type": "application/json", **auth_headers(port)},
        method="POST",
    )
    urllib.request.urlopen(request, timeout=30).close()


def get(port: int, path: str) -> None:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=auth_headers(port))
    urllib.request.urlopen(request, timeout=30).close()


def warm_up(port: int, path: str, body: str, times: int = 20) -> None:
    """A few requests first: the first check loads the dictionary, the first page templates."""
    for _ in range(times):
        post(port, path, body)


class Server:
    """A server process on 127.0.0.1:port, stopped (SIGTERM, then SIGKILL) on exit."""

    def __init__(self, argv: list[str], port: int, env: dict[str, str], probe: str) -> None:
        self.port = port
        self.process = subprocess.Popen(
            argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        wait_until_up(port, probe, self.process)

    @property
    def pid(self) -> int:
        return self.process.pid

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def start_naitei(database: Path, *extra: str) -> Server:
    """naitei serve on a free port; its key (naitei serve --print-token) goes into KEYS."""
    port = free_port()
    data = database.parent / "data"
    env = {
        **os.environ,
        "NAITEI_DATABASE_URL": f"sqlite:///{database}",
        "NAITEI_DATA_DIR": str(data),
    }
    server = Server([str(NAITEI), "serve", "--port", str(port), *extra], port, env, "/")
    printed = subprocess.run(
        [str(NAITEI), "serve", "--print-token", "--port", str(port)],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    KEYS[port] = printed.stdout.strip()
    return server


def start_bare() -> Server:
    port = free_port()
    return Server([sys.executable, "-c", BARE_APP, str(port)], port, dict(os.environ), "/echo")


def wrk_run(
    name: str,
    port: int,
    path: str,
    body: str,
    options: argparse.Namespace,
    folder: Path,
    *,
    extra: str = "",
    done_extra: str = "",
) -> Run:
    script = folder / f"{name.replace(' ', '-').replace('/', '_')}.lua"
    auth = f'wrk.headers["Authorization"] = "Bearer {KEYS[port]}"' if port in KEYS else ""
    script.write_text(
        LUA.format(port=port, auth=auth, body=body, extra=extra, done=wrk_done(done_extra)),
        encoding="utf-8",
    )
    argv = [
        options.wrk,
        f"-t{options.threads}",
        f"-c{options.connections}",
        f"-d{options.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        f"http://127.0.0.1:{port}{path}",
    ]
    result = subprocess.run(argv, capture_output=True, text=True, check=True)
    line = next(line for line in result.stdout.splitlines() if line.startswith("RESULT "))
    data = json.loads(line.removeprefix("RESULT "))
    errors = data["connect"] + data["read"] + data["write"] + data["timeout"]
    shown = " ".join(argv[:-3]) + f" -s {script.stem}.lua http://127.0.0.1:PORT{path}"
    return Run(
        name=name,
        rps=data["requests"] / (data["duration_us"] / 1e6),
        p50_ms=data["p50_us"] / 1000,
        p90_ms=data["p90_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        requests=data["requests"],
        non_2xx=data["non_2xx"],
        socket_errors=errors,
        command=shown.replace(options.wrk, "wrk"),
    )


def bodies() -> dict[str, str]:
    case = example("new-grad.toml")
    draft = realistic_draft()
    check = {"text": draft.text, "kind": draft.kind, "purpose": draft.purpose}
    writer = json.loads(json.dumps(case))
    writer["applicant"]["name"] = "負荷 試験 LOADTEST"
    return {
        "assess": json.dumps({"case": case, "now": NOW}, ensure_ascii=False),
        "check": json.dumps(check, ensure_ascii=False),
        "cases": json.dumps({"case": writer, "now": NOW}, ensure_ascii=False),
    }


@dataclass
class WriteCheck:
    answered_201: int
    rows: int
    lost: int
    duplicated: int
    unanswered: int  # written, but wrk stopped before the answer arrived (in flight at the end)


def verify_writes(database: Path, ids_file: Path, non_2xx: int, requests: int) -> WriteCheck:
    ids = [line for line in ids_file.read_text().splitlines() if line]
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT id, json_extract(data, '$.applicant.name') FROM cases").fetchall()
    stored = {row[0] for row in rows}
    names = [row[1] for row in rows]
    lost = len(set(ids) - stored)
    duplicated = len(names) - len(set(names))
    assert len(ids) == requests - non_2xx, (len(ids), requests, non_2xx)
    return WriteCheck(len(ids), len(rows), lost, duplicated, len(stored - set(ids)))


def measure(options: argparse.Namespace) -> dict[str, Any]:
    """Every run, the case-write check and the ratios to the bare endpoint, as data."""
    options.wrk = ensure_wrk()
    payloads = bodies()
    folder = Path(tempfile.mkdtemp(prefix="naitei-load-"))
    try:
        database = folder / "naitei.db"
        runs: list[Run] = []
        with start_naitei(database) as server:
            for name, path in [("assess", "/api/assess"), ("check", "/api/check")]:
                warm_up(server.port, path, payloads[name])
                runs.append(wrk_run(name, server.port, path, payloads[name], options, folder))
            ids_file = folder / "ids.txt"
            done = CASE_WRITE_DONE.format(ids_file=ids_file)
            write = wrk_run(
                "cases", server.port, "/api/cases", payloads["cases"], options, folder,
                extra=CASE_WRITE, done_extra=done,
            )  # fmt: skip
            runs.append(write)
        writes = verify_writes(database, ids_file, write.non_2xx, write.requests)
        with start_bare() as bare:
            warm_up(bare.port, "/echo", payloads["check"])
            runs.append(wrk_run("bare", bare.port, "/echo", payloads["check"], options, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = runs[-1]
    return {
        "machine": machine(),
        "options": {k: getattr(options, k) for k in ("threads", "connections", "duration")},
        "runs": [asdict(run) for run in runs],
        "ratios": {run.name: base.rps / run.rps for run in runs[:-1]},
        "writes": asdict(writes),
    }


LABELS = {
    "assess": "`POST /api/assess` (examples/new-grad.toml)",
    "check": "`POST /api/check` (an email draft, 620 characters)",
    "cases": "`POST /api/cases` (a case write)",
    "bare": "bare Starlette `POST /echo` (same body as check)",
}


def report(figures: dict[str, Any]) -> str:
    options = figures["options"]
    rows = []
    for run in figures["runs"]:
        ratio = figures["ratios"].get(run["name"])
        shown = f"{ratio:.1f}× slower" if ratio else "1×"
        rows.append(
            f"| {LABELS[run['name']]} | {run['rps']:,.0f} | {shown} | {run['p50_ms']:.1f} ms |"
            f" {run['p99_ms']:.1f} ms | {run['requests']:,} | {run['non_2xx']} |"
            f" {run['socket_errors']} |"
        )
    writes = figures["writes"]
    commands = "\n".join(f"    {run['command']}" for run in figures["runs"])
    return f"""# `naitei serve` under load

Command: `.venv/bin/python benchmarks/load.py` (wrk -t{options["threads"]} \
-c{options["connections"]} -d{options["duration"]}s per endpoint; `naitei serve` on a temporary
SQLite database, uvicorn with its default single worker and access log, as users run it)
Machine: {figures["machine"]}

| endpoint | requests/s | vs bare Starlette | p50 | p99 | requests | non-2xx | socket errors |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{chr(10).join(rows)}

Case writes: wrk saw {writes["answered_201"]:,} answers 201; the database holds \
{writes["rows"]:,} cases — none of the answered ones missing ({writes["lost"]} lost), no \
applicant twice ({writes["duplicated"]} duplicated); {writes["unanswered"]} written but \
unanswered (in flight when wrk stopped at the end of its {options["duration"]} s, completed by \
the server after wrk had closed the connection).

wrk commands (each Lua script sets the method, the Host and Content-Type headers and the JSON
body, and prints its figures as JSON from `done`):

{commands}
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    options = parser.parse_args(argv)
    publish("load", measure(options), report, as_json=options.json)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
