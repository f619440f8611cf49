"""Organisation mode under a realistic mix (wrk), with 1 and 2 app workers on PostgreSQL.

    .venv/bin/python benchmarks/org_scale.py [--duration 10] [--connections 32] [--applicants 500]

Starts a throw-away PostgreSQL cluster (tests/support/pg.py), initialises organisation mode,
and seeds 500 applicants (each with one case whose sensitive fields are sealed with its own
key, and both consents given) and 10 advisers with 50 applicants each. Then, for 1 and 2
workers, starts `naitei serve --org --workers N` and drives it with wrk (installed with
apt-get when missing) through a Lua script that replays a shuffled mix of signed-in requests:
- 50 % an adviser opens one of their applicants' cases (decrypts, assesses, plans, and appends
  a hash-chained audit row);
- 20 % an adviser lists their applicants;
- 20 % an applicant opens their own case (decrypts, assesses, plans);
- 10 % an applicant's home page (their case list).
Reports requests/s, p50 and p99 latency and errors (non-2xx/3xx, socket errors) per worker
count, and the ratio. The load generator shares the machine's cores with the server and the
database: on 2 cores expect well under 2x. Writes benchmarks/results/org_scale.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import machine, publish, wrk_done  # noqa: E402

LUA = """
lines = {}
for line in io.lines("%(mix)s") do
  local method, path, cookie = line:match("^(%%S+) (%%S+) (%%S+)$")
  table.insert(lines, {path, cookie})
end
counter = 0
threads = {}
setup = function(thread)
  table.insert(threads, thread)
  thread:set("offset", #threads * 7919)
end
request = function()
  counter = counter + 1
  local entry = lines[((counter + offset) %% #lines) + 1]
  return wrk.format("GET", entry[1], {["Cookie"] = "naitei_session=" .. entry[2]})
end
%(done)s"""


def seed(url: str, folder: Path, applicants: int) -> tuple[Path, list[str]]:
    """Initialise, seed, and return the config and the mix of request lines."""
    from sqlalchemy import text
    from tests.support.org import write_config
    from tests.support.web import WIZARD_FORM

    from naitei.org import accounts, cases, consent
    from naitei.org.config import load_config
    from naitei.org.db import Actor, make_engine, system_transaction, transaction
    from naitei.org.keys import KeyRing
    from naitei.org.schema import upgrade
    from naitei.org.sessions import start_session
    from naitei.web import wizard

    config_path = write_config(folder / "org.toml", url, session_idle_seconds=86400)
    config = load_config(config_path, environ={})
    engine = make_engine(config)
    upgrade(engine)
    keys = KeyRing(config.key_dir)
    keys.create()
    admin = accounts.create_first_admin(engine, "admin@example.ac.jp")
    boss = Actor(admin.id, "admin")
    data = wizard.case_data(wizard.answers(WIZARD_FORM | {"decline.reason": "health"}))
    with transaction(engine, boss) as connection:
        advisers = [
            accounts.invite(connection, boss, f"adv{n}@example.ac.jp", "adviser", "b").id
            for n in range(10)
        ]
        people = [
            accounts.invite(connection, boss, f"s{n}@example.ac.jp", "applicant", "b").id
            for n in range(applicants)
        ]
    with system_transaction(engine) as connection:
        connection.execute(text("UPDATE org_users SET status = 'active'"))
    mix: list[str] = []
    cookies: dict[int, str] = {}
    with system_transaction(engine) as connection:
        for user in [*advisers, *people]:
            cookies[user] = start_session(connection, user, "bench", None, "signin.link")[0]
    case_of: dict[int, int] = {}
    for index, person in enumerate(people):
        me = Actor(person, "applicant")
        for kind in ("sensitive", "share"):
            consent.give(engine, me, kind, consent.TEXT_VERSION, "b")
        case_of[person] = cases.create(
            engine, keys, me, data, "面談で相談したいこと", {"sensitive"}, "b"
        )
        accounts.assign(engine, boss, person, advisers[index % len(advisers)], "b")
    rng = random.Random(18)
    for _ in range(2000):
        roll = rng.random()
        person = rng.choice(people)
        adviser = advisers[people.index(person) % len(advisers)]
        if roll < 0.5:
            mix.append(f"GET /cases/{case_of[person]} {cookies[adviser]}")
        elif roll < 0.7:
            mix.append(f"GET / {cookies[adviser]}")
        elif roll < 0.9:
            mix.append(f"GET /cases/{case_of[person]} {cookies[person]}")
        else:
            mix.append(f"GET / {cookies[person]}")
    engine.dispose()
    return config_path, mix


def run(
    config: Path, mix_file: Path, workers: int, duration: int, connections: int, folder: Path
) -> dict[str, Any]:
    from tests.support.net import free_port

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NAITEI_ORG_")}
    env["NAITEI_ORG_LOG_LEVEL"] = "WARNING"
    log = (folder / f"serve-{workers}.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "naitei", "serve", "--org", "--workers", str(workers), "--host", "127.0.0.1",
         "--port", str(port), "--config", str(config)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}/readyz")
        script = folder / "mix.lua"
        script.write_text(LUA % {"mix": mix_file, "done": wrk_done()}, encoding="utf-8")
        base = ["wrk", "-t1", f"-c{connections}", "-s", str(script), f"http://127.0.0.1:{port}/"]
        subprocess.run(
            [*base[:2], "-c4", "-d3s", *base[3:]], capture_output=True, check=True
        )  # warm-up
        done = subprocess.run(
            [*base[:3], f"-d{duration}s", *base[3:]], capture_output=True, text=True, check=True
        )
        line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
        result: dict[str, Any] = json.loads(line[len("RESULT ") :])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    seconds = result["duration_us"] / 1e6
    errors = (
        result["non_2xx"] + result["connect"] + result["read"] + result["write"] + result["timeout"]
    )
    return {"workers": workers, "rps": round(result["requests"] / seconds, 1),
            "p50_ms": round(result["p50_us"] / 1000, 1), "p99_ms": round(result["p99_us"] / 1000, 1),
            "errors": errors, "requests": result["requests"]}  # fmt: skip


def _wait(url: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer")


def report(figures: dict[str, Any]) -> str:
    rows = "\n".join(
        f"| {r['workers']} | {r['rps']} | {r['p50_ms']} | {r['p99_ms']} | {r['errors']} | {r['requests']} |"
        for r in figures["runs"]
    )
    return (
        f"# Organisation mode under a realistic mix\n\n{figures['machine']}; {figures['applicants']} applicants, "
        f"10 advisers; wrk -t1 -c{figures['connections']} -d{figures['duration']}s; "
        f"`.venv/bin/python benchmarks/org_scale.py`.\n\n"
        "| workers | requests/s | p50 ms | p99 ms | errors | requests |\n| --- | --- | --- | --- | --- | --- |\n"
        f"{rows}\n\nRatio 2 workers / 1 worker: {figures['ratio']}x\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--applicants", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
    from tests.support.pg import cluster

    folder = Path(tempfile.mkdtemp(prefix="naitei-org-bench-"))
    try:
        with cluster() as pg:
            url = pg.create_database("bench").replace("+psycopg", "")
            config, mix = seed(url, folder, args.applicants)
            mix_file = folder / "mix.txt"
            mix_file.write_text("\n".join(mix) + "\n", encoding="utf-8")
            runs = [
                run(config, mix_file, n, args.duration, args.connections, folder) for n in (1, 2)
            ]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    figures = {"machine": machine(), "applicants": args.applicants, "connections": args.connections,
               "duration": args.duration, "runs": runs,
               "ratio": round(runs[1]["rps"] / runs[0]["rps"], 2) if runs[0]["rps"] else None}  # fmt: skip
    publish("org_scale", figures, report, as_json=args.json)


if __name__ == "__main__":
    main()
