"""A long fuzz run against a real `salesbot serve` on loopback: status counts and the server's memory.

Usage: .venv/bin/python bench/fuzz.py [requests] [DATABASE_URL]
Sends hostile requests (mutated real Slack and Teams payloads, signed and unsigned, raw bytes that break
parsers) to /slack/events and /api/messages (Teams in no-auth mode), checks /healthz every 500, and prints
the status counts and the server's RSS before, after the first 1,000 and at the end.
"""
from __future__ import annotations

import asyncio
import collections
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.requests_strategies import slack_bodies, slack_headers, teams_bodies  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.signed import SECRET, USER  # noqa: E402
from tests.teams.conftest import start_site  # noqa: E402
from tests.teams.fake_connector import FakeConnector  # noqa: E402

SALESBOT = str(Path(sys.executable).with_name("salesbot"))


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fakes() -> tuple[str, str]:
    """Fake Slack and fake Bot Connector on their own loop thread; returns their URLs."""
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, daemon=True).start()

    async def start() -> tuple[str, str]:
        slack = FakeSlack()
        slack.add_user(USER, "Ana Silva")
        await slack.start()
        connector = FakeConnector()
        _, connector_url = await start_site(connector.app())
        return slack.url, connector_url + "/"
    return asyncio.run_coroutine_threadsafe(start(), loop).result(30)


def start_server(database_url: str, slack_url: str) -> tuple[subprocess.Popen, str]:
    port = 20000 + os.getpid() % 20000
    env = os.environ | {"DATABASE_URL": database_url, "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-fuzz",
                        "SLACK_API_URL": slack_url, "SALESBOT_TEAMS_NO_AUTH": "1", "LOG_LEVEL": "CRITICAL"}
    subprocess.run([SALESBOT, "db", "upgrade"], env=env, check=True, capture_output=True)
    server = subprocess.Popen([SALESBOT, "serve", "--no-scheduler", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            if requests.get(url + "/healthz", timeout=1).status_code == 200:
                return server, url
        except requests.ConnectionError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("salesbot serve did not start")


def run(total: int, url: str, connector_url: str, server: subprocess.Popen) -> None:
    counts: collections.Counter = collections.Counter()
    memory = {"before": rss_mb(server.pid)}
    http = requests.Session()

    @settings(max_examples=total, database=None, phases=[Phase.generate], deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def one(data) -> None:
        target = data.draw(st.sampled_from(["slack signed", "slack signed", "slack unsigned", "teams"]))
        if target.startswith("slack"):
            body, content_type = data.draw(slack_bodies())
            headers = data.draw(slack_headers(body, target == "slack signed"))
            path = "/slack/events"
        else:
            (body, content_type), headers, path = data.draw(teams_bodies(connector_url)), {}, "/api/messages"
        if content_type:
            headers = headers | {"Content-Type": content_type}
        status = http.post(url + path, data=body, headers=headers, timeout=30).status_code
        counts[f"{path} {status}"] += 1
        sent = sum(c for k, c in counts.items() if not k.startswith("/healthz"))
        if sent % 500 == 0:
            counts[f"/healthz {http.get(url + '/healthz', timeout=10).status_code}"] += 1
        if sent == 1000:
            memory["after 1,000"] = rss_mb(server.pid)

    one()
    sent = sum(c for k, c in counts.items() if not k.startswith("/healthz"))
    memory[f"after {sent:,}"] = rss_mb(server.pid)
    for key, count in sorted(counts.items()):
        print(f"{key:<28} {count}")
    print("requests:", sent, " 5xx:", sum(c for k, c in counts.items() if k.split()[-1].startswith("5")))
    print("RSS MB:", "  ".join(f"{k} {v:.1f}" for k, v in memory.items()))


def main(total: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as folder:
        slack_url, connector_url = fakes()
        server, url = start_server(database_url or f"sqlite:///{folder}/fuzz.db", slack_url)
        try:
            run(total, url, connector_url, server)
            print("healthz after the run:", requests.get(url + "/healthz", timeout=10).status_code)
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, sys.argv[2] if len(sys.argv) > 2 else None)
