"""A bad setting stops start-up with one line naming the variable and a non-zero exit — the real CLI, run as
a process, never a traceback."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path, **env_extra):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/ok.db", "SALESBOT_CHART_DIR": str(tmp_path)}
    env.pop("LOG_LEVEL", None)
    env.update(env_extra)
    return subprocess.run([sys.executable, "-m", "bot.cli", "console", "--no-scheduler"], input="kpi\n",
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("variable, value, says", [
    ("SALESBOT_TIMEZONE", "Mars/X", "'Mars/X'"),
    ("SALESBOT_CURRENCY", "XYZ", "'XYZ'"),
    ("DATABASE_URL", "mysql://x", "'mysql'"),
    ("DATABASE_URL", "garbage", "'garbage'"),
    ("LOG_LEVEL", "LOUD", "'LOUD'"),
])
def test_a_bad_setting_is_one_line_naming_it(tmp_path, variable, value, says):
    result = start(tmp_path, **{variable: value})
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0] and says in lines[0], result.stderr
    assert "Traceback" not in result.stderr + result.stdout and "> kpi" not in result.stdout


def test_a_sqlite_path_that_cannot_be_created_is_named(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = start(tmp_path, DATABASE_URL=f"sqlite:///{blocker}/salesbot.db")
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert "DATABASE_URL" in line and str(blocker) in line and "Traceback" not in result.stderr


def test_an_unreachable_database_is_named(tmp_path):
    result = start(tmp_path, DATABASE_URL="postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert result.returncode != 0
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("salesbot: DATABASE_URL: cannot open the database")


def test_good_settings_start(tmp_path):
    result = start(tmp_path, SALESBOT_TIMEZONE="europe/lisbon", SALESBOT_CURRENCY="eur")
    assert result.returncode == 0, result.stderr
    assert "> kpi" in result.stdout
