"""Requests signed the way Slack signs them, built from the captured real payloads."""
from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode

import aiohttp

SECRET = "test-signing-secret"
TEAM = "T01ND2P8N91"
USER = "U01NK1K9L68"
CHANNEL = "C01N9PM1D53"
PAYLOADS = Path(__file__).resolve().parents[3] / "shared" / "fixtures" / "platform-payloads"
if not PAYLOADS.is_dir():  # the worktree layout: /work/wt/<branch> next to /work/shared
    PAYLOADS = Path(__file__).resolve().parents[4] / "shared" / "fixtures" / "platform-payloads"


def captured(name: str) -> dict:
    """A captured real payload: JSON files as they are, form bodies as a dict (payload= decoded)."""
    text = (PAYLOADS / name).read_text().strip()
    if name.endswith(".json"):
        return json.loads(text)
    if text.startswith("payload%3D"):  # this capture was encoded twice
        text = unquote(text)
    form = dict(parse_qsl(text))
    return json.loads(form["payload"]) if "payload" in form else form


def signature(body: str, timestamp: str, secret: str = SECRET) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(body: str, content_type: str, timestamp: int | None = None, secret: str = SECRET) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": signature(body, ts, secret)}


class SlackSender:
    """Posts signed requests to the bot's /slack/events, as Slack would."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str, fake_url: str) -> None:
        self.session, self.base_url, self.fake_url = session, base_url, fake_url
        self._hooks = 0
        self._triggers = 0

    async def post(self, body: str, content_type: str, headers: dict | None = None) -> aiohttp.ClientResponse:
        all_headers = signed_headers(body, content_type) | (headers or {})
        response = await self.session.post(self.base_url + "/slack/events", data=body.encode(), headers=all_headers)
        await response.read()
        return response

    async def form(self, fields: dict, headers: dict | None = None) -> aiohttp.ClientResponse:
        return await self.post(urlencode(fields), "application/x-www-form-urlencoded", headers)

    async def event(self, envelope: dict, headers: dict | None = None) -> aiohttp.ClientResponse:
        return await self.post(json.dumps(envelope), "application/json", headers)

    async def interaction(self, payload: dict) -> aiohttp.ClientResponse:
        return await self.form({"payload": json.dumps(payload)})

    def response_url(self) -> str:
        """A response_url that lands on the fake Slack, recorded as a `response_url` call."""
        self._hooks += 1
        return self.fake_url.replace("/api/", f"/response/{self._hooks}")

    def trigger_id(self) -> str:
        """A fresh trigger id, as Slack gives every command and interaction its own."""
        self._triggers += 1
        return f"13345224609.738474920.{self._triggers:031x}"

    async def command(self, text: str, user: str = USER, channel: str = CHANNEL, **extra) -> dict:
        """`/sales <text>` built on the captured slash command; returns the acknowledgement's JSON (or {})."""
        fields = captured("slack_payload_slash_command.urlencoded") | {
            "command": "/sales", "text": text, "user_id": user, "channel_id": channel,
            "response_url": self.response_url(), "trigger_id": self.trigger_id()} | extra
        response = await self.form(fields)
        assert response.status == 200, response.status
        body = await response.text()
        return json.loads(body) if body.startswith("{") else {}
