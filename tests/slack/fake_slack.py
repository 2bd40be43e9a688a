"""A fake Slack Web API on loopback: answers like Slack, records every call, keeps each channel's history (with
message metadata), fails on demand (429, 5xx) or through a `gate` that enforces rate limits."""
from __future__ import annotations

import asyncio
import base64
import json
import time
from dataclasses import dataclass, field
from typing import Callable
from urllib.parse import parse_qsl

from aiohttp import web


@dataclass
class ApiCall:
    """One request the bot made: the method (or `response_url`/`upload`), its arguments and token."""

    method: str
    args: dict
    token: str | None
    at: float = field(default_factory=time.monotonic)


def _user(user_id: str, name: str, tz: str = "Europe/Lisbon", locale: str = "en-US") -> dict:
    return {"id": user_id, "name": name.lower(), "real_name": name, "tz": tz, "is_bot": False, "locale": locale,
            "profile": {"display_name": name, "real_name": name}}


def _with_locale(user: dict, args: dict) -> dict:
    """users.info leaves `locale` out unless the call asks for it with include_locale, as Slack does."""
    if str(args.get("include_locale", "")).lower() in ("1", "true"):
        return user
    return {key: value for key, value in user.items() if key != "locale"}


class FakeSlack:
    """Start with `await fake.start()`; `fake.url` is the SLACK_API_URL to give the bot."""

    def __init__(self) -> None:
        self.calls: list[ApiCall] = []
        self.users: dict[str, dict] = {}
        self.failures: dict[str, list[tuple[int, dict, dict | str]]] = {}
        self.channel_errors: dict[str, str] = {}
        self.installed = {"team": {"id": "T9", "name": "Installed Co"}, "access_token": "xoxb-installed"}
        self.history: dict[str, list[dict]] = {}  # channel -> messages posted there, oldest first
        # (method, args, token) -> None to answer, or (status, headers) to refuse with: rate limits, outages.
        self.gate: Callable[[str, dict, str | None], tuple[int, dict] | None] | None = None
        self.post_delay = 0.0  # seconds a posted message waits, already in the channel, before Slack answers
        self.in_flight = self.max_in_flight = 0
        self.unanswered: set[str] = set()  # ts of messages posted whose answer has not been sent yet
        self._runner: web.AppRunner | None = None
        self.url = ""
        self._ts = 0

    def add_user(self, user_id: str, name: str, tz: str = "Europe/Lisbon", locale: str = "en-US") -> None:
        self.users[user_id] = _user(user_id, name, tz, locale)

    def fail(self, method: str, status: int, headers: dict | None = None, body: dict | str | None = None) -> None:
        """The next call of `method` gets this answer instead of success (queue several to fail repeatedly)."""
        self.failures.setdefault(method, []).append((status, headers or {}, body or {"ok": False, "error": "x"}))

    def called(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{hook}", self._response_url)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/api/"
        self.base = f"http://127.0.0.1:{port}/"

    async def stop(self) -> None:
        if self._runner:
            await self._runner.cleanup()

    async def _args(self, request: web.Request) -> dict:
        args = dict(request.query)
        if request.content_type == "application/json":
            args.update(await request.json())
        elif request.can_read_body:
            args.update(parse_qsl(await request.text()))
        return args

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        authorization = request.headers.get("Authorization") or ""
        token = authorization.removeprefix("Bearer ") if authorization.startswith("Bearer ") else None
        args = await self._args(request)
        if authorization.startswith("Basic "):  # oauth.v2.access sends the client id and secret this way
            user, _, _ = base64.b64decode(authorization[6:]).decode().partition(":")
            args["client_id"] = user
        self.calls.append(ApiCall(method, args, token))
        refused = self.gate(method, args, token) if self.gate else None
        if refused:
            status, headers = refused
            return web.json_response({"ok": False, "error": "ratelimited" if status == 429 else "fatal_error"},
                                     status=status, headers=headers)
        queued = self.failures.get(method)
        if queued:
            status, headers, body = queued.pop(0)
            if isinstance(body, str):
                return web.Response(status=status, headers=headers, text=body)
            return web.json_response(body, status=status, headers=headers)
        answer = self._answer(method, args)
        if method == "chat.postMessage" and self.post_delay:
            await self._hold(answer.get("ts"))
        return web.json_response(answer)

    async def _hold(self, ts: str | None) -> None:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self.unanswered.add(ts)
        try:
            await asyncio.sleep(self.post_delay)
            self.unanswered.discard(ts)
        finally:
            self.in_flight -= 1

    def _next_ts(self) -> str:
        """Like Slack's: the posting time in seconds, unique (history is filtered by it)."""
        self._ts = max(self._ts + 1, int(time.time() * 1_000_000))
        return f"{self._ts // 1_000_000}.{self._ts % 1_000_000:06d}"

    def _answer(self, method: str, args: dict) -> dict:
        channel = args.get("channel") or args.get("channel_id")
        if channel in self.channel_errors and method in ("chat.postMessage", "chat.postEphemeral"):
            return {"ok": False, "error": self.channel_errors[channel]}
        answers = {
            "auth.test": lambda: {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1", "team": "Acme",
                                  "url": "https://acme.slack.com/"},
            "users.info": lambda: {"ok": True, "user": _with_locale(
                self.users.get(args.get("user"), _user(args.get("user", "U?"), "Someone")), args)},
            "chat.postMessage": lambda: self._post(channel, args),
            "conversations.history": lambda: self._history(channel, args),
            "chat.postEphemeral": lambda: {"ok": True, "message_ts": self._next_ts()},
            "conversations.open": lambda: {"ok": True, "channel": {"id": "D" + args.get("users", "X")}},
            "views.open": lambda: {"ok": True, "view": {"id": "V1"}},
            "views.publish": lambda: {"ok": True, "view": {"id": "VHOME"}},
            "files.getUploadURLExternal": lambda: {"ok": True, "upload_url": self.base + "upload/F1",
                                                   "file_id": "F1"},
            "files.completeUploadExternal": lambda: {"ok": True, "files": [{"id": "F1"}]},
            "oauth.v2.access": lambda: {"ok": True, "app_id": "A1", "bot_user_id": "UBOT9", "token_type": "bot",
                                        "scope": "commands,chat:write", "authed_user": {"id": "U1"},
                                        **self.installed},
        }
        return answers.get(method, lambda: {"ok": True})()

    def _post(self, channel: str, args: dict) -> dict:
        message = {"type": "message", "ts": self._next_ts(), "text": args.get("text", "")}
        if isinstance(args.get("metadata"), dict):
            message["metadata"] = args["metadata"]
        self.history.setdefault(channel, []).append(message)
        return {"ok": True, "channel": channel, "ts": message["ts"], "message": message}

    def _history(self, channel: str, args: dict) -> dict:
        """Newest first, after `oldest`; metadata only when include_all_metadata asks for it, as Slack does."""
        with_metadata = str(args.get("include_all_metadata", "")).lower() in ("1", "true")
        oldest = float(args.get("oldest") or 0)
        messages = [m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
                    for m in reversed(self.history.get(channel, [])) if float(m["ts"]) > oldest]
        return {"ok": True, "messages": messages, "has_more": False}

    def posts_to(self, channel: str) -> list[dict]:
        """The messages in `channel` (a DM's channel is `D` + the user id)."""
        return self.history.get(channel, [])

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        self.calls.append(ApiCall("upload", {"file_id": request.match_info["file_id"], "bytes": len(data),
                                             "content": data}, None))
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def _response_url(self, request: web.Request) -> web.Response:
        self.calls.append(ApiCall("response_url", json.loads(await request.text()), None))
        return web.Response(text="ok", content_type="text/plain")
