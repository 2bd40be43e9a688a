"""Replays are no-ops: a slash command or interaction Slack signed once acts once, however often it arrives.

A slash command's key is claimed inside the command's own transaction (handlers/processor.py), so the claim
and the command's writes commit together or not at all; a command that only reads claims nothing (it takes
no write lock) and a replay of it answers again, changing nothing."""
from __future__ import annotations

import hashlib
import logging

from adapters.slack.adapter import SlackAdapter

log = logging.getLogger(__name__)


def replay_key(body: dict) -> str | None:
    """The idempotency key of one delivery: team and trigger id (or action time), hashed.

    Neither user ids nor text go into it: the key table outlives the request, and an anonymous answer
    is clicked through this same path. Events are keyed by their event_id where they are handled.
    """
    if body.get("type") == "event_callback":
        return None
    marker = _marker(body)
    if marker is None:
        return None
    team = body.get("team_id") or (body.get("team") or {}).get("id") or ""
    return "slack:delivery:" + hashlib.sha256(f"{team}\0{marker}".encode()).hexdigest()[:40]


def _marker(body: dict) -> str | None:
    if body.get("trigger_id"):
        return "trigger:" + body["trigger_id"]
    actions = body.get("actions") or []
    if actions and actions[0].get("action_ts"):
        return "action:" + actions[0]["action_ts"]
    return None


async def first_delivery(adapter: SlackAdapter, body: dict) -> bool:
    """False when this very delivery was handled before (in any process sharing the database).

    Called inside the listener's own work, not as middleware: a claim waiting on a locked database
    must not hold up the acknowledgement Slack expects within three seconds.
    """
    key = replay_key(body)
    if key and not await adapter.claim(key):
        log.info("slack: a delivery already handled arrived again; ignored")
        return False
    return True
