"""The floor for bench/slash_ack.py: a bare slack-bolt AsyncApp on aiohttp whose /sales only acknowledges.

Run: .venv/bin/python bench/bolt_floor.py PORT SLACK_API_URL   (signing secret of tests/slack/signed.py)
"""
from __future__ import annotations

import sys
from pathlib import Path

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.slack.signed import SECRET  # noqa: E402


def floor_app(api_url: str) -> AsyncApp:
    """The same signature checks and request parsing salesbot's Slack app has, and no work at all."""
    app = AsyncApp(signing_secret=SECRET, client=AsyncWebClient(token="xoxb-floor", base_url=api_url))

    @app.command("/sales")
    async def sales(ack) -> None:
        await ack(response_type="ephemeral", text="ok")
    return app


if __name__ == "__main__":
    port, api_url = int(sys.argv[1]), sys.argv[2]
    web.run_app(floor_app(api_url).web_app(path="/slack/events"), host="127.0.0.1", port=port, print=None)
