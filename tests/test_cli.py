"""The `salesbot` command line, run as a real process with piped input."""
import os
import subprocess
import sys
from pathlib import Path

SALESBOT = [sys.executable, "-m", "bot.cli"]
ROOT = Path(__file__).resolve().parents[1]


def run(args, tmp_path, stdin="", env_extra=None):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db", "SALESBOT_CHART_DIR": str(tmp_path)}
    env.update(env_extra or {})
    return subprocess.run(SALESBOT + args, input=stdin, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)


def test_piped_console_script_adds_a_deal_and_shows_the_pipeline(tmp_path):
    result = run(["console", "--as", "ana"], tmp_path,
                 'deal add "Acme renewal" 12k stage=proposal\npipeline\n')
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Deal #1 added: Acme renewal, $12,000, proposal." in out
    table = out[out.index("> pipeline"):]
    assert any(line.split()[:4] == ["proposal", "1", "$12,000", "50%"] for line in table.splitlines())
    assert "Traceback" not in out + result.stderr


def test_console_keeps_data_between_runs_and_explains_mistakes(tmp_path):
    run(["console", "--as", "ana"], tmp_path, 'deal add "Acme renewal" 12k\n')
    result = run(["console", "--as", "ana"], tmp_path, "deal show #1\ndeal add x 12kk\n")
    assert "== #1 Acme renewal ==" in result.stdout
    assert "Error: '12kk' is not an amount" in result.stdout
    assert result.returncode == 0


def test_help_documents_every_subcommand(tmp_path):
    top = run(["--help"], tmp_path)
    assert top.returncode == 0
    for name in ("console", "demo", "db", "serve"):
        assert name in top.stdout
        sub = run([name, "--help"], tmp_path)
        assert sub.returncode == 0 and "usage: salesbot " + name in sub.stdout


def test_db_upgrade_creates_the_schema(tmp_path):
    result = run(["db", "upgrade"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout and "None" not in result.stdout
    assert (tmp_path / "cli.db").exists()


def test_bad_port_setting_is_one_clear_line(tmp_path):
    result = run(["db", "current"], tmp_path, env_extra={"PORT": "http"})
    assert result.returncode == 2
    assert result.stderr.strip() == "salesbot: PORT must be a port number, not 'http'"
