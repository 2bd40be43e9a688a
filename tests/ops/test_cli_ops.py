"""Operator-facing command line: --version, LOG_FORMAT, JSON log lines."""
from __future__ import annotations

import json
import logging
import sys
import tomllib

from bot.cli import main
from bot.logs import JsonFormatter
from tests.ops.support import ROOT, salesbot


def test_version_prints_the_version_in_pyproject():
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    stdout, _ = salesbot(["--version"], {}).communicate(timeout=60)
    assert stdout == f"salesbot {expected}\n"


def test_a_bad_log_format_stops_start_up_in_one_line_naming_it(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.setenv("LOG_FORMAT", "xml")
    assert main(["db", "current"]) == 2
    assert capsys.readouterr().err == "salesbot: LOG_FORMAT must be text or json, not 'xml'\n"
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "LOUD")
    assert main(["db", "current"]) == 2
    assert "LOG_LEVEL" in capsys.readouterr().err


def test_a_traceback_stays_inside_its_one_json_line():
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        record = logging.LogRecord("bot.web", logging.ERROR, __file__, 1, "failed for %s", ("ana",),
                                   sys.exc_info())
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed for ana" and entry["level"] == "ERROR"
    assert entry["exception"].startswith("Traceback") and "ValueError: bad\nthing" in entry["exception"]
