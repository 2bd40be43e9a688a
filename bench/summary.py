"""`make bench`: every speed target's script in turn, then one table of what each measured against its target.

Run: .venv/bin/python bench/summary.py [--quick]   (DATABASE_URL set: the database benches run on it too)
Each script prints `summary: what | measured | target | met/MISSED` lines; this collects them. --quick runs
shorter load runs and fewer rounds (a smoke test of the benches, not a measurement).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def summary_row(what: str, measured: str, target: str, ok: bool) -> str:
    """The line every bench prints per target, and that this script gathers."""
    return f"summary: {what} | {measured} | {target} | {'met' if ok else 'MISSED'}"


def benches(quick: bool, postgres: str | None) -> list[tuple[str, list[str], dict]]:
    """(title, command, extra environment) of every bench, SQLite first, PostgreSQL after when given."""
    sqlite = {"DATABASE_URL": ""}
    load = ["--seconds", "3", "--pairs", "1", "--requests", "20000"] if quick else []
    rounds = ["--rounds", "30"] if quick else []
    runs = [("1. slash-command acknowledgement", ["bench/slash_ack.py", *load], sqlite),
            ("2. per-command cost", ["bench/command_latency.py", *rounds], sqlite)]
    runs.append(("3. fan-out", ["bench/fanout.py"], sqlite))
    runs += [("4. morning batch", ["bench/analytics_scale.py", "--reuse"], sqlite),
             ("5. a big workspace", ["bench/command_latency.py", "--scale", *rounds], sqlite)]
    if postgres:
        pg = {"DATABASE_URL": postgres}
        runs += [("1. slash-command acknowledgement", ["bench/slash_ack.py", *load], pg),
                 ("2. per-command cost", ["bench/command_latency.py", *rounds], pg),
                 ("3. fan-out", ["bench/fanout.py"], pg),
                 ("4. morning batch", ["bench/analytics_scale.py", "--reuse"], pg),
                 ("5. a big workspace", ["bench/command_latency.py", "--scale", *rounds], pg)]
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    rows = []
    for title, command, env in benches(args.quick, os.environ.get("DATABASE_URL")):
        print(f"\n== {title}: {' '.join(command)}", flush=True)
        environment = {k: v for k, v in (os.environ | env).items() if v}
        result = subprocess.run([PYTHON, *command], cwd=ROOT, env=environment, text=True,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        print(result.stdout[-3000:], flush=True)
        found = [line.removeprefix("summary: ").split(" | ") for line in result.stdout.splitlines()
                 if line.startswith("summary: ")]
        rows += [(title.split(".")[0], *row) for row in found]
        if result.returncode != 0 or not found:
            rows.append((title.split(".")[0], f"{command[0]} failed (exit {result.returncode})", "-", "-", "MISSED"))
    print_table(rows)
    return 0


def print_table(rows: list[tuple[str, ...]]) -> None:
    header = ("#", "what", "measured", "target", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(5)]
    print("\n" + "  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths)))


if __name__ == "__main__":
    sys.exit(main())
