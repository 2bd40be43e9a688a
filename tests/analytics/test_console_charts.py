"""Charts in the console: written to a file whose path is printed; matplotlib loads only when one is drawn."""
import subprocess
import sys
from pathlib import Path

from adapters.console.session import ConsoleSession

REPO = Path(__file__).resolve().parents[2]


def test_console_writes_the_chart_and_prints_its_path(processor, tmp_path):
    session = ConsoleSession(processor, "ana", "acme", chart_dir=str(tmp_path / "charts"))
    for line in ('deal add "One" 5k', 'deal add "Two" 7k stage=qualified', 'deal add "Three" 9k stage=proposal',
                 "deal won #3"):
        assert "Error" not in session.answer(line)
    printed = session.answer("funnel chart")
    saved = tmp_path / "charts" / "funnel-acme-30d.png"
    assert f"Chart saved to {saved}" in printed
    assert saved.read_bytes().startswith(b"\x89PNG")


def test_starting_the_bot_does_not_load_matplotlib():
    code = ("import sys, bot.bootstrap, handlers.commands, handlers.analytics.charts; "
            "print('matplotlib' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
