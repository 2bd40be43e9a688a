"""`salesbot demo --as`: the person named by handle, name or id, in their real role — never a second person."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def demo(tmp_path, who: str, stdin: str):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/demo.db", "SALESBOT_CHART_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "bot.cli", "demo", "--as", who, "--no-scheduler"], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_as_the_handle_whoami_shows_is_that_person_in_their_role(tmp_path):
    result = demo(tmp_path, "james.carter", "whoami\nkpi @james.carter\n")
    assert result.returncode == 0, result.stderr
    assert "You are James Carter, a sales rep." in result.stdout
    assert "Role       rep" in result.stdout and "could be" not in result.stdout
    assert "KPIs of James Carter" in result.stdout
    again = demo(tmp_path, "james", "whoami\n")
    assert "You are James Carter, a sales rep." in again.stdout  # not "james, a sales manager"
    assert "Handle     @james.carter" in again.stdout


def test_the_demo_has_tasks_and_a_second_currency(tmp_path):
    result = demo(tmp_path, "amelia", "task list\nfx list\npipeline\nrisks\n")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Agree the rollout plan with procurement" in out and "(overdue)" in out
    assert "EUR" in out and "1.08" in out and "USD totals: EUR at 1.08" in out
    assert "follow-up overdue since" in out


def test_an_unknown_demo_person_is_one_line(tmp_path):
    result = demo(tmp_path, "nobody", "whoami\n")
    assert result.returncode != 0 and "--as nobody" in result.stderr and "Traceback" not in result.stderr
