"""`salesbot serve` with Slack settings: a bad configuration stops start-up in one line; a good one serves /sales."""
from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.cli import main
from storage.database import make_engine
from storage.store import Store
from tests.slack.signed import TEAM, SlackSender

ROOT = Path(__file__).resolve().parents[2]
SLACK_VARIABLES = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET",
                   "SLACK_API_URL", "SLACK_REDIRECT_URI")


@pytest.fixture
def environment(monkeypatch, tmp_path):
    for name in SLACK_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.db'}")
    return monkeypatch


@pytest.mark.parametrize("variables, named", [
    ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_CLIENT_ID": "1", "SLACK_CLIENT_SECRET": "2"},
     "not both"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_CLIENT_ID": "1"}, "SLACK_CLIENT_SECRET"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "user-token"}, "SLACK_BOT_TOKEN"),
    ({"SLACK_SIGNING_SECRET": "s", "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": "slack.local"}, "SLACK_API_URL"),
])
def test_a_missing_or_contradictory_setting_stops_start_up_in_one_line(environment, capsys, variables, named):
    for name, value in variables.items():
        environment.setenv(name, value)
    assert main(["serve", "--port", "1"]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and error.startswith("salesbot: ") and named in error


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def wait_until_up(http: aiohttp.ClientSession, url: str, process: subprocess.Popen) -> None:
    for _ in range(150):
        assert process.poll() is None, "salesbot serve exited early"
        try:
            async with http.get(url + "/healthz") as response:
                if response.status == 200:
                    return
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError("salesbot serve did not answer /healthz")


async def test_salesbot_serve_answers_a_signed_deal_add(fake_slack, tmp_path, http):
    database = f"sqlite:///{tmp_path / 'done.db'}"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in SLACK_VARIABLES} | {
        "SLACK_SIGNING_SECRET": "test-signing-secret", "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake_slack.url, "DATABASE_URL": database}
    process = subprocess.Popen([sys.executable, "-m", "bot.cli", "serve", "--host", "127.0.0.1", "--port",
                                str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        await wait_until_up(http, url, process)
        ack = await SlackSender(http, url, fake_slack.url).command('deal add "Acme renewal" 12k stage=proposal')
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert ack["blocks"][0]["text"]["text"] == "#1 Acme renewal"
    assert "Deal #1 added" in json.dumps(ack["blocks"])
    with Store(make_engine(database)).workspace("slack", TEAM) as ws:
        assert ws.deals.by_number(1).name == "Acme renewal"
