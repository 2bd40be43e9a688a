"""The install steps of docs/deploy.md, run for real in a fresh virtualenv (slow: `.ci/run` runs it)."""
from __future__ import annotations

import os
import site
import sqlite3
import subprocess
import sys
import tomllib

import pytest

from tests.ops.support import ROOT

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not os.environ.get("SALESBOT_SLOW_TESTS"), reason="set SALESBOT_SLOW_TESTS=1")]


def test_pip_install_into_a_fresh_virtualenv_then_migrate_and_back_up(tmp_path):
    venv, data = tmp_path / "venv", tmp_path / "data"
    data.mkdir()
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    # The dependencies are borrowed from this environment (pip resolved them from pyproject.toml already;
    # downloading them again takes minutes); salesbot itself is a regular, not editable, install of the
    # sources: what ships (entry point, migrations) is what runs.
    own = venv / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / "site-packages"
    (own / "borrowed.pth").write_text(site.getsitepackages()[0] + "\n")
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--no-deps", str(ROOT)], check=True,
                   timeout=600, cwd=tmp_path)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{data / 'salesbot.db'}",
           "HOME": str(tmp_path)}

    def salesbot(*args: str) -> str:
        result = subprocess.run([str(venv / "bin" / "salesbot"), *args], cwd=data, env=env, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        return result.stdout

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert salesbot("--version") == f"salesbot {version}\n"
    located = subprocess.run([str(venv / "bin" / "python"), "-c", "import storage; print(storage.__file__)"],
                             capture_output=True, text=True, cwd=data, env=env, check=True).stdout
    assert located.startswith(str(own)), located  # this installed copy runs, not the checkout
    assert "database at revision 0" in salesbot("db", "upgrade")  # the migrations were packaged
    salesbot("db", "backup", str(data / "copy.db"))
    tables = {row[0] for row in sqlite3.connect(data / "copy.db").execute("SELECT name FROM sqlite_master")}
    assert {"deal", "workspace", "alembic_version"} <= tables
