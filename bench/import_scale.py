"""Benchmark: `salesbot import deals` of a Zoho-style file (semicolons, BOM, decimal commas, day-first dates).

Writes a file of --rows deals (default 100,000) owned by 20 reps, imports it into a fresh SQLite file under
/tmp (or the database DATABASE_URL names), and prints the time and the peak memory of the import, then does
the same at a tenth of the rows: memory that does not grow with the file shows as the two peaks being close.

    .venv/bin/python bench/import_scale.py [--rows 100000]

Target: 100,000 rows within 60 s; the peak at 100,000 rows within 1.5x the peak at 10,000.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("Qualification", "Needs Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won",
          "Closed Lost")


def write_file(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write("Record Id;Deal Name;Account Name;Amount;Stage;Closing Date;Deal Owner\n")
        for n in range(rows):
            out.write(f"z{n};Deal {n};Account {n % 5000};{n % 900 + 100}.{n % 1000:03d},{n % 100:02d};"
                      f"{STAGES[n % 6]};{n % 28 + 1:02d}/{n % 12 + 1:02d}/2026;rep{n % 20}@example.com\n")


def import_once(rows: int, folder: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of one import in a child process, so its peak memory is its own."""
    data = folder / f"deals_{rows}.csv"
    write_file(data, rows)
    env = {**os.environ}
    env.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench_{rows}.db")
    child = ("import resource, sys, time; from bot.cli import main; start = time.perf_counter(); "
             f"code = main(['import', 'deals', {str(data)!r}, '--workspace', 'bench-{rows}', '--create-people']);"
             " print('SECONDS', time.perf_counter() - start);"
             " print('PEAK', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024); sys.exit(code)")
    result = subprocess.run([sys.executable, "-c", child], cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])
    values = dict(line.split() for line in result.stdout.splitlines() if line.startswith(("SECONDS", "PEAK")))
    return float(values["SECONDS"]), float(values["PEAK"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="salesbot-import-") as folder:
        small_rows = max(args.rows // 10, 1)
        small = import_once(small_rows, Path(folder))
        large = import_once(args.rows, Path(folder))
    print(f"{small_rows:>7} rows: {small[0]:6.1f} s, peak {small[1]:6.1f} MiB")
    print(f"{args.rows:>7} rows: {large[0]:6.1f} s, peak {large[1]:6.1f} MiB "
          f"({args.rows / large[0]:,.0f} rows/s; peak x{large[1] / small[1]:.2f} of the small file's)")


if __name__ == "__main__":
    main()
