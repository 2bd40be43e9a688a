"""A fake Bot Connector on 127.0.0.1: records every activity the bot sends, and can answer with failures."""
from __future__ import annotations

import itertools
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Callable

from aiohttp import web

CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class Sent:
    """One call the bot made: where to, as a reply to what, with which body, and what we answered."""

    method: str
    conversation_id: str
    reply_to_id: str | None
    body: dict
    status: int

    @property
    def cards(self) -> list[dict]:
        return [a["content"] for a in self.body.get("attachments") or [] if a.get("contentType") == CARD]


@dataclass
class FakeConnector:
    """Routes of the Bot Connector REST API the bot uses; `url` is what activities carry as serviceUrl."""

    calls: list[Sent] = field(default_factory=list)
    members: dict[str, dict] = field(default_factory=dict)
    failures: dict[str, deque] = field(default_factory=lambda: defaultdict(deque))
    always_fail: dict[str, int] = field(default_factory=dict)
    url: str = ""
    # (conversation id, activity) -> None to accept, or (status, headers) to refuse with: rate limits, outages.
    gate: Callable[[str, dict], tuple[int, dict] | None] | None = None
    retry_after: str = "0"  # what a 429 answer's Retry-After header says
    connections: set = field(default_factory=set)  # the (host, port) of every client connection seen
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def fail_next(self, conversation_id: str, *statuses: int) -> None:
        """The next posts to `conversation_id` get these statuses, in order, then success."""
        self.failures[conversation_id].extend(statuses)

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_get("/v3/conversations/{cid}/members/{mid}", self._member)
        return app

    async def _post(self, request: web.Request) -> web.Response:
        cid = request.match_info["cid"]
        self.connections.add(request.transport.get_extra_info("peername") if request.transport else None)
        body = await request.json()
        refused = self.gate(cid, body) if self.gate else None
        status, headers = refused or (self._status_for(cid), {})
        self.calls.append(Sent(request.method, cid, request.match_info.get("aid"), body, status))
        if status != 200:
            headers = headers or ({"Retry-After": self.retry_after} if status == 429 else {})
            return web.json_response({"error": {"code": "Fake", "message": f"status {status}"}}, status=status,
                                     headers=headers)
        return web.json_response({"id": f"bot-msg-{next(self._ids)}"})

    def _status_for(self, cid: str) -> int:
        if cid in self.always_fail:
            return self.always_fail[cid]
        queue = self.failures.get(cid)
        return queue.popleft() if queue else 200

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["mid"])
        if member is None:
            return web.json_response({"error": {"code": "NotFound", "message": "no such member"}}, status=404)
        return web.json_response(member)

    # What tests read.
    def posts(self, conversation_id: str | None = None) -> list[Sent]:
        """Successful posts (new messages and replies), optionally to one conversation."""
        return [c for c in self.calls if c.status == 200 and c.method == "POST"
                and (conversation_id is None or c.conversation_id == conversation_id)]

    def cards(self, conversation_id: str | None = None) -> list[dict]:
        return [card for sent in self.posts(conversation_id) for card in sent.cards]

    def last_card(self) -> dict:
        cards = self.cards()
        assert cards, "the bot sent no card"
        return cards[-1]
