"""Slash-command acknowledgement against the bare slack-bolt floor, with wrk as the load generator.

Starts `salesbot serve` on a fresh database and a bare bolt AsyncApp (bench/bolt_floor.py) side by side,
both against a fake Slack Web API, and drives each with the same kind of signed `/sales` requests (every one
with its own trigger id and signature) at 32 connections for 10 s, alternating floor, salesbot, floor,
salesbot. Then `pipeline` and `kpi` (read-only) on salesbot as another rep with a book of 40 deals and, on
SQLite, `pipeline` again while another connection holds the database's write lock. Counts the deals stored, and the server's peak RSS.

Run: apt-get install wrk; .venv/bin/python bench/slash_ack.py [--seconds 10] [--connections 32]
     DATABASE_URL=postgresql+psycopg://... selects PostgreSQL (its deals named "Bench Co" are counted).
The last lines are `summary:` rows that `make bench` gathers.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402
from sqlmodel import Session  # noqa: E402

from storage.database import make_engine  # noqa: E402
from bench.summary import summary_row  # noqa: E402
from storage.models import Deal  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.signed import CHANNEL, SECRET, USER, captured, signature  # noqa: E402

DEAL_ADD = 'deal add "Bench Co" 12k stage=proposal'
TARGET_RATIO = {"sqlite": 0.5, "postgresql": 0.35}
TARGET_P99_MS, TARGET_RSS_MB = 50.0, 200.0
# The read runs are another person's: a rep's book of this many deals, not the thousands the adds stored.
READER, READER_DEALS = "U0BENCHREADER", 40
LUA = ROOT / "bench" / "wrk" / "slash.lua"
RESULT = re.compile(r"RESULT (.*)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def write_requests(path: Path, text: str, count: int, run: str, response_url: str, user: str = USER) -> None:
    """The timestamp, the body around the trigger id, then `trigger signature` per request."""
    fields = captured("slack_payload_slash_command.urlencoded") | {
        "command": "/sales", "text": text, "user_id": user, "channel_id": CHANNEL, "response_url": response_url}
    fields.pop("trigger_id", None)
    prefix, stamp = urlencode(fields) + "&trigger_id=", str(int(time.time()))
    with path.open("w") as out:
        out.write(f"{stamp}\n{prefix}\n\n")
        for n in range(count):
            trigger = f"{run}.{n:09d}"
            out.write(f"{trigger} {signature(prefix + trigger, stamp)}\n")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU the process has used so far (/proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def wrk(url: str, text: str, args, run: str, response_url: str, pid: int | None = None,
              user: str = USER) -> dict:
    """One wrk run of `text` on `url`: requests/s, p50, p99, answers and deals acknowledged as added, and the
    server's CPU milliseconds per answered request (less sensitive to a busy machine than requests/s)."""
    path = Path(tempfile.mkstemp(suffix=".txt")[1])
    write_requests(path, text, args.requests, run, response_url, user)
    cpu = cpu_seconds(pid) if pid else 0.0
    process = await asyncio.create_subprocess_exec(
        "wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.seconds}s", "-s", str(LUA), url,
        "--", str(path), str(args.threads), stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    output = (await process.communicate())[0].decode()
    cpu = cpu_seconds(pid) - cpu if pid else float("nan")
    path.unlink()
    match = RESULT.search(output)
    if match is None:
        raise RuntimeError(f"wrk gave no result:\n{output}")
    numbers = {k: float(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    numbers["rps"] = numbers["requests"] / numbers["seconds"]
    numbers["cpu_ms"] = 1000 * cpu / max(1.0, numbers["requests"])
    return numbers


async def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            try:
                async with http.get(url) as response:
                    if response.status < 500:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


async def send(base: str, text: str, run: str, response_url: str, user: str = USER) -> None:
    """One signed command, answered before the next is sent."""
    path = Path(tempfile.mkstemp()[1])
    write_requests(path, text, 1, run, response_url, user)
    stamp, prefix, _, line = path.read_text().splitlines()[:4]
    path.unlink()
    trigger, sig = line.split()
    async with aiohttp.ClientSession() as http:
        async with http.post(base + "/slack/events", data=(prefix + trigger).encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded", "X-Slack-Request-Timestamp": stamp,
                "X-Slack-Signature": sig}) as response:
            assert response.status == 200, response.status


async def warm_up(base: str, run: str, response_url: str) -> None:
    """One signed command first: auth.test, users.info and the workspace are then known."""
    await send(base, "whoami", f"w{run}", response_url)


async def seed_reader(base: str, run: str, response_url: str) -> None:
    """The reader's own book, READER_DEALS deals over the open stages: what `pipeline` and `kpi` show in
    the read runs, the same size however many deals the `deal add` runs stored for the other person."""
    stages = ("lead", "qualified", "proposal", "negotiation")
    for n in range(READER_DEALS):
        text = f'deal add "Reader Co {n}" {5 + n}k stage={stages[n % len(stages)]}'
        await send(base, text, f"r{run}.{n}", response_url, READER)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def stored_deals(url: str) -> int:
    engine = make_engine(url)
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Deal).where(Deal.name == "Bench Co"))
    engine.dispose()
    return count


async def main(args) -> int:
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk")
        return 2
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    backend = "sqlite" if url.startswith("sqlite") else "postgresql"
    fake = FakeSlack()
    fake.add_user(USER, "Ana Silva")
    fake.add_user(READER, "Rui Costa")
    await fake.start()
    response_url = fake.base + "response/1"
    bot_port, floor_port = free_port(), free_port()
    env = os.environ | {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.url,
                        "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    salesbot = await asyncio.create_subprocess_exec(str(Path(sys.executable).with_name("salesbot")), "serve",
                                                    "--port", str(bot_port), env=env)
    floor = await asyncio.create_subprocess_exec(sys.executable, str(ROOT / "bench" / "bolt_floor.py"),
                                                 str(floor_port), fake.url, env=env)
    bot, bare = f"http://127.0.0.1:{bot_port}", f"http://127.0.0.1:{floor_port}"
    try:
        await wait_for(bot + "/healthz")
        await wait_for(bare + "/slack/events")
        run = f"{int(time.time())}"
        await warm_up(bot, run, response_url)
        await warm_up(bare, run, response_url)
        await seed_reader(bot, run, response_url)
        before = stored_deals(url)
        if args.profile:
            return await profile(args, bot, salesbot.pid, run, response_url)
        results = await measure(args, (bot, salesbot.pid), (bare, floor.pid), run, response_url,
                                  url if backend == "sqlite" else None)
        stored = stored_deals(url) - before
        rss = peak_rss_mb(salesbot.pid)
    finally:
        for process in (salesbot, floor):
            process.terminate()
            await process.wait()
        await fake.stop()
    return report(results, stored, rss, backend, args)


async def measure(args, salesbot: tuple[str, int], floor: tuple[str, int], run: str, response_url: str,
                  sqlite_url: str | None) -> dict:
    """Floor and salesbot alternating (A B A B) on `deal add`, then the read-only commands; each server is
    given as (url, pid)."""
    (bot, bot_pid), (bare, floor_pid) = salesbot, floor
    results: dict[str, list[dict]] = {"floor": [], "deal add": [], "pipeline": [], "kpi": [], "locked": []}
    for n in range(args.pairs):
        results["floor"].append(await wrk(bare, DEAL_ADD, args, f"f{run}{n}", response_url, floor_pid))
        results["deal add"].append(await wrk(bot, DEAL_ADD, args, f"s{run}{n}", response_url, bot_pid))
    results["pipeline"].append(await wrk(bot, "pipeline", args, f"p{run}", response_url, bot_pid, READER))
    results["kpi"].append(await wrk(bot, "kpi", args, f"k{run}", response_url, bot_pid, READER))
    if sqlite_url:
        # Another connection holds SQLite's write lock the whole time: a read that wanted it would wait.
        holder = sqlite3.connect(sqlite_url.removeprefix("sqlite:///"), isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
        try:
            results["locked"].append(await wrk(bot, "pipeline", args, f"l{run}", response_url, bot_pid, READER))
        finally:
            holder.execute("ROLLBACK")
            holder.close()
    return results


async def profile(args, bot: str, pid: int, run: str, response_url: str) -> int:
    """Where `serve` spends a `deal add` run: py-spy's top functions (pip install py-spy)."""
    spy = await asyncio.create_subprocess_exec(
        "py-spy", "record", "--pid", str(pid), "--duration", str(args.seconds), "--format", "raw",
        "--output", args.profile, "--threads", "--nonblocking", "--gil", "--rate", "500")
    result = await wrk(bot, args.profile_command, args, f"x{run}", response_url)
    await spy.wait()
    print(f"{args.profile_command} under py-spy: {result['rps']:.0f}/s; stacks in {args.profile}")
    return 0


def _mean(runs: list[dict], key: str) -> float:
    return sum(r[key] for r in runs) / len(runs)


def _worst(runs: list[dict], key: str) -> float:
    return max(r[key] for r in runs)


def report(results: dict, stored: int, rss: float, backend: str, args) -> int:
    floor_rps = _mean(results["floor"], "rps")
    print(f"\n{backend}: {args.connections} connections, {args.seconds} s per run, wrk -t{args.threads}")
    print(f"{'':28s} {'requests/s':>10s} {'p50 ms':>8s} {'p99 ms':>8s} {'ratio':>6s} {'errors':>6s} {'CPU ms/req':>10s}")
    for name, runs in results.items():
        for r in runs:
            errors = int(r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"])
            label = {"floor": "bare bolt floor (deal add)", "locked": "pipeline, write lock held"}.get(name, name)
            print(f"{label:28s} {r['rps']:10.0f} {r['p50_ms']:8.1f} {r['p99_ms']:8.1f} "
                  f"{r['rps'] / floor_rps:6.2f} {errors:6d} {r['cpu_ms']:10.2f}")
    answered = int(sum(r["added"] for r in results["deal add"]))
    print(f"deals acknowledged as added: {answered}, deals stored: {stored} "
          f"(a request cut off at a run's end may be stored unanswered); peak RSS of serve: {rss:.0f} MB")
    ratio = _mean(results["deal add"], "rps") / floor_rps
    summary(f"slash ack ratio to the bolt floor ({backend})", f"{ratio:.2f}", f">= {TARGET_RATIO[backend]}",
            ratio >= TARGET_RATIO[backend])
    p99 = _worst(results["deal add"], "p99_ms")
    summary(f"slash ack deal add p99 ({backend})", f"{p99:.1f} ms", f"< {TARGET_P99_MS:.0f} ms", p99 < TARGET_P99_MS)
    for name in ("pipeline", "kpi"):
        r = results[name][0]
        summary(f"slash ack {name} ({backend})", f"{r['rps']:.0f}/s, p99 {r['p99_ms']:.1f} ms",
                "read-only", r["p99_ms"] < TARGET_P99_MS)
    if results["locked"]:
        r = results["locked"][0]
        errors = r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"]
        summary(f"slash ack pipeline, write lock held elsewhere ({backend})", f"{r['rps']:.0f}/s, {int(errors)} errors",
                "answers, no wait", errors == 0 and r["ok"] > 0)
    summary(f"slash ack deals stored ({backend})", f"{stored} of {answered} acknowledged", "all stored",
            stored >= answered)
    summary(f"serve peak RSS ({backend})", f"{rss:.0f} MB", f"< {TARGET_RSS_MB:.0f} MB", rss < TARGET_RSS_MB)
    return 0


def summary(what: str, measured: str, target: str, ok: bool) -> None:
    print(summary_row(what, measured, target, ok), flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--pairs", type=int, default=2, help="floor/salesbot pairs (A B A B is 2)")
    parser.add_argument("--requests", type=int, default=60_000, help="pre-signed requests per run")
    parser.add_argument("--profile", metavar="FILE", help="only profile serve on deal add with py-spy, to FILE")
    parser.add_argument("--profile-command", default=DEAL_ADD, help="the command --profile runs (default: deal add)")
    return parser.parse_args()


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
