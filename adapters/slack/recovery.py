"""Recognising a scheduled post that already reached Slack: by the delivery key its message metadata carries."""
from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from handlers.messaging import Destination, PostResult

if TYPE_CHECKING:
    from adapters.slack.messenger import SlackMessenger

EVENT_TYPE = "salesbot_delivery"
PAGE_SIZE = 200
# A scheduled post is looked for in what was posted since its first attempt; five pages is plenty there.
MAX_PAGES = 5


def delivery_metadata(key: str) -> dict:
    """Slack message metadata naming the delivery a post belongs to (invisible to people)."""
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key}}


def carries(message: dict, key: str) -> bool:
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != EVENT_TYPE:
        return False
    payload = metadata.get("event_payload")
    return isinstance(payload, dict) and payload.get("key") == key


async def find_post(messenger: "SlackMessenger", destination: Destination, since: datetime) -> PostResult | None:
    """The message carrying `destination.key` posted since `since`; None when there is none.

    A failed PostResult means the history could not be read (the caller decides whether to post anyway).
    """
    channel = destination.channel_id
    if channel is None:
        opened = await messenger.open_dm(destination.workspace_id, destination.user_id or "")
        if not opened.ok:
            return opened
        channel = opened.message_id
    cursor = None
    for _ in range(MAX_PAGES):
        page = await messenger.call(destination.workspace_id, None, "conversations_history", channel=channel,
                                    oldest=f"{since.timestamp():.6f}", include_all_metadata=True,
                                    limit=PAGE_SIZE, cursor=cursor)
        if isinstance(page, PostResult):
            return page
        for message in page.get("messages") or []:
            if isinstance(message, dict) and carries(message, destination.key or ""):
                return PostResult(ok=True, message_id=message.get("ts"))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None
    return None
