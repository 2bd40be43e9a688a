"""Operating salesbot as an operator does: real processes, real HTTP, the metrics text parsed properly."""
from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp
from alembic.script import ScriptDirectory
from prometheus_client.parser import text_string_to_metric_families

from storage.migrate import alembic_config

ROOT = Path(__file__).resolve().parents[2]
PLATFORM_VARIABLES = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET",
                      "SLACK_API_URL", "SLACK_REDIRECT_URI", "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD",
                      "LOG_FORMAT", "LOG_LEVEL")


def head_revision(engine) -> str:
    """The newest migration in the code (what a migrated database must report)."""
    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def database_url(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def salesbot(args: list[str], env: dict) -> subprocess.Popen:
    """`salesbot ARGS` as its own process with only the given settings on top of a clean environment."""
    base = {k: v for k, v in os.environ.items() if k not in PLATFORM_VARIABLES and k != "DATABASE_URL"}
    return subprocess.Popen([sys.executable, "-m", "bot.cli", *args], cwd=ROOT, env=base | env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


async def wait_for_health(http: aiohttp.ClientSession, url: str, process: subprocess.Popen | None = None,
                          scheduler: str | None = None) -> dict:
    """Poll /healthz until it answers 200 (and, if asked, names that scheduler role)."""
    body: dict = {}
    for _ in range(200):
        assert process is None or process.poll() is None, "salesbot exited early"
        try:
            async with http.get(url + "/healthz") as response:
                body = await response.json()
                if response.status == 200 and scheduler in (None, body["scheduler"]):
                    return body
        except aiohttp.ClientConnectionError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"/healthz never became healthy{' with the scheduler ' + scheduler if scheduler else ''}:"
                         f" {body}")


async def scrape(http: aiohttp.ClientSession, url: str) -> dict[tuple[str, tuple], float]:
    """GET /metrics, parsed by prometheus-client's own parser: {(sample name, sorted labels): value}."""
    async with http.get(url + "/metrics") as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("text/plain; version=")
        text = await response.text()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def sample(samples: dict, name: str, **labels) -> float:
    """One sample's value, 0 when the series does not exist (yet)."""
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)
